#!/usr/bin/env bash
# Runs one fan-out scenario against a server it starts and stops itself.
#
#   realtime-bench/run-fanout.sh SCENARIO [extra FanOut options...]
#
# SCENARIO  a      1,000 clients in 10 rooms, 10 senders at 20 msg/s, 30 s
#           b      5,000 clients in 5 rooms, 20 senders at 20 msg/s, 30 s
#           c      10,000 idle connections in 100 rooms; server RSS at 0 and at 10,000
#           smoke  100 clients in 5 rooms, 5 senders at 20 msg/s, 3 s
#           custom only the options you pass
# Extra options come after the preset's, so they override it (e.g. --duration 10s).
#
# Environment:
#   SERVER_CMD        the server to start; must listen on $PORT on loopback
#                     (default: the stand-in chat server from this module)
#   TRANSPORT         the stand-in's transport: javaws (default) or netty
#   PORT              WebSocket port (8081)
#   JAR               the shaded bench jar (realtime-bench/target/realtime-bench.jar)
#   SERVER_JAVA_OPTS  JVM options of the default server (e.g. -XX:StartFlightRecording=...)
#   SERVER_ARGS       more options of the default server (e.g. --write-coalescing-ms 10)
#   TOOL_JAVA_OPTS    JVM options of the load tool
#   OUT               directory for logs and the JSON result
#                     (realtime-bench/target/fanout-runs/SCENARIO-TIMESTAMP)
#   SETTLE            seconds to wait after connecting before measuring RSS (5)
#   SERVER_CPUS       pin the server to these CPUs with taskset (e.g. 0); unset: no pinning
#   TOOL_CPUS         pin the load tool to these CPUs (e.g. 1)
#   WARMUP            idle scenario only: 1 first opens and closes the same connections once, so
#                     the 0-connection RSS is a warmed JVM's floor (JIT code, pools) and the
#                     difference is what the connections themselves hold
#   HISTO             idle scenario only: 1 also writes the server's live-heap class histogram
#                     (jmap -histo:live) at 0 and at N connections, and the classes that grew most,
#                     in bytes and instances per connection, to $OUT/histo-diff.txt (and, when the
#                     server runs with -XX:NativeMemoryTracking=summary, its NMT summaries)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
scenario="${1:?usage: run-fanout.sh a|b|c|smoke|custom [FanOut options...]}"
shift
PORT="${PORT:-8081}"
JAR="${JAR:-$here/target/realtime-bench.jar}"
SETTLE="${SETTLE:-5}"
OUT="${OUT:-$here/target/fanout-runs/$scenario-$(date -u +%Y%m%dT%H%M%SZ)}"
SERVER_CMD="${SERVER_CMD:-java ${SERVER_JAVA_OPTS:-} -cp $JAR dev.realtime.bench.fanout.StandInChatServer --host 127.0.0.1 --port $PORT --transport ${TRANSPORT:-javaws} ${SERVER_ARGS:-}}"
[[ -n "${SERVER_CPUS:-}" ]] && SERVER_CMD="taskset -c $SERVER_CPUS $SERVER_CMD"
tool_prefix=()
[[ -n "${TOOL_CPUS:-}" ]] && tool_prefix=(taskset -c "$TOOL_CPUS")
mkdir -p "$OUT"

case "$scenario" in
  a) preset=(fanout --clients 1000 --rooms 10 --senders 10 --rate 20 --warmup 5s --duration 30s) ;;
  b) preset=(fanout --clients 5000 --rooms 5 --senders 20 --rate 20 --warmup 5s --duration 30s) ;;
  c) preset=(idle --clients 10000 --rooms 100 --hold 60s --connect-rate 2000) ;;
  smoke) preset=(fanout --clients 100 --rooms 5 --senders 5 --rate 20 --warmup 1s --duration 3s) ;;
  custom) preset=() ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac

[[ -f "$JAR" ]] || { echo "no $JAR: build with mvn -pl realtime-bench -am package -DskipTests" >&2; exit 2; }
# 10,000 sockets need more descriptors than the usual 1,024 soft limit, in both processes.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

server_pid=""
tool_pid=""
cleanup() {
  [[ -n "$tool_pid" ]] && kill "$tool_pid" 2>/dev/null || true
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
system_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", $15 / hz}' "/proc/$1/stat"; }
gc_rss_kib() {
  # A full GC first, so the figure is live memory plus what the JVM keeps committed, not garbage.
  jcmd "$1" GC.run >/dev/null 2>&1 || echo "warning: jcmd GC.run failed for $1" >&2
  sleep 2
  rss_kib "$1"
}

histo_diff() {
  # Lines "num: instances bytes class"; the growth per connection of each class, largest first.
  awk -v n="$3" '
    FNR == NR && $1 ~ /^[0-9]+:$/ { i0[$4] = $2; b0[$4] = $3; next }
    $1 ~ /^[0-9]+:$/ { di = $2 - i0[$4]; db = $3 - b0[$4]; total += db
                       if (db > 0) printf "%9.1f B %7.2f x  %s\n", db / n, di / n, $4 }
    END { printf "%9.1f B per connection in all (live heap growth)\n", total / n }
  ' "$1" "$2" | sort -rn | head -40
}

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; stop that server or set PORT" >&2
  exit 2
fi
echo "server: $SERVER_CMD" | tee "$OUT/commands.txt"
bash -c "exec $SERVER_CMD" >"$OUT/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $OUT/server.log" >&2; exit 1; }
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { echo "server did not open port $PORT" >&2; exit 1; }

tool=("${tool_prefix[@]}" java ${TOOL_JAVA_OPTS:-} -cp "$JAR" dev.realtime.bench.fanout.FanOut "${preset[@]}" --port "$PORT" "$@")
echo "tool:   ${tool[*]}" | tee -a "$OUT/commands.txt"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average before the run)" | tee -a "$OUT/commands.txt"

idle=false
[[ " ${preset[*]} $* " == *" idle "* ]] && idle=true
if $idle; then
  if [[ "${WARMUP:-}" == 1 ]]; then
    # Once through the same connections first, so the JIT's code and the allocator's pools are in
    # the 0-connection figure (the JVM's floor) rather than spread over the connections.
    echo "warm-up: the same connections once, closed again" | tee -a "$OUT/commands.txt"
    "${tool[@]}" --hold 1s >"$OUT/warmup.out" 2>"$OUT/warmup.err" || echo "warning: warm-up exited $?" >&2
  fi
  sleep "$SETTLE"
  rss0=$(gc_rss_kib "$server_pid")
  if [[ "${HISTO:-}" == 1 ]]; then
    jmap -histo:live "$server_pid" >"$OUT/histo0.txt"
    jcmd "$server_pid" VM.native_memory summary >"$OUT/nmt0.txt" 2>&1 || true
  fi
  echo "server RSS with 0 connections after GC: $rss0 KiB" | tee "$OUT/rss.txt"
fi

cpu_server0=$(cpu_seconds "$server_pid")
"${tool[@]}" >"$OUT/tool.out" 2>"$OUT/tool.err" &
tool_pid=$!
if ! $idle; then
  # The server's and the tool's CPU from the start of the measured phase: a figure per delivery
  # that a busy machine disturbs less than latency (the join storm of the ramp is left out).
  (
    until grep -q "measuring" "$OUT/tool.err" 2>/dev/null; do
      kill -0 "$tool_pid" 2>/dev/null || exit 0
      sleep 0.2
    done
    echo "$(cpu_seconds "$server_pid") $(cpu_seconds "$tool_pid") $(system_seconds "$server_pid")" \
      >"$OUT/cpu-measured-start.txt"
  ) &
fi

if $idle; then
  # Wait until the tool holds its connections, let the server settle, then measure.
  until grep -q "holding" "$OUT/tool.err" 2>/dev/null; do
    kill -0 "$tool_pid" 2>/dev/null || break
    sleep 0.5
  done
  sleep "$SETTLE"
  open=$(ls "/proc/$server_pid/fd" | wc -l)
  rss1=$(gc_rss_kib "$server_pid")
  held=$(grep -o "holding [0-9]*" "$OUT/tool.err" | grep -o "[0-9]*" || echo 0)
  if [[ "${HISTO:-}" == 1 && "$held" -gt 0 ]]; then
    jmap -histo:live "$server_pid" >"$OUT/histo1.txt"
    jcmd "$server_pid" VM.native_memory summary >"$OUT/nmt1.txt" 2>&1 || true
    histo_diff "$OUT/histo0.txt" "$OUT/histo1.txt" "$held" >"$OUT/histo-diff.txt"
  fi
  {
    echo "server RSS with $held connections after GC: $rss1 KiB (server has $open file descriptors)"
    echo "load tool RSS while holding them (no GC): $(rss_kib "$tool_pid") KiB"
    if [[ "$held" -gt 0 ]]; then
      awk -v a="$rss0" -v b="$rss1" -v n="$held" \
        'BEGIN {printf "per connection: (%d - %d) KiB / %d = %.2f KiB\n", b, a, n, (b - a) / n}'
    fi
  } | tee -a "$OUT/rss.txt"
fi

status=0
wait "$tool_pid" || status=$?
tool_pid=""
cpu_server1=$(cpu_seconds "$server_pid")
sys_server1=$(system_seconds "$server_pid")
cat "$OUT/tool.out"
echo "server CPU during the run: $(awk -v a="$cpu_server0" -v b="$cpu_server1" 'BEGIN {printf "%.2f", b - a}') s" \
  | tee -a "$OUT/commands.txt"
grep '^{' "$OUT/tool.out" >"$OUT/result.json" || true
if [[ -s "$OUT/cpu-measured-start.txt" ]]; then
  # The tool's CPU at its end is in its JSON line; the server's is read now.
  read -r server_at tool_at server_sys_at <"$OUT/cpu-measured-start.txt"
  tool_total=$(grep -o '"tool_cpu_seconds":[0-9.]*' "$OUT/result.json" | cut -d: -f2)
  delivered=$(grep -o '"delivered":[0-9]*' "$OUT/result.json" | cut -d: -f2)
  awk -v s0="$server_at" -v s1="$cpu_server1" -v k0="$server_sys_at" -v k1="$sys_server1" \
      -v t0="$tool_at" -v t1="${tool_total:-0}" -v d="${delivered:-0}" 'BEGIN {
    printf "CPU from the measured phase on (incl. drain): server %.2f s (%.2f s in the kernel), tool %.2f s", \
      s1 - s0, k1 - k0, t1 - t0
    if (d > 0) printf "; per million deliveries: server %.2f s, tool %.2f s", (s1 - s0) * 1e6 / d, (t1 - t0) * 1e6 / d
    printf "\n" }' | tee -a "$OUT/commands.txt"
fi
echo "logs in $OUT (tool exit status $status)"
exit "$status"
