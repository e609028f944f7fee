#!/usr/bin/env bash
# Idempotent tool install for connect-console. Checks each tool at its pinned version, installs
# only what is missing or wrong, and says what it installs. Used by `make setup` (and so by
# `make run`, `make test`, `make build`, `make bench`).
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
CACHE="${CC_CACHE:-$HOME/.cache/connect-console}"
NODE_TOOLS="$CACHE/node-tools"
export PATH="$HOME/.cargo/bin:$NODE_TOOLS/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Rust toolchain: wasm target and lint components -------------------------------------
command -v cargo >/dev/null || { echo "[setup] cargo is missing: install Rust with rustup first" >&2; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$comp"; then
    say "adding rustup component $comp"
    rustup component add "$comp"
  fi
done

# --- trunk and wasm-bindgen-cli (exact versions) ----------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (cargo install --locked; several minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: its lockfile pins a webpki-roots release the registry here does not serve.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet
fi

# --- Debian packages: browser, JDK, Maven, nginx, compressors ---------------------------------
pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
command -v node >/dev/null || pkgs+=(nodejs)
command -v npm >/dev/null || pkgs+=(npm)
command -v mvn >/dev/null || pkgs+=(maven)
command -v nginx >/dev/null || pkgs+=(nginx-light)
command -v brotli >/dev/null || pkgs+=(brotli)
command -v curl >/dev/null || pkgs+=(curl)
command -v jq >/dev/null || pkgs+=(jq)
if ! java -version 2>&1 | grep -qE 'version "(17|2[0-9])'; then pkgs+=(openjdk-17-jdk-headless); fi
if [ ${#pkgs[@]} -gt 0 ]; then apt_install "${pkgs[@]}"; fi

# --- wasm-opt from npm binaryen (Debian's is too old for current rustc output) ----------------
if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt from npm binaryen@$BINARYEN_VERSION into $NODE_TOOLS"
  mkdir -p "$NODE_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$NODE_TOOLS" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null | head -1), java $(java -version 2>&1 | head -1 | awk -F'"' '{print $2}'), maven $(mvn -v 2>/dev/null | head -1 | sed "s/\x1b\[[0-9;]*m//g" | awk "{print \$3}")"
