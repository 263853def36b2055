-- Puts a tour back to its capacity and forgets its bookings.
-- KEYS[1] tours:ID  KEYS[2] tours:ID:bookings   ARGV[1] now (ms)
-- Answers {1, seats, version, changed}, or {0} when Redis has no such tour.
local capacity = redis.call('HGET', KEYS[1], 'capacity')
if not capacity then
  return {0}
end
redis.call('DEL', KEYS[2])
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'seats', capacity, 'changed', ARGV[1])
return {1, tonumber(capacity), version, tonumber(ARGV[1])}
