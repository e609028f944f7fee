#!/usr/bin/env python3
"""Trunk post_build hook: make dist/ safe under a strict Content-Security-Policy.

Trunk injects its wasm loader as an inline <script type="module">, which `script-src 'self'`
forbids. This moves that script into a content-hashed file next to the wasm and references it
with src= and an SRI hash, so the page runs with no inline script at all. It also writes
version.json (version and commit) for the UI and for operators, and embed.js: the stable,
uncached entry point that mounts the app into an element of a host page (see docs/DEPLOY.md).
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
index_path = os.path.join(staging, "index.html")
html = open(index_path, encoding="utf-8").read()

pattern = re.compile(r'<script type="module">(.*?)</script>', re.S)
match = pattern.search(html)
if match:
    code = match.group(1).strip() + "\n"
    digest = hashlib.sha256(code.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
        f.write(code)
    sri = "sha384-" + base64.b64encode(hashlib.sha384(code.encode()).digest()).decode()
    tag = f'<script type="module" src="{public_url}{name}" integrity="{sri}" crossorigin="anonymous"></script>'
    html = html[: match.start()] + tag + html[match.end():]
elif "<script" in html and 'type="module" src=' not in html:
    sys.exit("postbuild: found a script tag this hook does not understand; refusing to ship it")

if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("postbuild: an inline <script> is still in index.html; the strict CSP would block it")

with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)

def git(*args):
    try:
        return subprocess.check_output(["git", *args], stderr=subprocess.DEVNULL, text=True).strip()
    except Exception:
        return None

cargo = open("Cargo.toml", encoding="utf-8").read()
version = re.search(r'^version\s*=\s*"([^"]+)"', cargo, re.M).group(1)
info = {
    "version": version,
    "commit": git("rev-parse", "--short=12", "HEAD") or "unknown",
    "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    "built_at": subprocess.check_output(["date", "-u", "+%Y-%m-%dT%H:%M:%SZ"], text=True).strip(),
}
with open(os.path.join(staging, "version.json"), "w", encoding="utf-8") as f:
    json.dump(info, f)
    f.write("\n")


# embed.js: a classic script with a stable name (served no-cache) that loads the hashed module
# and wasm relative to its own URL, so it survives relocate.py and any CDN prefix unchanged.
def asset(pattern):
    found = re.search(pattern, html)
    if not found:
        sys.exit(f"postbuild: no {pattern} in index.html; cannot write embed.js")
    return os.path.basename(found.group(1))

module = asset(r'<link rel="modulepreload" href="([^"]+\.js)"')
wasm = asset(r'<link rel="preload" href="([^"]+\.wasm)"')
# Every stylesheet index.html links, in order (main, components, then each area's).
css_files = [os.path.basename(h) for h in re.findall(r'<link rel="stylesheet" href="([^"]+\.css)"', html)]
if not css_files:
    sys.exit("postbuild: no stylesheet in index.html; cannot write embed.js")
css = json.dumps(css_files)
embed = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "embed.js.in"), encoding="utf-8").read()
for key, value in {"MODULE": module, "WASM": wasm, "CSS": css, "VERSION": info["version"]}.items():
    embed = embed.replace(f"@@{key}@@", value)
with open(os.path.join(staging, "embed.js"), "w", encoding="utf-8") as f:
    f.write(embed)
