#!/usr/bin/env bash
# Instructions V8 runs for the core, counted by valgrind: a deterministic stand-in for the cold
# worker, where the core runs as Liftoff code (lazily compiled on first call) before any
# function is tiered up. Node runs single-threaded with Liftoff only, so the count holds the
# compiling and the running, and no background tier-up; `--predictable` (fixed seeds, no
# concurrent GC) makes instantiate and init() repeat to the instruction, the analyses to ~0.3 M.
#
# Usage: tools/v8-instructions.sh POLICY_HTML EXTENSION_DIR...
#   POLICY_HTML    a saved policy page, read with `policylens read` (target/release/policylens)
#   EXTENSION_DIR  a built extension/ (its pkg/ is loaded); several are measured in turn
# Prints, per directory, M instructions for: instantiating the wasm, `init()`, the first
# `analyze()` and the second one.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,13p "$0" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
policy=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/target/release/policylens" read "$policy" > "$work/page.json"
cat > "$work/run.mjs" <<'JS'
import fs from 'node:fs';
// node run.mjs PKG_DIR PAGE_JSON STEPS: 0 = instantiate, 1 = + init(), 2 = + analyze, 3 = + analyze.
const [dir, pagePath, steps] = process.argv.slice(2);
const page = JSON.parse(fs.readFileSync(pagePath, 'utf8'));
const core = await import(`${dir}/policylens.js`);
if (steps >= 0) core.initSync({ module: fs.readFileSync(`${dir}/policylens_bg.wasm`) });
if (steps >= 1) core.init();
for (let i = 2; i <= steps; i++) core.analyze(page);
JS
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
    node --single-threaded --predictable --liftoff-only "$work/run.mjs" "$1" "$work/page.json" "$2" 2>&1 |
    sed -n 's/.*refs: *//p' | tr -d ,
}
for ext in "$@"; do
  pkg=$(cd "$ext/pkg" && pwd)
  before=$(count "$pkg" -1)
  line="$ext:"
  for step in 0 1 2 3; do
    now=$(count "$pkg" $step)
    name=(instantiate init first-analysis second-analysis)
    line+=" ${name[$step]} $(awk -v a="$now" -v b="$before" 'BEGIN { printf "%.1f M", (a - b) / 1e6 }');"
    before=$now
  done
  echo "$line"
done
