-- Marks a stored notification read for one user.
-- KEYS[1] bodies; ARGV[1] id, ARGV[2] user, ARGV[3] read key prefix
-- Returns 1 if it is stored and was unread for that user, else 0.
if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then
  return 0
end
return redis.call('sadd', ARGV[3] .. ARGV[1], ARGV[2])
