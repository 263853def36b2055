-- Takes seats as one booking if enough are left: the check and the change are one step.
-- KEYS[1] tours:ID  KEYS[2] tours:ID:bookings   ARGV[1] seats  ARGV[2] booking id  ARGV[3] now (ms)
-- Answers {1, seats left, version, changed} booked, {0, seats, version, changed} not enough,
-- {-1} when Redis has no such tour (lost: the caller creates it again and retries).
local state = redis.call('HMGET', KEYS[1], 'seats', 'version', 'changed')
if not state[1] then
  return {-1}
end
local seats = tonumber(state[1])
local wanted = tonumber(ARGV[1])
if wanted > seats then
  return {0, seats, tonumber(state[2]), tonumber(state[3])}
end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'seats', seats - wanted, 'changed', ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1] .. ' ' .. ARGV[3])
return {1, seats - wanted, version, tonumber(ARGV[3])}
