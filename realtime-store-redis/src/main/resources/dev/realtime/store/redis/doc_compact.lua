-- Stores a snapshot unless one as new is stored, then trims the log to its bound, never past the
-- snapshot; clients whose last entry is trimmed are deduplicated no more.
-- KEYS[1] meta, KEYS[2] log, KEYS[3] snapshot (HASH r, c), KEYS[4] seqs, KEYS[5] clients
-- ARGV[1] snapshot revision, ARGV[2] content as stored, ARGV[3] log limit
-- Returns 1 stored, 0 ignored (not newer), -1 refused (beyond the end of the log).
local meta, log, snapshot, seqs, clients = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local state = redis.call('hmget', meta, 'v', 'b', 's')
local v = tonumber(state[1]) or 0
local b = tonumber(state[2]) or 0
local s = tonumber(state[3]) or 0
local r = tonumber(ARGV[1])
if r > v then
  return -1
end
if r <= s then
  return 0
end
redis.call('hset', snapshot, 'r', ARGV[1], 'c', ARGV[2])
redis.call('hset', meta, 's', r, 'v', v, 'b', b)
local start = v - math.max(tonumber(ARGV[3]), v - r)
if start > b then
  redis.call('ltrim', log, start - b, -1)
  redis.call('hset', meta, 'b', start)
  local gone = redis.call('zrangebyscore', clients, '-inf', start)
  for i = 1, #gone do
    redis.call('hdel', seqs, gone[i])
  end
  redis.call('zremrangebyscore', clients, '-inf', start)
end
return 1
