-- Counts one event. KEYS[1] analytics:total_events  KEYS[2] the day's visitors (HyperLogLog)
-- KEYS[3] the day's letters.  ARGV[1] visitor id ('' for none)  ARGV[2] '1' for a letter
-- ARGV[3] seconds a day's keys live after their last write.  Answers the new total.
local total = redis.call('INCR', KEYS[1])
if ARGV[1] ~= '' then
  redis.call('PFADD', KEYS[2], ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
if ARGV[2] == '1' then
  redis.call('INCR', KEYS[3])
  redis.call('EXPIRE', KEYS[3], ARGV[3])
end
return total
