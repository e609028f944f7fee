#!/usr/bin/env bash
# Prints the transfer size of a built dist/ (raw, gzip -9, brotli -q 11) per file kind and in
# total, and records the table in BENCHMARKS.md between the transfer-size markers.
set -euo pipefail
dist="${1:-dist}"
[ -d "$dist" ] || { echo "no $dist/: run make build first" >&2; exit 1; }
row() { # label files...
  local label=$1; shift
  local raw=0 gz=0 br=0 f
  for f in "$@"; do
    [ -f "$f" ] || continue
    raw=$((raw + $(wc -c <"$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  printf '| %s | %d | %d | %d |\n' "$label" "$raw" "$gz" "$br"
}
shopt -s nullglob
table=$(
  echo "| file | raw bytes | gzip bytes | brotli bytes |"
  echo "|---|---:|---:|---:|"
  row "index.html" "$dist/index.html"
  row "wasm" "$dist"/*.wasm
  row "js" "$dist"/*.js
  row "css" "$dist"/*.css
  row "**total**" "$dist/index.html" "$dist"/*.wasm "$dist"/*.js "$dist"/*.css
)
echo "$table"
md=BENCHMARKS.md
[ -f "$md" ] || printf '# Benchmarks\n\n' >"$md"
block=$(printf '<!-- transfer-size:start -->\n## Transfer size\n\nMeasured by `make build` (`.ci/sizes.sh dist`) on %s, commit %s.\n\n%s\n<!-- transfer-size:end -->' \
  "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD 2>/dev/null || echo none)" "$table")
if grep -q '<!-- transfer-size:start -->' "$md"; then
  python3 - "$md" "$block" <<'PY'
import re, sys
path, block = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r'<!-- transfer-size:start -->.*?<!-- transfer-size:end -->', lambda _: block, text, flags=re.S)
open(path, 'w').write(text)
PY
else
  printf '%s\n' "$block" >>"$md"
fi
