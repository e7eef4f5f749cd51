#!/usr/bin/env bash
# policylens build script. Commands:
#   ./build.sh           build the wasm core, the extension (extension/) and the playground (www/)
#   ./build.sh test      build, then run every test: native Rust, wasm boundary, e2e in Chromium
#   ./build.sh serve     serve the playground on http://localhost:8000
#   ./build.sh bench     run the benchmarks and print their numbers
#   ./build.sh package   write dist/policylens-chrome.zip and dist/policylens-firefox.zip
# Installs what it needs on a fresh Debian machine (rustup target, wasm-bindgen CLI, npm
# packages, zip, Chromium and Firefox ESR for tests).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-target}

step() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Installing the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    step "Installing wasm-bindgen-cli $want (matches Cargo.lock; takes a few minutes once)"
    # No --locked: the registry mirror lacks one locked transitive version (TOOLCHAIN.md).
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_packages() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    step "Installing Node.js"
    as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages (binaryen, playwright-core, web-ext, ws)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() {
  # chromium-l10n: the browser's own translations; without them a German browser (the
  # language e2e test) falls back to English.
  if ! command -v chromium >/dev/null || [ ! -e /usr/lib/chromium/locales/de.pak ]; then
    step "Installing Chromium and its translations (Debian packages)"
    as_root apt-get update -qq && as_root apt-get install -y -qq chromium chromium-l10n
  fi
}

ensure_firefox() {
  if ! command -v firefox-esr >/dev/null && ! command -v firefox >/dev/null; then
    step "Installing Firefox ESR (Debian package)"
    as_root apt-get update -qq && as_root apt-get install -y -qq firefox-esr
  fi
}

ensure_zip() {
  if ! command -v zip >/dev/null || ! command -v unzip >/dev/null; then
    step "Installing zip and unzip"
    as_root apt-get update -qq && as_root apt-get install -y -qq zip unzip
  fi
}

# wasm-bindgen's JS glue for a built core: the reset-state function is what extension/core.js
# calls to re-create the instance after a failure.
bind_core() {
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function --out-dir "$2" "$1"
}

build() {
  ensure_rust
  ensure_node_packages
  step "Building the command-line tool; writing extension/generated/shared.js from the core and the content script bundle"
  cargo build --release --bin policylens
  mkdir -p extension/generated
  "$TARGET_DIR/release/policylens" shared-js > extension/generated/shared.js
  node tools/bundle-content.mjs
  step "Building the wasm core"
  cargo build --profile wasm --lib --target wasm32-unknown-unknown
  rm -rf extension/pkg
  bind_core "$TARGET_DIR/wasm32-unknown-unknown/wasm/policylens.wasm" extension/pkg
  # --low-memory-unused: the stack fills the first MB from the top, so no pointer points into
  # the first KB and constant offsets fold into loads (-0.6 KB gzip); --converge repeats the
  # passes while they shrink the code (-0.4 KB, ~2 s); -ocimfs 20 (one-caller inline max
  # function size) inlines functions of up to 20 instructions into their only caller (-6.3 KB).
  # The producers and target features sections are for tools, not browsers.
  wasm-opt -Oz -ocimfs 20 --low-memory-unused --converge --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    extension/pkg/policylens_bg.wasm -o extension/pkg/policylens_bg.wasm
  step "Copying the shared renderer and extraction into the playground"
  rm -rf www/pkg www/generated && cp -r extension/pkg www/pkg && cp -r extension/generated www/generated
  cp extension/badge.js extension/core.js extension/extract.js extension/panel.css www/
  local raw gz
  raw=$(stat -c %s extension/pkg/policylens_bg.wasm)
  gz=$(gzip -9 -c extension/pkg/policylens_bg.wasm | wc -c)
  cat <<TXT

Built. wasm core: $((raw / 1024)) KB raw, $((gz / 1024)) KB gzip.

Load the extension:
  Chrome/Chromium: open chrome://extensions, turn on "Developer mode",
                   click "Load unpacked" and choose $ROOT/extension
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on...",
                   choose $ROOT/extension/manifest.json
Open the playground:  ./build.sh serve   (then http://localhost:8000)
Command line:         $TARGET_DIR/release/policylens analyze --json FILE
TXT
}

# The manifest in extension/ serves both browsers; each zip keeps only the keys its browser
# reads: Chromium runs background.service_worker, Firefox runs background.scripts.
browser_manifest() {
  node -e '
    const fs = require("fs");
    const [file, browser] = process.argv.slice(1);
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    if (browser === "chrome") {
      delete manifest.background.scripts;
      delete manifest.browser_specific_settings;
    } else {
      delete manifest.background.service_worker;
    }
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  ' "$1" "$2"
}

# dist/policylens-{chrome,firefox}.zip from the built extension/; lints the Firefox one.
package() {
  ensure_zip
  step "Packaging the extension for Chrome and Firefox"
  # A failed run leaves dist/.stage for a look; the next run starts afresh.
  local stage=dist/.stage
  rm -rf dist && mkdir -p "$stage"
  for browser in chrome firefox; do
    cp -r extension "$stage/$browser"
    # Editor and OS leftovers (.DS_Store, swap files) are not part of the extension.
    find "$stage/$browser" -name '.*' -prune -exec rm -rf {} +
    browser_manifest "$stage/$browser/manifest.json" "$browser"
    (cd "$stage/$browser" && zip -q -r -X "$ROOT/dist/policylens-$browser.zip" .)
  done
  step "web-ext lint (Firefox package)"
  web-ext lint --source-dir "$stage/firefox" --no-config-discovery
  rm -rf "$stage"
  ls -l dist/*.zip
}

# A debug core that fails on request (feature fault-injection), beside a copy of core.js, for
# the recovery test in tests/e2e/core-recovery.test.mjs.
build_fault_core() {
  step "Building a fault-injection core for the recovery test"
  cargo build --lib --target wasm32-unknown-unknown --features fault-injection
  rm -rf "$TARGET_DIR/fault-core" && mkdir -p "$TARGET_DIR/fault-core"
  bind_core "$TARGET_DIR/wasm32-unknown-unknown/debug/policylens.wasm" "$TARGET_DIR/fault-core/pkg"
  cp extension/core.js "$TARGET_DIR/fault-core/"
}

run_tests() {
  build
  package
  ensure_chromium
  ensure_firefox
  step "Native tests"
  cargo test --all-targets
  step "wasm boundary tests (wasm-bindgen-test under Node)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --no-default-features --test wasm
  build_fault_core
  step "End-to-end tests (headless Chromium and Firefox, real extension and packages)"
  POLICYLENS_FAULT_CORE="$TARGET_DIR/fault-core" node --test --test-concurrency=1 tests/e2e/
}

# Criterion's output cut to one line per benchmark: name, median time, median throughput.
bench_table() {
  awk '
    function median(line) { sub(/.*: *\[/, "", line); split(line, t, " "); return t[3] " " t[4] }
    function flush() { if (time != "") printf "%-32s %12s %14s\n", name, time, thrpt; time = thrpt = "" }
    /change:/ { flush(); skip = 1; next }
    skip && /time:|thrpt:/ { next }
    { skip = 0 }
    /time:/ { flush(); if ($1 != "time:") name = $1; time = median($0); next }
    /thrpt:/ { thrpt = median($0); flush(); next }
    { flush() }
    $1 ~ /\// { name = $1 }
    END { flush() }
  '
}

run_benches() {
  build
  ensure_chromium
  step "Native benchmarks (criterion; real pages when POLICYLENS_DATA is set, e.g. ../shared/data)"
  cargo bench --bench core -- --warm-up-time 1 --measurement-time 3 2>"$TARGET_DIR/bench.err" \
    | tee "$TARGET_DIR/bench.log" | bench_table
  sed -n '/^full analysis \/ one bare/,$p' "$TARGET_DIR/bench.log"
  step "Chromium benchmarks (headless, the built extension)"
  node tools/bench-chromium.mjs
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  package) build; package ;;
  bench) run_benches ;;
  serve)
    [ -d www/pkg ] || build
    echo "Playground: http://localhost:${PORT:-8000}/"
    exec python3 -m http.server "${PORT:-8000}" --bind 127.0.0.1 --directory www
    ;;
  *) echo "usage: ./build.sh [build|test|serve|package|bench]" >&2; exit 2 ;;
esac
