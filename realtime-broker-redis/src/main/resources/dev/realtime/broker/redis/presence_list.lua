-- Prunes expired presence entries, then returns the rest as {client id, info, ...}.
-- KEYS[1] presence hash, KEYS[2] expiry zset; ARGV[1] "1" to return the count only
local now = redis.call('time')
local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local expired = redis.call('zrangebyscore', KEYS[2], '-inf', millis)
for i = 1, #expired do
  redis.call('hdel', KEYS[1], expired[i])
end
if #expired > 0 then
  redis.call('zremrangebyscore', KEYS[2], '-inf', millis)
end
if ARGV[1] == '1' then
  return redis.call('zcard', KEYS[2])
end
return redis.call('hgetall', KEYS[1])
