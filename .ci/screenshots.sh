#!/usr/bin/env bash
# `make screenshots`: copies the screens README.md shows from the last e2e run
# (tests/e2e/results/screenshots/, written by `make test-e2e` against the real stack) into
# docs/screenshots/: the top 1,000 px of each, reduced with pngquant when it is installed. Run it after a green e2e run.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=tests/e2e/results/screenshots
DST=docs/screenshots
SCREENS="list-overview list-connectors list-workers list-settings detail-status detail-config
  detail-tasks detail-offsets detail-topics form-create-plugin form-create-errors form-edit-diff
  plugins plugin-detail loggers activity not-found"
mkdir -p "$DST"
missing=0
for s in $SCREENS; do
  for theme in light dark; do
    f="$s-$theme.png"
    if [ ! -f "$SRC/$f" ]; then echo "missing $SRC/$f (run make test-e2e first)" >&2; missing=1; continue; fi
    # a long screen (full-page shot) keeps its top 1,000 px: a readable picture, a small file
    python3 .ci/png_top.py "$SRC/$f" "$DST/$f" 1000
    if command -v pngquant >/dev/null; then
      pngquant --force --quality 60-90 --speed 1 --output "$DST/$f" -- "$DST/$f"
    fi
  done
done
du -ch "$DST"/*.png | tail -1
exit $missing
