-- Gives a booking's seats back, never above the capacity, and forgets the booking.
-- KEYS[1] tours:ID  KEYS[2] tours:ID:bookings   ARGV[1] booking id  ARGV[2] now (ms)
-- Answers {1, seats, version, changed, seats held, created} or {0} when there is no such booking.
local booking = redis.call('HGET', KEYS[2], ARGV[1])
if not booking then
  return {0}
end
local state = redis.call('HMGET', KEYS[1], 'seats', 'capacity')
if not state[1] then
  return {0}
end
local space = string.find(booking, ' ', 1, true)
local held = tonumber(string.sub(booking, 1, space - 1))
local created = tonumber(string.sub(booking, space + 1))
local seats = math.min(tonumber(state[2]), tonumber(state[1]) + held)
redis.call('HDEL', KEYS[2], ARGV[1])
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'seats', seats, 'changed', ARGV[2])
return {1, seats, version, tonumber(ARGV[2]), held, created}
