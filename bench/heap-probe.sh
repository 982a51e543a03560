#!/usr/bin/env bash
# Peak heap of Bulwark while N large messages arrive at once (issue 18: 100 concurrent 10 MB
# messages). Starts the appliance jar with GC logging, a counting sink as the next hop, sends
# SESSIONS messages of SIZE over SESSIONS concurrent sessions, and prints the replies and the
# largest heap occupancy the GC log shows (heap in use when a collection started).
#
#   bench/heap-probe.sh [appliance-jar]      default appliance/target/bulwark.jar
#   env: SESSIONS [100]  SIZE [9m] (under the 10,240,000-byte default limit)  HEAP [4g]
#        BULWARK_JVM_OPTIONS [appliance/jvm.options] the appliance's JVM options file; empty: none
#
# Needs bench/target/benchmarks.jar (./mvnw -pl bench -am package). Loopback only.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
APPLIANCE=${1:-$ROOT/appliance/target/bulwark.jar}
SESSIONS=${SESSIONS:-100}
SIZE=${SIZE:-9m}
HEAP=${HEAP:-4g}
. "$ROOT/appliance/jvm-options.sh"
jvm_options_file "$ROOT"
BENCH_JAR="$HERE/target/benchmarks.jar"
T=/tmp/bulwark-heap-probe-$$; rm -rf "$T"; mkdir -p "$T"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PIDS=()
cleanup() { # TERM, then KILL whatever is still there after 15 s (a JVM out of memory may not stop)
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

"$JAVA" -cp "$BENCH_JAR" io.bulwark.bench.CorpusBuilder --out "$T/corpus" --messages "$SESSIONS" --seed 3 \
  --fixed-size "$SIZE" > /dev/null
SINK=$(free_port); SMTP=$(free_port); HTTP=$(free_port)
"$JAVA" -Xmx512m -cp "$BENCH_JAR" io.bulwark.bench.SinkServer --port "$SINK" > "$T/sink.out" 2>&1 &
PIDS+=($!)
"$JAVA" "-Xmx$HEAP" "${JVM_FILE[@]}" "-Xlog:gc:file=$T/gc.log" -jar "$APPLIANCE" \
  --server.port="$HTTP" --server.address=127.0.0.1 \
  --bulwark.smtp.port="$SMTP" --bulwark.smtp.bind-address=127.0.0.1 \
  --bulwark.smtp.max-connections=$((SESSIONS + 10)) \
  --bulwark.smtp.max-connections-per-client=$((SESSIONS + 10)) \
  --bulwark.smtp.max-connections-per-network=$((SESSIONS + 10)) \
  --bulwark.data-dir="$T/data" --bulwark.routing.relay-domains=example.com \
  --bulwark.routing.relayhost="[127.0.0.1]:$SINK" \
  --bulwark.admin.initial-password="probe-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" > "$T/bulwark.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 1200); do
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -c 3 <&3 | grep -q 220' _ "$SMTP" 2>/dev/null && break
  [ "$i" = 1200 ] && { echo "Bulwark did not start: $T/bulwark.log" >&2; exit 1; }
  sleep 0.1
done
"$JAVA" -cp "$BENCH_JAR" io.bulwark.bench.LoadGenerator --host 127.0.0.1 --port "$SMTP" --sessions "$SESSIONS" \
  --messages "$SESSIONS" --corpus "$T/corpus" --to-domain example.com --timeout 10m --label heap-probe \
  --out "$T/load.jsonl" > "$T/load.out" 2>&1 || true
OOM=$(grep -c OutOfMemoryError "$T/bulwark.log" || true)
# "... Pause Young (Normal) (G1 Evacuation Pause) 1234M->567M(4096M) 12.3ms": the first number is the
# heap in use when that collection started; the largest of them bounds the peak from below.
PEAK=$(grep -oE '[0-9]+M->[0-9]+M' "$T/gc.log" | cut -dM -f1 | sort -n | tail -1)
echo "appliance=$APPLIANCE sessions=$SESSIONS size=$SIZE heap=$HEAP"
echo "replies: $(grep -oE '"outcomes":\{[^}]*\}' "$T/load.jsonl" 2>/dev/null | tail -1), latency to 250: $(grep -oE '"lat_ms":\{[^}]*\}' "$T/load.jsonl" 2>/dev/null | tail -1)"
echo "OutOfMemoryError lines in the appliance log: $OOM"
echo "peak heap in use at a GC: ${PEAK:-?} MB (gc log: $T/gc.log)"
