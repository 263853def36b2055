-- A document's snapshot and every entry after it, read at one instant.
-- KEYS[1] meta, KEYS[2] log, KEYS[3] snapshot
-- Returns {} for an unknown document, else {end, snapshot revision, has snapshot (0/1), content, entries}.
local meta, log, snapshot = KEYS[1], KEYS[2], KEYS[3]
local state = redis.call('hmget', meta, 'v', 'b', 's')
if not state[1] then
  return {}
end
local v = tonumber(state[1])
local b = tonumber(state[2]) or 0
local s = tonumber(state[3]) or 0
local content = redis.call('hget', snapshot, 'c')
local has = 1
if not content then
  has = 0
  content = ''
end
return {v, s, has, content, redis.call('lrange', log, s - b, -1)}
