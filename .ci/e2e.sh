#!/usr/bin/env bash
# `make test-e2e`: end-to-end journeys in real Chromium, through real nginx, against the real
# Kafka Connect stack (tests/stack, which must be running: `make stack-up`).
#
#   1. npm ci in tests/e2e (playwright-core + axe-core; never downloads a browser)
#   2. release build with --public-url /console/ into .cache/e2e/dist, reused while its inputs
#      are unchanged (version.json and embed.js are rewritten for the current commit)
#   3. config.json for the stack (.ci/stack-config.py), nginx (.ci/nginx.py) serving the app
#      under /console/ with the strict CSP, proxying /connect/alpha (both workers) and
#      /connect/beta (basic auth added server-side), and the example host pages at /embed/
#   4. node --test tests/e2e/*.test.mjs; nginx is stopped on exit
#
# Environment: E2E_PORT (default 18480), E2E_FORCE_BUILD=1 to rebuild, E2E_FILTER=<regex>
# passed to node --test-name-pattern. Results (failure screenshots and console logs, theme
# screenshots) go to tests/e2e/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
export CC_CACHE="${CC_CACHE:-$HOME/.cache/connect-console}"
export PATH="$HOME/.cargo/bin:$CC_CACHE/node-tools/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0
t0=$(date +%s)
say() { printf '[e2e %4ds] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
die() { printf '[e2e] ERROR: %s\n' "$*" >&2; exit 1; }

STACK_ENV="$REPO/tests/stack/run/stack.env"
[ -f "$STACK_ENV" ] || die "no running Kafka Connect stack: $STACK_ENV is missing. Start it with \`make stack-up\` (tests/stack/stack.sh up), or run \`make test\`, which starts it."
# shellcheck disable=SC1090
source "$STACK_ENV"
for v in ALPHA_URL ALPHA_URL_2 BETA_URL BETA_USER BETA_PASSWORD; do
  [ -n "${!v:-}" ] || die "$STACK_ENV does not set $v"
done
curl -fsS -m 5 -o /dev/null "$ALPHA_URL/connectors" \
  || die "the stack's alpha worker ($ALPHA_URL) does not answer: is the stack up? (tests/stack/stack.sh status)"
export ALPHA_URL ALPHA_URL_2 BETA_URL BETA_USER BETA_PASSWORD
command -v nginx >/dev/null || die "nginx is not installed (make setup)"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is not installed (make setup)"

# --- 1. node dependencies ------------------------------------------------------------------
say "npm ci (tests/e2e)"
(cd tests/e2e && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null)

# --- 2. the release bundle under /console/ ------------------------------------------------------
BASE=/console/
WORK="$REPO/.cache/e2e"
DIST="$WORK/dist"
mkdir -p "$WORK"
inputs_hash() {
  { echo "public-url=$BASE"
    git ls-files -co --exclude-standard -- src style public index.html Trunk.toml Cargo.toml Cargo.lock \
      .ci/postbuild.py build.rs 2>/dev/null | LC_ALL=C sort | while read -r f; do
        [ -f "$f" ] && sha256sum "$f"
      done
  } | sha256sum | cut -d' ' -f1
}
want=$(inputs_hash)
if [ "${E2E_FORCE_BUILD:-0}" != 1 ] && [ -f "$DIST/index.html" ] && [ "$(cat "$WORK/dist.inputs" 2>/dev/null)" = "$want" ]; then
  say "reusing $DIST (inputs unchanged); refreshing version.json and embed.js"
  TRUNK_STAGING_DIR="$DIST" TRUNK_PUBLIC_URL="$BASE" python3 .ci/postbuild.py
else
  say "trunk build --release --public-url $BASE (a few minutes on 2 cores)"
  cargo fetch --quiet
  rm -f "$WORK/dist.inputs"
  trunk build --release --offline --public-url "$BASE" --dist "$DIST"
  echo "$want" >"$WORK/dist.inputs"
fi
[ -f "$DIST/embed.js" ] || die "$DIST/embed.js is missing (postbuild.py writes it)"

# --- 3. config.json and nginx ---------------------------------------------------------------------
PORT="${E2E_PORT:-18480}"
RUN="$WORK/nginx"
python3 .ci/stack-config.py "$WORK/config.json"
stop_nginx() { python3 .ci/nginx.py stop --run-dir "$RUN" >/dev/null 2>&1 || true; }
trap stop_nginx EXIT
trap 'exit 130' INT TERM
say "nginx on 127.0.0.1:$PORT: app at $BASE, proxies /connect/alpha and /connect/beta, host pages at /embed/"
python3 .ci/nginx.py start --dist "$DIST" --port "$PORT" --base "$BASE" --run-dir "$RUN" \
  --config-json "$WORK/config.json" \
  --proxy "alpha=$ALPHA_URL,$ALPHA_URL_2" --proxy "beta=$BETA_URL" \
  --basic-auth "beta=BETA_USER:BETA_PASSWORD" --connect-src "$ALPHA_URL" \
  --static "/embed/=$REPO/tests/deploy/embed" >/dev/null

# --- 4. the journeys ------------------------------------------------------------------------------
export E2E_ORIGIN="http://127.0.0.1:$PORT" E2E_BASE="$BASE" E2E_DIST="$DIST" E2E_NGINX_RUN="$RUN" E2E_REPO="$REPO"
rm -rf tests/e2e/results
say "node --test tests/e2e/*.test.mjs"
args=(--test --test-concurrency=1 --test-reporter=spec)
[ -n "${E2E_FILTER:-}" ] && args+=(--test-name-pattern="$E2E_FILTER")
set +e
(cd tests/e2e && node "${args[@]}" ./*.test.mjs)
rc=$?
set -e
if [ "$rc" = 0 ]; then
  say "end-to-end journeys passed"
else
  say "end-to-end journeys FAILED (exit $rc): screenshots and console logs in tests/e2e/results/"
fi
exit "$rc"
