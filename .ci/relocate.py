#!/usr/bin/env python3
"""Re-point an already built dist/ to another sub-path, at deploy time, without rebuilding.

  relocate.py DIST NEW_BASE          e.g.  relocate.py /srv/www/kafka /tools/kafka/

trunk bakes the public URL (`--public-url`) into index.html (<base href>, asset URLs) and the
boot script (the module and wasm it imports). This rewrites exactly those, in place:

  index.html   <base href>, every src=/href= under the old base, the boot script's SRI hash
  boot-*.js    its import paths; it is renamed to boot-<new content hash>.js so a CDN that
               cached the old one forever never serves stale content

Everything else is relative already: the wasm-bindgen module finds its wasm via
import.meta.url, embed.js loads from its own URL, the app reads its base from document.baseURI
at run time. It refuses to run on a dist/ it does not understand, and checks that no reference
to the old base is left. Relocating twice (or back) is fine.
"""
import base64
import hashlib
import os
import re
import sys


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def normalize(base):
    if "://" in base or base.startswith("//"):
        sys.exit("relocate.py: NEW_BASE is a path such as /console/ (serve dist/ on any host)")
    return "/" + base.strip("/") + "/" if base.strip("/") else "/"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dist, new = sys.argv[1], normalize(sys.argv[2])
    index_path = os.path.join(dist, "index.html")
    html = open(index_path, encoding="utf-8").read()
    m = re.search(r'<base href="([^"]*)"\s*/?>', html)
    if not m:
        sys.exit(f"relocate.py: no <base href> in {index_path}; build with trunk (index.html has <base data-trunk-public-url/>)")
    old = m.group(1)
    files = set(os.listdir(dist))

    def repoint(value):
        """OLD<file> -> NEW<file>, only for files of this bundle."""
        if value.startswith(old) and not value.startswith("//") and value[len(old):].split("?")[0] in files:
            return new + value[len(old):]
        return value

    boots = re.findall(r'<script type="module" src="([^"]+)" integrity="[^"]+"', html)
    if len(boots) != 1 or not os.path.basename(boots[0]).startswith("boot-"):
        sys.exit("relocate.py: expected exactly one boot-*.js module script (written by .ci/postbuild.py)")
    boot_name = os.path.basename(boots[0])
    boot_code = open(os.path.join(dist, boot_name), encoding="utf-8").read()

    # The boot script's import paths: quoted OLD<file> literals.
    def lit(mm):
        return mm.group(1) + repoint(mm.group(2)) + mm.group(1)

    new_code = re.sub(r"""(['"])([^'"]+)\1""", lit, boot_code)
    digest = hashlib.sha256(new_code.encode()).hexdigest()[:16]
    new_boot = f"boot-{digest}.js"

    # index.html: <base href>, then every src=/href= of a bundle file, then the boot script.
    html = html[: m.start()] + f'<base href="{new}" />' + html[m.end():]
    html = re.sub(r'((?:src|href)=")([^"]+)(")', lambda mm: mm.group(1) + repoint(mm.group(2)) + mm.group(3), html)
    html = re.sub(
        r'<script type="module" src="[^"]+" integrity="[^"]+"',
        f'<script type="module" src="{new}{new_boot}" integrity="{sri(new_code.encode())}"',
        html,
    )

    if old != "/" and old != new:
        for name, text in (("index.html", html), (new_boot, new_code)):
            if old in text:
                sys.exit(f"relocate.py: {name} still refers to {old} after rewriting; not touching {dist}")
    if new != "/":
        refs = re.findall(r'(?:src|href)="(/[^"/][^"]*)"', html)
        stray = [r for r in refs if not r.startswith(new)]
        if stray:
            sys.exit(f"relocate.py: references outside {new} would remain: {stray}")

    with open(os.path.join(dist, new_boot), "w", encoding="utf-8") as f:
        f.write(new_code)
    if new_boot != boot_name:
        os.remove(os.path.join(dist, boot_name))
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"relocated {dist} from {old} to {new} (boot script {new_boot})")


if __name__ == "__main__":
    main()
