#!/usr/bin/env bash
# `make test`: every test, in order of cost. Starts the real Kafka Connect stack if none is
# running and stops it afterwards (a stack that was already up is reused and left running).
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
step() { printf '\n=== [%4ds] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

step "lint: cargo fmt --check, clippy -D warnings (native and wasm32)"
make --no-print-directory lint

step "native unit tests (protocol, form model, state)"
make --no-print-directory test-native

step "browser tests: wasm-bindgen-test in headless Chromium"
make --no-print-directory test-wasm

step "release build into dist/"
make --no-print-directory build

started_stack=0
if ! tests/stack/stack.sh status >/dev/null 2>&1; then
  step "starting the real Kafka Connect stack"
  tests/stack/stack.sh up
  started_stack=1
else
  step "reusing the running Kafka Connect stack"
  tests/stack/stack.sh seed
fi
cleanup() { if [ "$started_stack" = 1 ]; then tests/stack/stack.sh down || true; fi; }
trap cleanup EXIT

step "integration tests against the real stack (native cargo test)"
make --no-print-directory test-stack

if [ -x .ci/e2e.sh ]; then
  step "end-to-end journeys in Chromium against the real stack"
  make --no-print-directory test-e2e
fi

step "fault tests against the real stack (worker killed, broker stopped; run last)"
make --no-print-directory test-faults

step "all tests passed in $(( $(date +%s) - t0 )) s"
