-- Gives the ingest lease up if this node holds it. KEYS[1] analytics:ingest:leader  ARGV[1] node id
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
