# connect-console: the two commands are `make run` and `make test`; the rest are their parts.
SHELL := /bin/bash
CC_CACHE ?= $(HOME)/.cache/connect-console
export CC_CACHE
export PATH := $(HOME)/.cargo/bin:$(CC_CACHE)/node-tools/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PUBLIC_URL ?= /

.PHONY: setup build sizes run test lint test-native test-wasm test-stack test-faults test-e2e bench \
	    stack-up stack-down stack-status stack-seed stack-capture clean screenshots

## setup: install every missing tool at its pinned version (idempotent)
setup:
	@.ci/setup.sh

## build: release bundle into dist/ (hashed names), then print and record its sizes
build: setup
	cargo fetch --quiet
	trunk build --release --offline --public-url "$(PUBLIC_URL)"
	@.ci/sizes.sh dist

sizes:
	@.ci/sizes.sh dist

## run: start the local Kafka + Connect stack and serve the app with its clusters preconfigured
run: setup
	@.ci/run-local.sh

## test: every test (lint, native, wasm in Chromium, real-stack integration, end-to-end)
test: setup
	@.ci/test.sh

lint:
	cargo fmt --check
	cargo clippy --all-targets --locked --features stack-tests -- -D warnings
	cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --locked

# only the web_* suites hold browser tests; the native suites would link to empty wasm binaries
test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test 'web_*'

test-stack:
	cargo test --locked --features stack-tests --test 'stack_*' -- --test-threads=1

## test-faults: kills workers and stops the broker (each test restores the stack): run it last
test-faults:
	cargo test --locked --features stack-tests --test faults -- --test-threads=1

test-e2e:
	@.ci/e2e.sh

## screenshots: copy the screens README.md shows from the last e2e run into docs/screenshots
screenshots:
	@.ci/screenshots.sh

bench: setup
	@.ci/bench.sh

stack-up stack-down stack-status stack-seed stack-capture:
	@tests/stack/stack.sh $(subst stack-,,$@)

clean:
	rm -rf dist target
