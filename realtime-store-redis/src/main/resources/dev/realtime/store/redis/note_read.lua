-- Which of several notifications one user has read, in one round trip.
-- KEYS[1] bodies (names the slot); ARGV[1] user, ARGV[2] read key prefix, ARGV[3..] ids
-- Returns a 0/1 flag per id.
local flags = {}
for i = 3, #ARGV do
  flags[#flags + 1] = redis.call('sismember', ARGV[2] .. ARGV[i], ARGV[1])
end
return flags
