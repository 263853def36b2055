-- Adds or refreshes presence entries with an expiry on the server's clock.
-- KEYS[1] presence hash, KEYS[2] expiry zset
-- ARGV[1] entry TTL ms, then pairs: client id, info
local now = redis.call('time')
local expires = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  redis.call('zadd', KEYS[2], expires, ARGV[i])
  redis.call('hset', KEYS[1], ARGV[i], ARGV[i + 1])
end
-- The keys outlive their last entry by one TTL at most, so a dead cluster leaves nothing behind.
redis.call('pexpire', KEYS[1], ARGV[1])
redis.call('pexpire', KEYS[2], ARGV[1])
return (#ARGV - 1) / 2
