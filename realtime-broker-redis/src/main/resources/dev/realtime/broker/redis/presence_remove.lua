-- Removes presence entries. KEYS[1] presence hash, KEYS[2] expiry zset; ARGV client ids.
for i = 1, #ARGV do
  redis.call('zrem', KEYS[2], ARGV[i])
  redis.call('hdel', KEYS[1], ARGV[i])
end
return #ARGV
