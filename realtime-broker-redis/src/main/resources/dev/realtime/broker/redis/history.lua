-- A channel's position and, when recoverable in principle, the entries after a position.
-- KEYS[1] stream, KEYS[2] meta
-- ARGV[1] since offset, ARGV[2] since epoch ("" for the position only), ARGV[3] limit,
-- ARGV[4] meta TTL ms, ARGV[5] epoch to start if none
-- Returns {epoch, top offset, server time ms, entries}; entries is empty unless the epoch matches
-- and 0 < top - since <= limit. The caller checks that they are contiguous and young enough.
local stream, meta = KEYS[1], KEYS[2]
local epoch = redis.call('hget', meta, 'e')
if not epoch then
  epoch = ARGV[5]
  redis.call('del', stream)
  redis.call('hset', meta, 'e', epoch, 'o', 0)
end
redis.call('pexpire', meta, ARGV[4])
local top = tonumber(redis.call('hget', meta, 'o'))
local since = tonumber(ARGV[1])
local limit = tonumber(ARGV[3])
local now = redis.call('time')
local millis = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
local entries = {}
if ARGV[2] == epoch and since < top and top - since <= limit then
  entries = redis.call('xrange', stream, string.format('%d', since + 1), '+', 'COUNT', limit)
end
return {epoch, string.format('%d', top), millis, entries}
