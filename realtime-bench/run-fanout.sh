#!/usr/bin/env bash
# Runs one fan-out scenario against a server it starts and stops itself.
#
#   realtime-bench/run-fanout.sh SCENARIO [extra FanOut options...]
#
# SCENARIO  a      1,000 clients in 10 rooms, 10 senders at 20 msg/s, 30 s
#           b      5,000 clients in 5 rooms, 20 senders at 20 msg/s, 30 s
#           c      10,000 idle connections in 100 rooms; server RSS at 0 and at 10,000
#           ramp   5,000 clients into 5 rooms of 1,000 as fast as they connect: time until all
#                  have their room's user list (needs a server that sends them: the chat example)
#           smoke  100 clients in 5 rooms, 5 senders at 20 msg/s, 3 s
#           analytics  the analytics feed (docs/analytics.md "At load"): a redis-server and NODES
#                  (default 2) analytics nodes; 5,000 clients on /ws/analytics dealt over them wait
#                  for initial_stats, then 1,000 events/s by PUBLISH analytics:events, 30 s; every
#                  client counts every event (missing, duplicated, out of order) and times it
#           custom only the options you pass
# Extra options come after the preset's, so they override it (e.g. --duration 10s).
#
# Environment:
#   NODES             run the chat example as a cluster instead of SERVER_CMD: a redis-server on a
#                     free port and NODES chat nodes (--redis, --node-id node-N) on PORT, PORT+1, …;
#                     the tool deals each room's members over them (NODES=1: one node on Redis)
#   EXAMPLE           the example NODES runs (chat; analytics for the analytics scenario)
#   REDIS_PORT        where NODES' redis-server listens (the first free port from PORT+1000)
#   EXAMPLES_JAR      the example's jar for NODES
#                     (realtime-examples/target/realtime-examples.jar)
#   SERVER_CMD        the server to start; must listen on $PORT on loopback
#                     (default: the stand-in chat server from this module)
#   TRANSPORT         the stand-in's transport: javaws (default) or netty
#   PORT              WebSocket port (8081)
#   JAR               the shaded bench jar (realtime-bench/target/realtime-bench.jar)
#   SERVER_JAVA_OPTS  JVM options of the default server or of each node (e.g. -XX:StartFlightRecording=...);
#                     {node} in them becomes the node's name (node-1, …): one recording file per node
#   SERVER_ARGS       more options of the default server (e.g. --write-coalescing-ms 10, --io-threads 4,
#                     --io-mode io_uring; the last three with TRANSPORT=netty)
#   NODE_ARGS         more options of each NODES example node, after the script's own (e.g.
#                     --io-mode io_uring; java -jar realtime-examples.jar --help lists them); each
#                     node's banner in $OUT/node-N.log names the I/O it runs on
#   WARMUP            idle scenario: N first opens and closes the same connections N times, so
#                     the 0-connection RSS is a warmed JVM's floor (JIT code, pools) and the
#                     difference is what the connections themselves hold, and the measured connect
#                     rate is a warm server's (on two cores its C2 compiler is still busy through
#                     the first ~40,000 connections: WARMUP=5 for the connect rate);
#                     ramp scenario: N first runs the same ramp N times (its clients then leave), so
#                     the measured ramp is a warm server's, not the JIT compiler's first minutes
#   HISTO             idle scenario only: 1 also writes the server's live-heap class histogram
#                     (jmap -histo:live) at 0 and at N connections, and the classes that grew most,
#                     in bytes and instances per connection, to $OUT/histo-diff.txt (and, when the
#                     server runs with -XX:NativeMemoryTracking=summary, its NMT summaries)
#   TOOL_JAVA_OPTS    JVM options of the load tool
#   TOOL_JIT          idle scenarios only: c1 (default) runs the tool with the client compiler only
#                     (-XX:TieredStopAtLevel=1), so its JIT does not take the CPU the server's
#                     connect rate is measured with; c2 for the usual tiered compilers
#   OUT               directory for logs and the JSON result
#                     (realtime-bench/target/fanout-runs/SCENARIO-TIMESTAMP)
#   SETTLE            seconds to wait after connecting before measuring RSS (5)
#   SERVER_CPUS       pin the server to these CPUs with taskset (e.g. 0); unset: no pinning
#   TOOL_CPUS         pin the load tool to these CPUs (e.g. 1)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
scenario="${1:?usage: run-fanout.sh a|b|c|smoke|custom [FanOut options...]}"
shift
PORT="${PORT:-8081}"
JAR="${JAR:-$here/target/realtime-bench.jar}"
EXAMPLES_JAR="${EXAMPLES_JAR:-$here/../realtime-examples/target/realtime-examples.jar}"
NODES="${NODES:-}"
EXAMPLE="${EXAMPLE:-chat}"
if [[ "$scenario" == analytics ]]; then
  NODES="${NODES:-2}"
  EXAMPLE=analytics
fi
SETTLE="${SETTLE:-5}"
warmups="${WARMUP:-0}"
if ! [[ "$warmups" =~ ^[0-9]+$ ]]; then
  echo "WARMUP must be a number of warm-up rounds (0, 1, 5 …), got '$warmups'" >&2
  exit 2
fi
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
  ramp) preset=(ramp --clients 5000 --rooms 5 --connect-rate 0) ;;
  smoke) preset=(fanout --clients 100 --rooms 5 --senders 5 --rate 20 --warmup 1s --duration 3s) ;;
  analytics) preset=(analytics --clients 5000 --rate 1000 --warmup 5s --duration 30s --drain 10s) ;;
  custom) preset=() ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac

[[ -f "$JAR" ]] || { echo "no $JAR: build with mvn -pl realtime-bench -am package -DskipTests" >&2; exit 2; }
# 10,000 sockets need more descriptors than the usual 1,024 soft limit, in both processes.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ -n "$NODES" ]]; then
  [[ "$NODES" =~ ^[1-9][0-9]?$ ]] || { echo "NODES must be a number of nodes from 1 to 99" >&2; exit 2; }
  [[ -f "$EXAMPLES_JAR" ]] || { echo "no $EXAMPLES_JAR: build with mvn -pl realtime-examples -am package -DskipTests" >&2; exit 2; }
  command -v redis-server >/dev/null || { echo "NODES needs redis-server (Debian: apt-get install redis-server)" >&2; exit 2; }
fi

# Every process this script starts, in start order: Redis (with NODES) first, then the servers.
server_pids=()
server_names=()
tool_pid=""
stop_pid() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  [[ -n "$tool_pid" ]] && kill "$tool_pid" 2>/dev/null || true
  local i pid
  # The nodes first and together (each leaves presence in Redis on the way out), Redis last.
  for i in "${!server_pids[@]}"; do
    [[ "${server_names[$i]}" == redis ]] || kill -TERM "${server_pids[$i]}" 2>/dev/null || true
  done
  for i in "${!server_pids[@]}"; do
    [[ "${server_names[$i]}" == redis ]] || stop_pid "${server_pids[$i]}"
  done
  for i in "${!server_pids[@]}"; do
    [[ "${server_names[$i]}" == redis ]] && stop_pid "${server_pids[$i]}"
  done
  return 0
}
trap cleanup EXIT

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
system_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", $15 / hz}' "/proc/$1/stat"; }
histo_diff() {
  # Lines "num: instances bytes class"; the growth per connection of each class, largest first.
  awk -v n="$3" '
    FNR == NR && $1 ~ /^[0-9]+:$/ { i0[$4] = $2; b0[$4] = $3; next }
    $1 ~ /^[0-9]+:$/ { di = $2 - i0[$4]; db = $3 - b0[$4]; total += db
                       if (db > 0) printf "%9.1f B %7.2f x  %s\n", db / n, di / n, $4 }
    END { printf "%9.1f B per connection in all (live heap growth)\n", total / n }
  ' "$1" "$2" | sort -rn | head -40
}
gc_rss_kib() {
  # A full GC first, so the figure is live memory plus what the JVM keeps committed, not garbage.
  jcmd "$1" GC.run >/dev/null 2>&1 || echo "warning: jcmd GC.run failed for $1" >&2
  sleep 2
  rss_kib "$1"
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Starts "$@" in the background as server NAME, logging to $OUT/NAME.log.
start_server() {
  local name=$1
  shift
  echo "$name: $*" | tee -a "$OUT/commands.txt"
  bash -c 'exec "$@"' _ "$@" >"$OUT/$name.log" 2>&1 &
  server_pids+=($!)
  server_names+=("$name")
}
await_port() {
  local port=$1 pid=$2 name=$3
  for _ in $(seq 300); do
    listening "$port" && kill -0 "$pid" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$name exited; see $OUT/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$name did not open port $port; see $OUT/$name.log" >&2
  exit 1
}

: >"$OUT/commands.txt"
if [[ -n "$NODES" ]]; then
  ports=()
  for ((i = 0; i < NODES; i++)); do
    port=$((PORT + i))
    listening "$port" && { echo "port $port is already in use; stop that server or set PORT" >&2; exit 2; }
    ports+=("$port")
  done
  redis_port=${REDIS_PORT:-$((PORT + 1000))}
  while listening "$redis_port"; do redis_port=$((redis_port + 1)); done
  mkdir -p "$OUT/redis"
  start_server redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT/redis"
  redis_pid=${server_pids[-1]}
  await_port "$redis_port" "$redis_pid" redis
  for ((i = 0; i < NODES; i++)); do
    [[ -n "${SERVER_CPUS:-}" ]] && pin=(taskset -c "$SERVER_CPUS") || pin=()
    node_opts="${SERVER_JAVA_OPTS:-}"
    node_opts="${node_opts//\{node\}/node-$((i + 1))}"
    # shellcheck disable=SC2086 # SERVER_JAVA_OPTS and NODE_ARGS are lists of options
    start_server "node-$((i + 1))" ${pin[@]+"${pin[@]}"} java $node_opts -jar "$EXAMPLES_JAR" "$EXAMPLE" \
      --host 127.0.0.1 --port "${ports[$i]}" --redis "redis://127.0.0.1:$redis_port" --node-id "node-$((i + 1))" \
      ${NODE_ARGS:-}
  done
  for ((i = 0; i < NODES; i++)); do
    await_port "${ports[$i]}" "${server_pids[$((i + 1))]}" "node-$((i + 1))"
  done
  port_arg=$(IFS=,; echo "${ports[*]}")
  [[ "$EXAMPLE" == analytics ]] && preset+=(--redis "127.0.0.1:$redis_port")
else
  listening "$PORT" && { echo "port $PORT is already in use; stop that server or set PORT" >&2; exit 2; }
  echo "server: $SERVER_CMD" | tee -a "$OUT/commands.txt"
  bash -c "exec $SERVER_CMD" >"$OUT/server.log" 2>&1 &
  server_pids+=($!)
  server_names+=(server)
  await_port "$PORT" "${server_pids[0]}" server
  port_arg=$PORT
fi
# The JVMs the tool talks to (every node, not Redis): their memory is what idle mode measures.
jvm_pids=()
jvm_names=()
for i in "${!server_pids[@]}"; do
  [[ "${server_names[$i]}" == redis ]] && continue
  jvm_pids+=("${server_pids[$i]}")
  jvm_names+=("${server_names[$i]}")
done

idle=false
[[ " ${preset[*]} $* " == *" idle "* ]] && idle=true
# The tool is a fresh JVM on the server's cores: in an idle run its C2 compiler alone took ~0.6 s of
# CPU during a 1.5 s connect phase, as much as the server's event loops. The client compiler is
# plenty for opening sockets, so idle runs use it unless TOOL_JIT=c2.
tool_jit=()
if $idle && [[ "${TOOL_JIT:-c1}" == c1 ]]; then tool_jit=(-XX:TieredStopAtLevel=1); fi
tool=(${tool_prefix[@]+"${tool_prefix[@]}"} java ${tool_jit[@]+"${tool_jit[@]}"} ${TOOL_JAVA_OPTS:-} -cp "$JAR" dev.realtime.bench.fanout.FanOut ${preset[@]+"${preset[@]}"} --port "$port_arg" "$@")
echo "tool:   ${tool[*]}" | tee -a "$OUT/commands.txt"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average before the run)" | tee -a "$OUT/commands.txt"
# Sums a figure over the nodes (one server without NODES).
sum_over() {
  local total=0 pid
  for pid in "${jvm_pids[@]}"; do total=$((total + $("$1" "$pid"))); done
  echo "$total"
}
cpu_all() {
  local i
  for i in "${!server_pids[@]}"; do cpu_seconds "${server_pids[$i]}"; echo; done
}
# HISTO and the measured-phase CPU look at one server: the first (the only one without NODES).
server_pid=${jvm_pids[0]}
if $idle; then
  for ((round = 1; round <= warmups; round++)); do
    # Through the same connections first, so the JIT's code and the allocator's pools are in
    # the 0-connection figure (the JVM's floor) rather than spread over the connections.
    echo "warm-up $round of $warmups: the same connections, closed again" | tee -a "$OUT/commands.txt"
    "${tool[@]}" --hold 1s >"$OUT/warmup.out" 2>"$OUT/warmup.err" || echo "warning: warm-up exited $?" >&2
    grep -E '^connect ' "$OUT/warmup.out" | sed "s/^/warm-up $round /" || true
  done
  sleep "$SETTLE"
  rss0=$(sum_over gc_rss_kib)
  if [[ "${HISTO:-}" == 1 ]]; then
    jmap -histo:live "$server_pid" >"$OUT/histo0.txt"
    jcmd "$server_pid" VM.native_memory summary >"$OUT/nmt0.txt" 2>&1 || true
  fi
  echo "server RSS with 0 connections after GC: $rss0 KiB (sum over ${#jvm_pids[@]} JVMs)" | tee "$OUT/rss.txt"
fi

if [[ "$scenario" == ramp ]]; then
  for ((round = 1; round <= warmups; round++)); do
    # A running server is warm: the first ramp of a fresh JVM mostly measures its JIT compiler.
    echo "warm-up $round of $warmups: the same ramp; its clients leave at its end" | tee -a "$OUT/commands.txt"
    "${tool[@]}" >"$OUT/warmup.out" 2>"$OUT/warmup.err" || echo "warning: warm-up exited $?" >&2
    grep -E '^(connect|user lists) ' "$OUT/warmup.out" | sed "s/^/warm-up $round /" || true
    sleep "$SETTLE"
  done
fi

mapfile -t cpu_before < <(cpu_all)
"${tool[@]}" >"$OUT/tool.out" 2>"$OUT/tool.err" &
tool_pid=$!

# The CPU of every node (not Redis), summed.
server_cpu() {
  local pid total=0
  for pid in "${jvm_pids[@]}"; do total=$(awk -v a="$total" -v b="$("$1" "$pid")" 'BEGIN {printf "%.2f", a + b}'); done
  echo "$total"
}
if ! $idle; then
  # The server's and the tool's CPU from the start of the measured phase: a figure per delivery
  # that a busy machine disturbs less than latency (the join storm of the ramp is left out).
  (
    until grep -q "measuring" "$OUT/tool.err" 2>/dev/null; do
      kill -0 "$tool_pid" 2>/dev/null || exit 0
      sleep 0.2
    done
    echo "$(server_cpu cpu_seconds) $(cpu_seconds "$tool_pid") $(server_cpu system_seconds)" \
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
  open=0
  for pid in "${jvm_pids[@]}"; do open=$((open + $(ls "/proc/$pid/fd" | wc -l))); done
  rss1=$(sum_over gc_rss_kib)
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
mapfile -t cpu_after < <(cpu_all)
cpu_server1=$(server_cpu cpu_seconds)
sys_server1=$(server_cpu system_seconds)
cat "$OUT/tool.out"
cpu_line="server CPU during the run:"
cpu_total=0
for i in "${!server_pids[@]}"; do
  used=$(awk -v a="${cpu_before[$i]}" -v b="${cpu_after[$i]}" 'BEGIN {printf "%.2f", b - a}')
  cpu_total=$(awk -v a="$cpu_total" -v b="$used" 'BEGIN {printf "%.2f", a + b}')
  (( ${#server_pids[@]} > 1 )) && cpu_line+=" ${server_names[$i]} $used s,"
done
(( ${#server_pids[@]} > 1 )) && cpu_line+=" total"
echo "$cpu_line $cpu_total s" | tee -a "$OUT/commands.txt"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average after the run)" | tee -a "$OUT/commands.txt"
grep '^{' "$OUT/tool.out" >"$OUT/result.json" || true
if [[ -s "$OUT/cpu-measured-start.txt" ]]; then
  # The tool's CPU at its end is in its JSON line; the server's was read when the tool ended.
  read -r server_at tool_at server_sys_at <"$OUT/cpu-measured-start.txt"
  tool_total=$(grep -o '"tool_cpu_seconds":[0-9.]*' "$OUT/result.json" | cut -d: -f2)
  delivered=$(grep -o '"delivered":[0-9]*' "$OUT/result.json" | cut -d: -f2)
  awk -v s0="$server_at" -v s1="$cpu_server1" -v k0="$server_sys_at" -v k1="$sys_server1" \
      -v t0="$tool_at" -v t1="${tool_total:-0}" -v d="${delivered:-0}" 'BEGIN {
    printf "CPU from the measured phase on (incl. drain): server %.2f s (%.2f s in the kernel; all nodes), tool %.2f s", \
      s1 - s0, k1 - k0, t1 - t0
    if (d > 0) printf "; per million deliveries: server %.2f s, tool %.2f s", (s1 - s0) * 1e6 / d, (t1 - t0) * 1e6 / d
    printf "\n" }' | tee -a "$OUT/commands.txt"
fi
echo "logs in $OUT (tool exit status $status)"
exit "$status"
