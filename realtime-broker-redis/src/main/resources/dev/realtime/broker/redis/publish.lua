-- One publish, atomically: idempotency check, epoch, offset, history, TTLs, PUBLISH.
-- KEYS[1] stream, KEYS[2] meta, KEYS[3] idempotency key (always passed: same slot)
-- ARGV[1] payload, ARGV[2] excluded client id ("" for none), ARGV[3] history size,
-- ARGV[4] history TTL ms, ARGV[5] meta TTL ms, ARGV[6] epoch to start if none,
-- ARGV[7] pub/sub channel, ARGV[8] "1" to keep in history, ARGV[9] idempotency TTL ms (0: no key)
-- Returns {offset, epoch, duplicate (0/1)}.
local stream, meta, idem = KEYS[1], KEYS[2], KEYS[3]
local idem_ttl = tonumber(ARGV[9])
if idem_ttl > 0 then
  local previous = redis.call('get', idem)
  if previous then
    local space = string.find(previous, ' ', 1, true)
    return {string.sub(previous, 1, space - 1), string.sub(previous, space + 1), 1}
  end
end
local epoch = redis.call('hget', meta, 'e')
if not epoch then
  -- The stream's metadata is gone (new channel, expired, or Redis lost it): a new epoch, so no
  -- client trusts an offset of the old one, and no leftover entry can collide with new ids.
  epoch = ARGV[6]
  redis.call('del', stream)
  redis.call('hset', meta, 'e', epoch, 'o', 0)
end
local offset
local kind
if ARGV[8] == '1' then
  offset = redis.call('hincrby', meta, 'o', 1)
  local now = redis.call('time')
  local millis = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
  local id = string.format('%d', offset)
  if ARGV[2] == '' then
    redis.call('xadd', stream, 'MAXLEN', '=', ARGV[3], id, 'd', ARGV[1], 't', millis)
  else
    redis.call('xadd', stream, 'MAXLEN', '=', ARGV[3], id, 'd', ARGV[1], 't', millis, 'x', ARGV[2])
  end
  redis.call('pexpire', stream, ARGV[4])
  kind = 'h'
else
  offset = tonumber(redis.call('hget', meta, 'o'))
  kind = 'l'
end
redis.call('pexpire', meta, ARGV[5])
local offset_text = string.format('%d', offset)
if idem_ttl > 0 then
  redis.call('set', idem, offset_text .. ' ' .. epoch, 'PX', idem_ttl)
end
local excluded = ARGV[2]
redis.call('publish', ARGV[7],
  'r1 ' .. kind .. ' ' .. offset_text .. ' ' .. epoch .. ' ' .. string.len(excluded) .. ':' ..
  excluded .. ' ' .. ARGV[1])
return {offset_text, epoch, 0}
