#!/usr/bin/env bash
# `make run`: start the local Kafka + Connect stack, build the app, and serve it through nginx
# with the stack's clusters preconfigured. nginx proxies /connect/alpha/ and /connect/beta/
# (adding beta's basic-auth header server-side); "alpha (direct)" talks to the worker over CORS.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
RUN_DIR="${RUN_DIR:-.cache/run}"
mkdir -p "$RUN_DIR"

tests/stack/stack.sh up
# shellcheck disable=SC1091
source tests/stack/run/stack.env

make --no-print-directory build PUBLIC_URL=/

# The clusters (alpha via proxy, beta with auth at the proxy, alpha-direct over CORS).
python3 .ci/stack-config.py "$RUN_DIR/config.json"

export BETA_USER BETA_PASSWORD
url=$(python3 .ci/nginx.py start --dist dist --port "$PORT" --base / --run-dir "$RUN_DIR/nginx" \
  --config-json "$RUN_DIR/config.json" \
  --proxy "alpha=$ALPHA_URL,$ALPHA_URL_2" --proxy "beta=$BETA_URL" \
  --basic-auth "beta=BETA_USER:BETA_PASSWORD" --connect-src "$ALPHA_URL")
cat <<TXT

  connect-console is running at  $url
  clusters: alpha (via proxy), beta (basic auth added by the proxy), alpha (direct, CORS)
  stack logs: tests/stack/run/logs/   nginx logs: $RUN_DIR/nginx/
  Ctrl-C stops the web server; \`make stack-down\` stops Kafka and Connect.

TXT
trap 'python3 .ci/nginx.py stop --run-dir "$RUN_DIR/nginx"; exit 0' INT TERM
while kill -0 "$(cat "$RUN_DIR/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null; do sleep 1; done
