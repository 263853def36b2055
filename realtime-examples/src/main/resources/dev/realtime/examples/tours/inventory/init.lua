-- Creates a tour's seats at its capacity unless Redis has them already (a restart keeps them).
-- KEYS[1] tours:ID   ARGV[1] capacity  ARGV[2] name  ARGV[3] now (ms)
-- A new tour starts at version TIME in microseconds: if Redis lost the tour (FLUSHALL, a restart
-- without persistence) its versions start again above every version nodes have seen, never below.
local capacity = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  local t = redis.call('TIME')
  local version = tonumber(t[1]) * 1000000 + tonumber(t[2])
  redis.call('HSET', KEYS[1], 'seats', capacity, 'version', version, 'changed', ARGV[3])
end
redis.call('HSET', KEYS[1], 'capacity', capacity, 'name', ARGV[2])
if tonumber(redis.call('HGET', KEYS[1], 'seats')) > capacity then
  redis.call('HSET', KEYS[1], 'seats', capacity, 'changed', ARGV[3])
  redis.call('HINCRBY', KEYS[1], 'version', 1)
end
local state = redis.call('HMGET', KEYS[1], 'seats', 'version', 'changed')
return {tonumber(state[1]), tonumber(state[2]), tonumber(state[3])}
