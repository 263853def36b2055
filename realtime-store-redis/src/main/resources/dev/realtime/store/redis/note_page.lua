-- One batch of stored notifications, newest first, strictly older than a cursor.
-- KEYS[1] order, KEYS[2] bodies
-- ARGV[1] id the page starts before ("" for none), ARGV[2] sequence number the batch starts
-- before ("" for none: then ARGV[1] decides), ARGV[3] batch size
-- Returns {0} if ARGV[1] names no stored notification, else {1, id, body, id, body, ...}; a body
-- is "seq json".
local order, bodies = KEYS[1], KEYS[2]
local upper = '+inf'
if ARGV[2] ~= '' then
  upper = '(' .. ARGV[2]
elseif ARGV[1] ~= '' then
  local score = redis.call('zscore', order, ARGV[1])
  if not score then
    return {0}
  end
  upper = '(' .. score
end
local ids = redis.call('zrevrangebyscore', order, upper, '-inf', 'LIMIT', 0, tonumber(ARGV[3]))
local reply = {1}
for i = 1, #ids do
  reply[#reply + 1] = ids[i]
  reply[#reply + 1] = redis.call('hget', bodies, ids[i])
end
return reply
