#!/usr/bin/env bash
# Runs the chat example as a cluster on this machine: one Redis and three chat nodes sharing it.
# Open any node's page; messages, user lists and /stats are the same on all three. Ctrl-C stops
# everything this script started.
#
#   realtime-examples/run-cluster.sh [--port P] [--redis URI] [--host H] [--presence-ttl S] [-- NODE OPTIONS…]
#
#   --port P          the first node's port; the others get P+1 and P+2 (default 8080; if that is
#                     busy and --port was not given, the next three free ports are used)
#   --redis URI       use this Redis (redis://[:password@]host:port) instead of starting one
#   --host H          the address the nodes listen on (default 127.0.0.1: this machine only;
#                     0.0.0.0 lets other machines connect)
#   --presence-ttl S  how soon a killed node's users leave the others' lists (default 10)
#   -- …              anything after -- goes to every node (for example -- --auth)
#
# Environment: JAVA (java), JAR (realtime-examples/target/realtime-examples.jar).
# Logs: a temporary directory named at start (Redis's data and log too, without --redis).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
JAVA="${JAVA:-java}"
JAR="${JAR:-$here/target/realtime-examples.jar}"
base=8080
base_given=false
redis_uri=""
host=127.0.0.1
ttl=10
node_args=()

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "run-cluster: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 ]] || fail "--port needs a value"; base="$2"; base_given=true; shift 2 ;;
    --redis) [[ $# -ge 2 ]] || fail "--redis needs a value"; redis_uri="$2"; shift 2 ;;
    --host) [[ $# -ge 2 ]] || fail "--host needs a value"; host="$2"; shift 2 ;;
    --presence-ttl) [[ $# -ge 2 ]] || fail "--presence-ttl needs a value"; ttl="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; node_args=("$@"); break ;;
    *) echo "run-cluster: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$base" =~ ^[0-9]+$ ]] && (( base >= 1 && base <= 65533 )) || fail "--port must be a port number from 1 to 65533, got '$base'"
[[ "$ttl" =~ ^[0-9]+$ ]] || fail "--presence-ttl must be a whole number of seconds, got '$ttl'"

command -v "$JAVA" >/dev/null 2>&1 || fail "no '$JAVA' on the PATH: install Java 17 or later (or set JAVA)"
if [[ ! -f "$JAR" ]]; then
  command -v mvn >/dev/null 2>&1 || fail "no $JAR, and no mvn to build it: install Maven, then run: mvn -q -B package -DskipTests"
  echo "Building the examples jar once (mvn -q -B -pl realtime-examples -am package -DskipTests)…"
  (cd "$here/.." && mvn -q -B -pl realtime-examples -am package -DskipTests) || fail "the build failed; see above"
  [[ -f "$JAR" ]] || fail "the build did not produce $JAR"
fi

# A port is free when nothing accepts a connection on it (bash's /dev/tcp, no extra tools).
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_from() {
  local port=$1
  while (( port + 2 <= 65535 )); do
    if ! listening "$port" && ! listening $((port + 1)) && ! listening $((port + 2)); then
      echo "$port"; return 0
    fi
    port=$((port + 3))
  done
  return 1
}
if listening "$base" || listening $((base + 1)) || listening $((base + 2)); then
  $base_given && fail "a port of $base-$((base + 2)) is already in use; choose others with --port"
  requested=$base
  base=$(free_from $((base + 10))) || fail "no three free ports above $requested"
  echo "Ports $requested-$((requested + 2)) are busy; using $base-$((base + 2))."
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/realtime-cluster.XXXXXX")"
redis_pid=""
node_pids=()
stopping=false
stop_all() {
  $stopping && return
  stopping=true
  trap '' INT TERM
  echo
  echo "Stopping the nodes…"
  for pid in "${node_pids[@]}"; do
    [[ "$pid" =~ ^[1-9][0-9]*$ ]] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${node_pids[@]}"; do
    [[ "$pid" =~ ^[1-9][0-9]*$ ]] || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -n "$redis_pid" ]]; then
    echo "Stopping Redis…"
    kill -TERM "$redis_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$redis_pid" 2>/dev/null || true
  fi
  echo "Stopped. Logs are in $work"
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

if [[ -z "$redis_uri" ]]; then
  command -v redis-server >/dev/null 2>&1 || fail "redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or point to a running Redis with --redis redis://HOST:PORT"
  redis_port=6379
  while listening "$redis_port"; do redis_port=$((redis_port + 1)); done
  # No persistence: a demo's Redis lives as long as this script (pass --redis for a real one).
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no \
    --logfile "$work/redis.log" &
  redis_pid=$!
  for _ in $(seq 100); do
    listening "$redis_port" && break
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  # Alive too: if another server took the port meanwhile, ours exited and that one answers.
  listening "$redis_port" && kill -0 "$redis_pid" 2>/dev/null || { cat "$work/redis.log" >&2; fail "Redis did not start; its log is above"; }
  redis_uri="redis://127.0.0.1:$redis_port"
  echo "Redis on 127.0.0.1:$redis_port (data and log in $work)"
fi

for i in 1 2 3; do
  port=$((base + i - 1))
  "$JAVA" -jar "$JAR" chat --host "$host" --port "$port" --redis "$redis_uri" --node-id "node-$i" \
    --presence-ttl "$ttl" ${node_args[@]+"${node_args[@]}"} >"$work/node-$i.log" 2>&1 &
  node_pids+=($!)
done

url_host=$host
[[ "$host" == "0.0.0.0" || "$host" == "::" ]] && url_host=localhost
for i in 1 2 3; do
  port=$((base + i - 1))
  pid=${node_pids[$((i - 1))]}
  for _ in $(seq 300); do
    listening "$port" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! listening "$port" || ! kill -0 "$pid" 2>/dev/null; then
    echo "node-$i did not start:" >&2
    sed 's/^/  /' "$work/node-$i.log" >&2
    exit 2
  fi
done

echo
echo "Three chat nodes share $redis_uri:"
for i in 1 2 3; do
  echo "  node-$i  http://$url_host:$((base + i - 1))/"
done
echo
echo "Open two of them in different windows and chat: it is one chat. /stats on any node covers all"
echo "three; kill a node (kill -9 ${node_pids[0]} stops node-1) and its users leave the others' lists"
echo "within ${ttl} s. Node logs: $work/node-N.log. Press Ctrl-C to stop everything."

# Wait for Ctrl-C, or for a node to stop by itself.
while true; do
  for i in 1 2 3; do
    pid=${node_pids[$((i - 1))]}
    [[ "$pid" == gone ]] && continue
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null && status=0 || status=$?
      echo "node-$i (pid $pid) stopped (status $status); the other nodes keep running. Its log: $work/node-$i.log"
      node_pids[$((i - 1))]=gone
    fi
  done
  alive=0
  for pid in "${node_pids[@]}"; do [[ "$pid" != gone ]] && alive=$((alive + 1)); done
  (( alive > 0 )) || { echo "No node is running any more."; exit 1; }
  sleep 1
done
