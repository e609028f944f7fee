#!/usr/bin/env bash
# `make bench`: performance figures for connect-console, written to BENCHMARKS.md.
#
#   1. node dependencies for tests/bench (playwright-core only; never downloads a browser)
#   2. the scale fixture's own test (shapes captured from Kafka Connect 4.3.1, totals, 1 % changes)
#   3. `make build` (release bundle into dist/; sizes.sh updates its block of BENCHMARKS.md)
#   4. tests/bench/run.mjs: transfer size (budget: 400 KB brotli; fails naming the files that
#      grew), then, in headless /usr/bin/chromium through nginx (.ci/nginx.py, production CSP)
#      against the fixture server (3 clusters, 10,000 connectors, 30,000 tasks): cold start, data
#      → painted list, requests per refresh and while hidden, filter keystroke → paint, script
#      time per refresh, scroll dropped frames, memory over 100 refreshes, the validate form, and
#      the same list figures for a plain-table baseline. Rewrites BENCHMARKS.md.
#
# Environment: BENCH_RUNS (5), BENCH_MEMORY_RUNS (3), BENCH_MEMORY_REFRESHES (100),
# BENCH_ONLY=size,app,baseline,memory,form, BENCH_STRICT=1 (timing goals fail too),
# BENCH_SKIP_BUILD=1 (measure the dist/ already there). Takes ~20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
export CC_CACHE="${CC_CACHE:-$HOME/.cache/connect-console}"
export PATH="$HOME/.cargo/bin:$CC_CACHE/node-tools/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0
say() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null || die "node is not installed (make setup)"
command -v nginx >/dev/null || die "nginx is not installed (make setup)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "${CHROMIUM:-/usr/bin/chromium} is not installed (make setup)"

# wasm-objdump (Debian wabt) reads the wasm's name section for the size breakdown by crate.
if ! command -v wasm-objdump >/dev/null; then
  say "installing Debian package wabt (wasm-objdump, for the wasm size breakdown)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt >/dev/null; } \
    || say "wabt could not be installed: the size breakdown by crate is skipped"
fi

say "npm ci (tests/bench)"
(cd tests/bench && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null)

say "fixture test: node --test tests/bench/fixture.test.mjs"
node --test --test-reporter=dot tests/bench/fixture.test.mjs

# The figures of the previous run, before make build rewrites its block: the size check names
# the files that grew against them.
mkdir -p .cache/bench
PREV=.cache/bench/BENCHMARKS.previous.md
if [ -f BENCHMARKS.md ]; then cp BENCHMARKS.md "$PREV"; else : >"$PREV"; fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "make build (release bundle into dist/)"
  make --no-print-directory build
fi

say "tests/bench/run.mjs"
BENCH_PREVIOUS="$REPO/$PREV" node tests/bench/run.mjs
