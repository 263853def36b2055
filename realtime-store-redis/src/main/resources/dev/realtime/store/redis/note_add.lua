-- Stores a notification as the newest unless its id is taken, then evicts the oldest beyond the
-- capacity with their bodies, expiry entries and read state.
-- KEYS[1] seq (STRING counter), KEYS[2] order (ZSET seq -> id), KEYS[3] bodies (HASH id -> "seq json"),
-- KEYS[4] expiry (ZSET expiry ms -> id); read state is PREFIX .. id (a SET of user ids), same slot.
-- ARGV[1] id, ARGV[2] body, ARGV[3] expiry ms ("" for none), ARGV[4] capacity, ARGV[5] read key prefix
-- Returns the notification's sequence number, or 0 if the id is taken.
local seq_key, order, bodies, expiry = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, read = ARGV[1], ARGV[5]
if redis.call('hexists', bodies, id) == 1 then
  return 0
end
local seq = redis.call('incr', seq_key)
redis.call('zadd', order, seq, id)
redis.call('hset', bodies, id, seq .. ' ' .. ARGV[2])
redis.call('del', read .. id)
if ARGV[3] ~= '' then
  redis.call('zadd', expiry, ARGV[3], id)
end
local over = redis.call('zcard', order) - tonumber(ARGV[4])
if over > 0 then
  local oldest = redis.call('zpopmin', order, over)
  for i = 1, #oldest, 2 do
    redis.call('hdel', bodies, oldest[i])
    redis.call('zrem', expiry, oldest[i])
    redis.call('del', read .. oldest[i])
  end
end
return seq
