#!/usr/bin/env bash
# The built-in signature engine beside clamd on the same generated database and the same files, in
# one run (docs/antivirus.md, "Measurements"):
#   1. generate DIR/db (PATTERNS .ndb body signatures + as many .hdb hashes) and DIR/files (FILES x 1 MiB)
#   2. the built-in engine: load time, retained heap, MB/s on one thread (both anchor matchers)
#   3. clamd (Debian's clamav-daemon) started on DIR/db: load time, then clamdscan over DIR/files,
#      once letting clamd read the files (CONTSCAN, one thread) and once streaming them (INSTREAM)
#   4. with JMH=1, the JMH benchmark SignatureEngineBenchmark (several minutes)
# Needs bench/target/benchmarks.jar (./mvnw -pl bench package) and, for step 3, clamd + clamdscan.
#
# Environment: DIR [/tmp/bulwark-avbench/side] PATTERNS [100000] FILES [32] JAVA [$JAVA_HOME/bin/java or java]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/target/benchmarks.jar"
DIR=${DIR:-/tmp/bulwark-avbench/side}
PATTERNS=${PATTERNS:-100000}
FILES=${FILES:-32}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -pl bench -am package -DskipTests" >&2; exit 1; }

if [ ! -f "$DIR/db/bench.ndb" ]; then
  "$JAVA" -cp "$JAR" io.bulwark.bench.SignatureBenchData generate "$DIR" "$PATTERNS" "$FILES"
fi
MB=$(du -cm "$DIR"/files/* | tail -1 | cut -f1)
echo "== data: $(wc -l < "$DIR/db/bench.ndb") body + $(wc -l < "$DIR/db/bench.hdb") hash signatures, $FILES files, ${MB} MB"

echo "== built-in engine (one thread)"
for m in Q_GRAM AHO_CORASICK; do
  "$JAVA" -Xmx1g -Dmatcher=$m -cp "$JAR" io.bulwark.bench.SignatureBenchData measure "$DIR" 2>&1 | grep -v ' INFO '
done

CLAMD=$(command -v clamd || ls /usr/sbin/clamd 2>/dev/null || true)
if [ -n "$CLAMD" ] && command -v clamdscan >/dev/null; then
  RUN="$DIR/clamd"
  mkdir -p "$RUN"
  cat > "$RUN/clamd.conf" <<CONF
Foreground yes
LocalSocket $RUN/clamd.sock
DatabaseDirectory $DIR/db
LogFile $RUN/clamd.log
MaxThreads 4
CONF
  rm -f "$RUN/clamd.sock"
  start=$(date +%s.%N)
  "$CLAMD" -c "$RUN/clamd.conf" > "$RUN/clamd.out" 2>&1 &
  CLAMD_PID=$!
  trap 'kill $CLAMD_PID 2>/dev/null || true' EXIT
  until clamdscan -c "$RUN/clamd.conf" --ping 1 >/dev/null 2>&1; do
    kill -0 $CLAMD_PID 2>/dev/null || { cat "$RUN/clamd.out"; exit 1; }
    sleep 0.2
  done
  echo "== clamd $("$CLAMD" --version): started and loaded in $(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.2f", a-b}') s," \
       "resident $(ps -o rss= -p $CLAMD_PID | awk '{printf "%.1f MB", $1/1024}')"
  for mode in "" "--stream"; do
    clamdscan -c "$RUN/clamd.conf" --no-summary $mode "$DIR"/files/* > /dev/null || true  # warm the page cache
    start=$(date +%s.%N)
    out=$(clamdscan -c "$RUN/clamd.conf" --no-summary $mode "$DIR"/files/* || true)
    secs=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.2f", a-b}')
    found=$(printf '%s\n' "$out" | grep -c 'FOUND$' || true)
    echo "clamdscan ${mode:-(CONTSCAN)}: ${MB} MB in ${secs} s = $(awk -v m="$MB" -v s="$secs" 'BEGIN{printf "%.1f", m/s}') MB/s, $found detections"
  done
  kill $CLAMD_PID; wait $CLAMD_PID 2>/dev/null || true
  trap - EXIT
else
  echo "== clamd or clamdscan not installed: no side-by-side (apt-get install clamav-daemon clamdscan)"
fi

if [ "${JMH:-0}" = 1 ]; then
  "$JAVA" -jar "$JAR" SignatureEngineBenchmark -p dir="$(dirname "$DIR")/jmh"
fi
