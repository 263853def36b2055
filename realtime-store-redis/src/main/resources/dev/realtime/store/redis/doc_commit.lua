-- One commit, atomically: deduplicate by client and seq, refuse what is too old to deduplicate,
-- compare the end of the log with the revision the operation was transformed to, append.
-- KEYS[1] meta (HASH v = end of the log, b = revision of its first entry, s = snapshot revision)
-- KEYS[2] log (LIST of entries, oldest first), KEYS[3] seqs (HASH client -> "seq produced"),
-- KEYS[4] clients (ZSET client -> revision its last entry produced)
-- ARGV[1] revision the entry lands at, ARGV[2] base revision, ARGV[3] client id, ARGV[4] seq,
-- ARGV[5] the entry as stored
-- Returns {0, produced} committed, {1, produced or -1} duplicate, {2, end} conflict, {3, end} stale.
local meta, log, seqs, clients = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local state = redis.call('hmget', meta, 'v', 'b')
local v = tonumber(state[1]) or 0
local b = tonumber(state[2]) or 0
local seq = tonumber(ARGV[4])
local last = redis.call('hget', seqs, ARGV[3])
if last then
  local space = string.find(last, ' ', 1, true)
  local last_seq = tonumber(string.sub(last, 1, space - 1))
  if seq <= last_seq then
    if seq == last_seq then
      return {1, tonumber(string.sub(last, space + 1))}
    end
    return {1, -1}
  end
end
if tonumber(ARGV[2]) < b then
  return {3, v}
end
if tonumber(ARGV[1]) ~= v then
  return {2, v}
end
redis.call('rpush', log, ARGV[5])
v = v + 1
redis.call('hset', meta, 'v', v)
redis.call('hset', seqs, ARGV[3], ARGV[4] .. ' ' .. v)
redis.call('zadd', clients, v, ARGV[3])
return {0, v}
