#!/usr/bin/env bash
# The appliance's JVM options file, for every script that starts the jar: ./bulwark run and the
# harnesses bench/run.sh, bench/profile.sh and bench/heap-probe.sh source this (docs/adr/0050-*.md).
#
#   jvm_options_file ROOT   sets the array JVM_FILE to the java argument for the file named by
#                           BULWARK_JVM_OPTIONS (default ROOT/appliance/jvm.options; empty: none), with
#                           an absolute path; stops the script when the file is missing
jvm_options_file() {
  local file=${BULWARK_JVM_OPTIONS-$1/appliance/jvm.options}
  JVM_FILE=()
  [ -n "$file" ] || return 0
  [ -f "$file" ] || { echo "no JVM options file: $file (BULWARK_JVM_OPTIONS)" >&2; exit 1; }
  JVM_FILE=("@$(cd "$(dirname "$file")" && pwd)/$(basename "$file")")
}
