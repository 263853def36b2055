-- The simulation: takes up to ARGV[1] seats without a booking, stopping at 0.
-- KEYS[1] tours:ID   ARGV[1] seats  ARGV[2] now (ms)
-- Answers {1, seats, version, changed}, or {0} when none were left (or the tour is unknown).
local seats = tonumber(redis.call('HGET', KEYS[1], 'seats'))
if not seats or seats == 0 then
  return {0}
end
local left = math.max(0, seats - tonumber(ARGV[1]))
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'seats', left, 'changed', ARGV[2])
return {1, left, version, tonumber(ARGV[2])}
