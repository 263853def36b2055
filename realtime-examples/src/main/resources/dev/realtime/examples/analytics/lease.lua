-- Takes or keeps the ingest lease. KEYS[1] analytics:ingest:leader  ARGV[1] node id  ARGV[2] TTL (ms)
-- Answers 1 when this node holds it for another TTL, 0 when another node does.
local owner = redis.call('GET', KEYS[1])
if not owner then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
