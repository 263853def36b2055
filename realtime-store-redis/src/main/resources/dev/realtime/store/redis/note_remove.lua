-- Removes notifications, each only if it is still the one with that sequence number (an id may be
-- used again after eviction), with their expiry entries and read state.
-- KEYS[1] order, KEYS[2] bodies, KEYS[3] expiry; ARGV[1] read key prefix, ARGV[2..] id, seq pairs
-- Returns how many were removed.
local order, bodies, expiry, read = KEYS[1], KEYS[2], KEYS[3], ARGV[1]
local removed = 0
for i = 2, #ARGV, 2 do
  local id = ARGV[i]
  local score = redis.call('zscore', order, id)
  if score and tonumber(score) == tonumber(ARGV[i + 1]) then
    redis.call('zrem', order, id)
    redis.call('hdel', bodies, id)
    redis.call('zrem', expiry, id)
    redis.call('del', read .. id)
    removed = removed + 1
  end
end
return removed
