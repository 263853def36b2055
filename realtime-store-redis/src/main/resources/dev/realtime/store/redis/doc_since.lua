-- The entries from a revision on, if the log still reaches back to it.
-- KEYS[1] meta, KEYS[2] log; ARGV[1] revision
-- Returns {0} when the log does not hold that revision, else {1, entries}.
local state = redis.call('hmget', KEYS[1], 'v', 'b')
local v = tonumber(state[1]) or 0
local b = tonumber(state[2]) or 0
local r = tonumber(ARGV[1])
if r < b or r > v then
  return {0}
end
return {1, redis.call('lrange', KEYS[2], r - b, -1)}
