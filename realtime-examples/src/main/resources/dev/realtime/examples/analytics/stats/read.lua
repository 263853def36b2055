-- Reads the counters. KEYS as record.lua.  Answers {total, unique today, letters today}.
return {
  tonumber(redis.call('GET', KEYS[1]) or '0'),
  redis.call('PFCOUNT', KEYS[2]),
  tonumber(redis.call('GET', KEYS[3]) or '0')
}
