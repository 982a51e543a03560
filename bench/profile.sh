#!/usr/bin/env bash
# Mail-path profile of the appliance (docs/benchmarks.md, "profile before / after").
#
#   bench/profile.sh        no root, no peers: our counting sink, the appliance jar, the load generator
#
# It warms the appliance up, starts a flight recording, sends MESSAGES messages of the mixed corpus
# over SESSIONS sessions, waits until the sink has every one and the appliance is idle again, then
# prints per-message figures from the recording (ProfileSummary): events stored, store round trips,
# fsyncs, bytes allocated, and the appliance's CPU time (utime + stime from /proc) per message.
# The counts do not depend on how busy the machine is; CPU per message does a little, wall time a lot
# (it is not reported).
#
# Environment [defaults]: MESSAGES [3000]  WARMUP [2000]  SESSIONS [20]  HEAP [1g]
#   BULWARK_JVM_OPTIONS [appliance/jvm.options] the appliance's JVM options file (java @argfile), as
#     ./bulwark run uses it; empty: none. BULWARK_JAVA_OPTS come after it and win
#   BULWARK_JAVA_OPTS [""] more JVM options for the appliance (as ./bulwark run takes them), e.g. a GC
#   BULWARK_JAR [appliance/target/bulwark.jar] the appliance jar to run: an older build for an A/B, or the
#     jar of an extracted layout (java -Djarmode=tools -jar bulwark.jar extract) for a JDK AOT cache
#   PORT [10125] SMTP  HTTP [18180] console  SINK [12626] counting sink
#   DNS [""] (overrides DNS_PORT) the resolver the appliance asks (bulwark.dns.servers, "ip" or "ip:port"; e.g. the peers'
#     dnsmasq, 127.0.0.1); empty: the machine's own, whose timeouts then block every SPF/DNSBL lookup
#   IDLE_SAMPLE [20] seconds over which the appliance's idle CPU is measured after the warm-up
#   EXTRA ["" ] more appliance arguments, e.g. EXTRA="--bulwark.smtp.intake.pacing=false"
#   FIXED [""] a message size (e.g. 20k): a corpus of that size instead of the mixed one; with
#     SESSIONS=1 this is the single-session DATA→250 breakdown (LatencyBreakdown, docs/benchmarks.md)
#   DNS_PORT [15353] a dnsmasq of our own on 127.0.0.1 (the peers' records, NXDOMAIN for the rest), when
#     dnsmasq is installed; DNS_PORT=off leaves the appliance with the machine's resolvers
#   RECORD [1] 0: no flight recording. Starting one re-instruments the JDK's file and socket classes and
#     so recompiles the hot I/O paths inside the measured window (the compiler threads' share doubles);
#     without it only the CPU per message, the CPU by JVM thread kind and the load figures are printed.
#     With a recording the appliance also records each store command (bulwark.store.command-events),
#     which costs it about 1 % of CPU and 1 MB of garbage per message; RECORD=0 runs without that
#   ASYNC [0] 1: also sample the measured window with async-profiler (fetched once from Maven Central into
#     bench/target/async-profiler), which sees every thread, the compiler's and the collector's included, and
#     native frames: bench/target/profile/cpu.collapsed (one stack per line with its sample count) and
#     cpu.html (a flame graph). Best with RECORD=0, which keeps the recording's re-instrumentation out
#   ASYNC_EVENT [cpu] what async-profiler samples: cpu (every 1 ms of CPU), or alloc (bytes allocated, by
#     site; the counts in alloc.collapsed are bytes), or another of its events; the files are named after it
#   COMPILES [0] 1: also record the JIT's compilations from the appliance's start (bench/compiles.jfc, about
#     nothing to the appliance) and print CompileSummary: C2's time per 10 s of the run, and the measured window's
#     compilations, first C2 compilations of a method against repeated ones, and the longest (compiles.jfr)
# Output: bench/target/profile/{summary.txt,mailpath.jfr,bulwark.log}; summary.txt also splits the idle CPU after the
#   warm-up by JVM thread kind (after 15,000 messages it was mostly the compiler, docs/benchmarks.md)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT"

MESSAGES=${MESSAGES:-3000}
WARMUP=${WARMUP:-2000}
SESSIONS=${SESSIONS:-20}
HEAP=${HEAP:-1g}
. "$ROOT/appliance/jvm-options.sh"
jvm_options_file "$ROOT"
PORT=${PORT:-10125}
HTTP=${HTTP:-18180}
SINK=${SINK:-12626}
EXTRA=${EXTRA:-}
FIXED=${FIXED:-}
DNS=${DNS:-}
RECORD=${RECORD:-1}
ASYNC=${ASYNC:-0}
ASYNC_EVENT=${ASYNC_EVENT:-cpu}
COMPILES=${COMPILES:-0}
ASYNC_VERSION=4.2
# an explicit resolver wins over our own dnsmasq
DNS_PORT=${DNS_PORT:-$([ -n "$DNS" ] && echo off || echo 15353)}
IDLE_SAMPLE=${IDLE_SAMPLE:-20}
TARGET="$HERE/target"
OUTDIR="$TARGET/profile"
JAR="$TARGET/benchmarks.jar"
BULWARK_JAR=${BULWARK_JAR:-"$ROOT/appliance/target/bulwark.jar"}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
RELAY_DOMAINS=example.com,example.net,example.org,corp.example,shop.example,bank.example,mail.test,news.test

log() { echo "[profile] $*" >&2; }

[ -f "$BULWARK_JAR" ] || { log "build the appliance first: ./mvnw -B -DskipTests package"; exit 1; }
if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$JAR" -print -quit)" ]; then
  log "building $JAR"
  ./mvnw -B -q -o -f bench/pom.xml -DskipTests package
fi
tool() { local cls=$1; shift; "$JAVA" -Xmx512m -cp "$JAR" "io.bulwark.bench.$cls" "$@"; }

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  [ -n "${DATA:-}" ] && rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$OUTDIR"; mkdir -p "$OUTDIR"
ASYNC_LIB="$TARGET/async-profiler/linux-x64/libasyncProfiler.so"
if [ "$ASYNC" = 1 ] && [ ! -f "$ASYNC_LIB" ]; then
  log "fetching async-profiler $ASYNC_VERSION"
  mkdir -p "$TARGET/async-profiler"
  curl -sSfL -o "$TARGET/async-profiler/ap.jar" \
    "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$ASYNC_VERSION/async-profiler-$ASYNC_VERSION-linux-x64.jar"
  (cd "$TARGET/async-profiler" && unzip -q -o ap.jar 'linux-x64/*')
fi
if [ -n "$FIXED" ]; then
  CORPUS="$TARGET/corpus/profile-$FIXED"
  if [ "$(cat "$CORPUS/.params" 2>/dev/null || true)" != "n=3000 size=$FIXED" ]; then
    rm -rf "$CORPUS"
    tool CorpusBuilder --out "$CORPUS" --messages 3000 --seed 1 --fixed-size "$FIXED" >&2
    echo "n=3000 size=$FIXED" > "$CORPUS/.params"
  fi
else
  CORPUS="$TARGET/corpus/profile-mix"
  if [ "$(cat "$CORPUS/.params" 2>/dev/null || true)" != "n=3000" ]; then
    rm -rf "$CORPUS"
    tool CorpusBuilder --out "$CORPUS" --messages 3000 --seed 1 >&2
    echo "n=3000" > "$CORPUS/.params"
  fi
fi

# shellcheck source=bench/loopback-dns.sh
. "$HERE/loopback-dns.sh"
if [ "$DNS_PORT" != off ] && DNS_PID=$(start_loopback_dns "$DNS_PORT" "$OUTDIR"); then
  PIDS+=("$DNS_PID")
  EXTRA="--bulwark.dns.servers=127.0.0.1:$DNS_PORT $EXTRA"
fi

"$JAVA" -Xmx256m -cp "$JAR" io.bulwark.bench.SinkServer --port "$SINK" > "$OUTDIR/sink.out" 2>&1 &
PIDS+=($!)
DATA=$(mktemp -d "$TARGET/profile-data.XXXXXX")
# Deep stacks: the mail path runs 60-120 frames deep (Axon, Jackson, the driver), and JFR's default
# of 64 cut the outer frames that the inclusive shares by package are counted on.
# shellcheck disable=SC2086 # the options are words
"$JAVA" "-Xmx$HEAP" $([ "$RECORD" = 1 ] && echo -XX:FlightRecorderOptions:stackdepth=256) \
  $([ "$ASYNC" = 1 ] && echo -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:+EnableDynamicAgentLoading) \
  $([ "$COMPILES" = 1 ] && echo "-XX:StartFlightRecording=name=compiles,settings=$HERE/compiles.jfc") \
  "${JVM_FILE[@]}" ${BULWARK_JAVA_OPTS:-} \
  -jar "$BULWARK_JAR" \
  --server.port="$HTTP" --server.address=127.0.0.1 \
  --bulwark.smtp.port="$PORT" --bulwark.smtp.bind-address=127.0.0.1 \
  --bulwark.smtp.max-connections=1000 --bulwark.smtp.max-connections-per-client=1000 \
  --bulwark.smtp.max-connections-per-network=1000 \
  --bulwark.data-dir="$DATA" \
  --bulwark.routing.relay-domains="$RELAY_DOMAINS" \
  --bulwark.routing.relayhost="[127.0.0.1]:$SINK" \
  --bulwark.admin.initial-password="profile-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
  ${DNS:+--bulwark.dns.servers="$DNS"} \
  $([ "$RECORD" = 1 ] && echo --bulwark.store.command-events=true) \
  $EXTRA > "$OUTDIR/bulwark.log" 2>&1 &
BW=$!
PIDS+=("$BW")
for i in $(seq 1 1200); do
  if timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -c 3 <&3 | grep -q 220' _ "$PORT" 2>/dev/null; then break; fi
  kill -0 "$BW" 2>/dev/null || { log "appliance exited: see $OUTDIR/bulwark.log"; exit 1; }
  [ "$i" = 1200 ] && { log "appliance not answering after 120 s"; exit 1; }
  sleep 0.1
done

TICK=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICK" '{print int(($14 + $15) * 1000 / t)}' "/proc/$BW/stat"; }
sink_messages() {
  exec 3<>"/dev/tcp/127.0.0.1/$SINK"
  local line
  read -r line <&3
  printf 'XSTATS\r\n' >&3
  read -r line <&3
  exec 3<&- 3>&-
  echo "$line" | sed -n 's/.*messages=\([0-9]*\).*/\1/p'
}
wait_delivered() { # count: until the sink has seen that many, or nothing arrived for 15 s (a rule
  # may delete an accepted message instead of delivering it)
  local last=-1 n same=0
  for _ in $(seq 1 6000); do
    n=$(sink_messages)
    [ "$n" -ge "$1" ] && return 0
    if [ "$n" = "$last" ]; then same=$(( same + 1 )); else same=0; last=$n; fi
    [ "$same" -ge 150 ] && { log "sink stopped at $n of $1"; return 0; }
    sleep 0.1
  done
  log "sink saw only $(sink_messages) of $1"; return 1
}
wait_idle() { # until the appliance burns under 5 % of a core over 2 s (bounded: 3 minutes)
  local a b
  for _ in $(seq 1 90); do
    a=$(cpu_ms); sleep 2; b=$(cpu_ms)
    [ $(( b - a )) -lt 100 ] && return 0
  done
  log "appliance did not go idle"
}
load() { # messages offset label (in the background, so that an interrupted run stops it too)
  "$JAVA" -Xmx512m -cp "$JAR" io.bulwark.bench.LoadGenerator --host 127.0.0.1 --port "$PORT" --sessions "$SESSIONS" --messages "$1" \
    --corpus "$CORPUS" --offset "$2" --label "$3" --out "$OUTDIR/load.jsonl" > /dev/null &
  local lg=$!
  PIDS+=("$lg")
  wait "$lg"
}

accepted() { # the 2xx count of the last load run (the corpus has spam and viruses that are refused)
  tail -n 1 "$OUTDIR/load.jsonl" | sed -n 's/.*"ok":\([0-9]*\).*/\1/p'
}
thread_ticks() { # tid, CPU ticks and name of every thread of the appliance (the name may hold spaces:
  # utime and stime are counted after its closing parenthesis)
  local t
  for t in /proc/"$BW"/task/*; do
    printf '%s\t%s\t%s\n' "${t##*/}" "$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')" "$(cat "$t/comm" 2>/dev/null)"
  done
}
thread_shares() { # before after: the measured window's CPU by kind of JVM thread (GC, JIT, carriers of
  # virtual threads, named pools); the sampler sees only Java frames, this shows the rest
  awk -F'\t' -v t="$TICK" 'NR == FNR { before[$1] = $2; next }
    { kind = $3; gsub(/[#-]?[0-9]+/, "", kind); sub(/[-_ ]+$/, "", kind)
      d = $2 - before[$1]; if (d > 0) { cpu[kind] += d; total += d } }
    END { for (k in cpu) printf "%d\t  %-32s %8d ms %5.1f %%\n", cpu[k], k, cpu[k] * 1000 / t, 100 * cpu[k] / total }' \
    "$1" "$2" | sort -rn | cut -f2- | head -n 15
}
idle_cpu() { # seconds: the appliance's CPU ms per second while no mail flows (its background work)
  local a b
  a=$(cpu_ms); sleep "$1"; b=$(cpu_ms)
  echo $(( (b - a) / $1 ))
}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "warm-up: $WARMUP messages"
base=$(sink_messages)
load "$WARMUP" 0 warmup
wait_delivered $(( base + $(accepted) ))
wait_idle
thread_ticks > "$OUTDIR/threads-idle-before.tsv"
IDLE_BEFORE=$(idle_cpu "$IDLE_SAMPLE")
thread_ticks > "$OUTDIR/threads-idle-after.tsv"
if [ "$RECORD" = 1 ]; then
  "$JCMD" "$BW" JFR.start name=mailpath settings=profile filename="$OUTDIR/mailpath.jfr" \
    jdk.FileForce#threshold=0ms jdk.ObjectAllocationSample#throttle=1000/s > /dev/null
fi
# the options in quotes: jcmd would read "event=cpu" as an argument of its own
[ "$ASYNC" = 1 ] && "$JCMD" "$BW" JVMTI.agent_load "\"$ASYNC_LIB\"" "\"start,event=$ASYNC_EVENT$([ "$ASYNC_EVENT" = cpu ] && echo ,interval=1ms,cstack=vm)\"" >> "$OUTDIR/async.log"
base=$(sink_messages)
thread_ticks > "$OUTDIR/threads-before.tsv"
c0=$(cpu_ms)
WINDOW_FROM=$(date +%s%3N)
log "measured: $MESSAGES messages over $SESSIONS sessions"
load "$MESSAGES" "$WARMUP" measured
OK=$(accepted)
wait_delivered $(( base + OK ))
wait_idle
c1=$(cpu_ms)
WINDOW_TO=$(date +%s%3N)
thread_ticks > "$OUTDIR/threads-after.tsv"
[ "$COMPILES" = 1 ] && "$JCMD" "$BW" JFR.dump name=compiles filename="$OUTDIR/compiles.jfr" > /dev/null
[ "$RECORD" = 1 ] && "$JCMD" "$BW" JFR.stop name=mailpath > /dev/null
if [ "$ASYNC" = 1 ]; then
  "$JCMD" "$BW" JVMTI.agent_load "\"$ASYNC_LIB\"" "\"stop,file=$OUTDIR/$ASYNC_EVENT.collapsed,collapsed$([ "$ASYNC_EVENT" = cpu ] || echo ,total)\"" >> "$OUTDIR/async.log"
  "$JCMD" "$BW" JVMTI.agent_load "\"$ASYNC_LIB\"" "\"dump,file=$OUTDIR/$ASYNC_EVENT.html,flamegraph$([ "$ASYNC_EVENT" = cpu ] || echo ,total)\"" >> "$OUTDIR/async.log" || true
  # jcmd exits 0 even when the agent refuses a command: the file is the proof
  [ -s "$OUTDIR/$ASYNC_EVENT.collapsed" ] || log "async-profiler wrote no profile: see $OUTDIR/async.log"
fi
# per accepted message; the refused ones' scans and events are in the totals too
echo "sent $MESSAGES, accepted $OK, delivered $(( $(sink_messages) - base ))" | tee "$OUTDIR/summary.txt"
if [ "$RECORD" = 1 ]; then
  tool ProfileSummary --jfr "$OUTDIR/mailpath.jfr" --messages "$OK" --cpu-ms $(( c1 - c0 )) \
    | tee -a "$OUTDIR/summary.txt"
else
  awk -v c=$(( c1 - c0 )) -v n="$OK" 'BEGIN { printf "CPU of the appliance process: %.2f ms/msg (no flight recording)\n", c / n }' \
    | tee -a "$OUTDIR/summary.txt"
fi
{ echo "CPU of the measured window by JVM thread kind (/proc; threads that ended in it are missing):"
  thread_shares "$OUTDIR/threads-before.tsv" "$OUTDIR/threads-after.tsv"; } | tee -a "$OUTDIR/summary.txt"
tail -n 1 "$OUTDIR/load.jsonl" >> "$OUTDIR/summary.txt"
[ "$RECORD" = 1 ] && tool LatencyBreakdown --jfr "$OUTDIR/mailpath.jfr" | tee -a "$OUTDIR/summary.txt"
[ "$COMPILES" = 1 ] && tool CompileSummary --jfr "$OUTDIR/compiles.jfr" --from "$WINDOW_FROM" --to "$WINDOW_TO" \
  | tee -a "$OUTDIR/summary.txt"
{
  echo "conditions: fresh data directory; warm-up $WARMUP messages over $SESSIONS sessions; $SESSIONS sessions measured"
  echo "appliance idle CPU after the warm-up: $IDLE_BEFORE ms/s (over ${IDLE_SAMPLE} s, no mail flowing), by JVM thread kind:"
  thread_shares "$OUTDIR/threads-idle-before.tsv" "$OUTDIR/threads-idle-after.tsv"
  echo "load average at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  # the embedded store's file after everything sent (MVStore appends chunks and reuses freed space)
  awk -v b="$(stat -c %s "$DATA/store/bulwark.mv" 2>/dev/null || echo '?')" -v n=$(( WARMUP + MESSAGES )) \
    'BEGIN { if (b == "?" || n == 0) printf "store file: %s bytes after %d messages sent\n", b, n
             else printf "store file: %.0f MB after %d messages sent, %.1f KB per message\n", b / 1048576, n, b / 1024 / n }'
} | tee -a "$OUTDIR/summary.txt"
[ "$RECORD" = 1 ] && log "recording: $OUTDIR/mailpath.jfr (jfr view hot-methods, jfr view allocation-by-site)"
true
