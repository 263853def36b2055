#!/usr/bin/env bash
# Slow-consumer scenario: fan-out latency of reading clients with and without 10% stalled clients.
#
#   realtime-bench/run-stalled.sh [STALLED]      (default 100 stalled next to 900 readers)
#   SENDERS (40) senders at 20 msg/s with 3,500-byte messages: enough traffic to fill a stalled
#   socket's kernel buffers and its 1 MiB queue within the run.
#
# Starts the chat example, optionally STALLED clients that complete the handshake into the same
# rooms and never read again (StalledClients), runs FanOut on the 900 readers, then prints the
# server's slow-consumer count and resident memory. Run once with 0 and once with 100 to compare.
#
#   TRANSPORT  the example's transport: netty (default; everything on PORT) or javaws
#              (WebSockets on PORT, pages and /metrics on HTTP_PORT)
#   PORT (18081), HTTP_PORT (18080, javaws only), SENDERS (40), DURATION (30s)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
stalled="${1:-100}"
PORT="${PORT:-18081}"
HTTP_PORT="${HTTP_PORT:-18080}"
TRANSPORT="${TRANSPORT:-netty}"
JAR="$here/target/realtime-bench.jar"
case "$TRANSPORT" in
  netty) ports=(--port "$PORT"); metrics_port="$PORT" ;;
  javaws) ports=(--transport javaws --http-port "$HTTP_PORT" --ws-port "$PORT"); metrics_port="$HTTP_PORT" ;;
  *) echo "TRANSPORT must be netty or javaws, got '$TRANSPORT'" >&2; exit 2 ;;
esac
java -jar "$root/realtime-examples/target/realtime-examples.jar" chat --host 127.0.0.1 \
  "${ports[@]}" > /tmp/run-stalled-server.log 2>&1 &
server=$!
stall_pid=""
trap 'kill $server 2>/dev/null || true; [[ -n "$stall_pid" ]] && kill $stall_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.2; done
if [[ "$stalled" -gt 0 ]]; then
  java -cp "$JAR" dev.realtime.bench.fanout.StalledClients "$PORT" "$stalled" 10 60 &
  stall_pid=$!
  sleep 3
fi
java -cp "$JAR" dev.realtime.bench.fanout.FanOut --port "$PORT" --clients 900 --rooms 10 --senders "${SENDERS:-40}" \
  --rate 20 --payload-bytes 3500 --warmup 5s --duration "${DURATION:-30s}" | grep -E '^(delivered|latency|throughput|closed by)'
curl -s "http://127.0.0.1:$metrics_port/metrics" | tr ',' '\n' | grep -E 'slow_consumer|connections'
echo "server RSS: $(grep VmRSS /proc/$server/status)"
