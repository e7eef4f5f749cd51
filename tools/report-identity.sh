#!/usr/bin/env bash
# Compares the reports of two policylens binaries on every visible page: each row of
# DATA/pages/manifest.csv, and each OPP-115 policy (original pages, once more with a URL made
# from the file name; sanitized texts). Speed work must leave every report byte-identical.
#   tools/report-identity.sh DATA BEFORE_BINARY [AFTER_BINARY]
# AFTER defaults to target/release/policylens. The BEFORE outputs are kept in
# /tmp/report-identity/<hash of BEFORE and the page list>/ and reused. Exit status 1 when any report differs.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 DATA BEFORE_BINARY [AFTER_BINARY]" >&2
  exit 2
fi
DATA=$(cd "$1" && pwd)
BEFORE=$(realpath "$2")
AFTER=$(realpath "${3:-target/release/policylens}")
JOBS=${JOBS:-2}

# One job per line: FILE<TAB>URL (URL may be empty).
jobs_list() {
  # The path is the first column, quoted when it holds a comma.
  tail -n +2 "$DATA/pages/manifest.csv" | sed -E 's/^"([^"]*)",.*/\1/; t; s/,.*//' | while read -r path; do
    printf '%s\t\n' "$DATA/pages/$path"
  done
  for f in "$DATA"/opp115/original_policies/*.html; do
    printf '%s\t\n' "$f"
    local host
    host=$(basename "$f" .html)
    printf '%s\thttps://%s/privacy\n' "$f" "${host#*_}"
  done
  for f in "$DATA"/opp115/sanitized_policies/*.html; do
    printf '%s\t\n' "$f"
  done
}

# Writes OUT/<key>: exit status, stdout and stderr of `analyze --json` on one job.
run_all() {
  local bin=$1 out=$2
  mkdir -p "$out"
  jobs_list | JOBS_BIN=$bin JOBS_OUT=$out xargs -d '\n' -P "$JOBS" -n 1 bash -c '
    file=${0%%	*}; url=${0#*	}
    key=$(printf "%s|%s" "$file" "$url" | md5sum | cut -c1-16)
    if [ -n "$url" ]; then args=(--url "$url"); else args=(); fi
    { "$JOBS_BIN" analyze "${args[@]}" --json "$file" 2>&1; echo "exit $?"; echo "$0"; } >"$JOBS_OUT/$key"
  '
}

base=/tmp/report-identity/$( (md5sum <"$BEFORE"; jobs_list) | md5sum | cut -c1-16)
if [ ! -f "$base/.done" ]; then
  rm -rf "$base"
  run_all "$BEFORE" "$base"
  touch "$base/.done"
fi
after=$(mktemp -d /tmp/report-identity-after.XXXXXX)
run_all "$AFTER" "$after"
count=$(find "$after" -type f | wc -l)
if diff -rq -x .done "$base" "$after" >"$after.diff"; then
  echo "identical: $count reports"
  rm -rf "$after" "$after.diff"
else
  echo "DIFFERENT: $(wc -l <"$after.diff") of $count reports (list: $after.diff; outputs: $base vs $after)"
  exit 1
fi
