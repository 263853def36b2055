#!/usr/bin/env bash
# The analytics feed at load: run-fanout.sh's analytics scenario (a redis-server, NODES=2
# analytics nodes, 5,000 clients, 1,000 events/s by PUBLISH analytics:events, 30 s).
#
#   realtime-bench/run-analytics.sh [extra FanOut options, e.g. --clients 5000 --rate 200]
#
# Environment as for run-fanout.sh (PORT, NODES, NODE_ARGS such as "--io-mode io_uring", REDIS_PORT,
# SERVER_JAVA_OPTS with {node}, OUT…).
exec "$(cd "$(dirname "$0")" && pwd)/run-fanout.sh" analytics "$@"
