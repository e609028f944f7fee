#!/usr/bin/env python3
"""Render and run the repo's nginx config (tests/deploy/nginx) for `make run` and the tests.

  nginx.py start --dist dist --port 8080 --base / --run-dir .cache/nginx-run \
      [--config-json FILE] [--proxy NAME=URL[,URL...]] [--basic-auth NAME=USER_ENV:PASS_ENV] \
      [--connect-src URL ...] [--frame-ancestors SRC ...] [--static PREFIX=DIR ...]
  nginx.py check ...same options as start...   (render the config and run `nginx -t` on it)
  nginx.py stop --run-dir DIR

--include FILE adds location blocks (e.g. tests/deploy/nginx/upstreams/*.conf) to the server.
--static serves another directory of plain files (e.g. the example host pages under
tests/deploy/embed) at PREFIX with the same security headers and Cache-Control: no-cache.

Credentials are read from the named environment variables and written only into the run
directory's rendered config, never onto a command line or into dist/.
"""
import argparse
import base64
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "..", "tests", "deploy", "nginx", "connect-console.conf.template")


def csp(connect_src, frame_ancestors):
    connect = " ".join(["'self'", *connect_src])
    frames = " ".join(frame_ancestors) if frame_ancestors else "'self'"
    # style-src needs 'unsafe-inline': thaw injects its component CSS as <style> elements at
    # run time (thaw_utils mount_style) and sets inline style attributes.
    return (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        f"connect-src {connect}; object-src 'none'; base-uri 'self'; form-action 'self'; "
        f"frame-ancestors {frames}"
    )


def render(args):
    run = os.path.abspath(args.run_dir)
    os.makedirs(os.path.join(run, "tmp"), exist_ok=True)
    base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
    dist = os.path.abspath(args.dist)
    if base == "/":
        root = dist
    else:
        root = os.path.join(run, "www")
        shutil.rmtree(root, ignore_errors=True)
        link = os.path.join(root, base.strip("/"))
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(dist, link)

    with open(os.path.join(run, "headers.conf"), "w") as f:
        f.write(f'add_header Content-Security-Policy "{csp(args.connect_src, args.frame_ancestors)}" always;\n')
        f.write('add_header X-Content-Type-Options "nosniff" always;\n')
        f.write('add_header Referrer-Policy "no-referrer" always;\n')

    auth = {}
    for spec in args.basic_auth:
        name, envs = spec.split("=", 1)
        user_env, pass_env = envs.split(":", 1)
        user, password = os.environ.get(user_env), os.environ.get(pass_env)
        if user is None or password is None:
            sys.exit(f"nginx.py: {user_env} and {pass_env} must be set for --basic-auth {name}")
        auth[name] = base64.b64encode(f"{user}:{password}".encode()).decode()

    upstreams, proxies = [], []
    for spec in args.proxy:
        name, urls = spec.split("=", 1)
        servers = "\n".join(
            f"    server {u.split('://', 1)[1].rstrip('/')} max_fails=1 fail_timeout=5s;" for u in urls.split(",")
        )
        upstreams.append(f"  upstream connect_{name} {{\n{servers}\n  }}")
        # The path goes upstream exactly as the browser encoded it: `proxy_pass http://up/;`
        # would send nginx's decoded, re-normalised path instead, so a connector name with
        # `;` (%3B) reached Connect as a path parameter (another connector's name) and one
        # with `"` or `[` was refused by Jetty (tests/e2e/reliability-corpus.test.mjs).
        upstreams.append(
            f"  map $request_uri $connect_{name}_uri {{\n"
            f'    "~^/connect/{name}(?<rest>/.*)$" $rest;\n'
            f"    default /;\n"
            f"  }}"
        )
        header = f'      proxy_set_header Authorization "Basic {auth[name]}";\n' if name in auth else ""
        proxies.append(
            f"    location /connect/{name}/ {{\n"
            f"      proxy_pass http://connect_{name}$connect_{name}_uri;\n"
            f"      proxy_http_version 1.1;\n"
            f'      proxy_set_header Connection "";\n'
            f"{header}"
            f"      proxy_connect_timeout 5s;\n"
            f"      proxy_read_timeout 150s;\n"
            f"      proxy_next_upstream error timeout;\n"
            f"      proxy_hide_header WWW-Authenticate;\n"
            f"      add_header Cache-Control \"no-store\" always;\n"
            f"    }}"
        )
    config_location = ""
    if args.config_json:
        cfg = os.path.join(run, "config.json")
        shutil.copyfile(args.config_json, cfg)
        config_location = (
            f"    location = {base}config.json {{\n"
            f"      include {run}/headers.conf;\n"
            f'      add_header Cache-Control "no-cache" always;\n'
            f"      alias {cfg};\n"
            f"    }}"
        )

    statics = []
    for spec in args.static:
        prefix, directory = spec.split("=", 1)
        prefix = "/" + prefix.strip("/") + "/"
        statics.append(
            f"    location ^~ {prefix} {{\n"
            f"      include {run}/headers.conf;\n"
            f'      add_header Cache-Control "no-cache" always;\n'
            f"      alias {os.path.abspath(directory)}/;\n"
            f"    }}"
        )

    text = open(TEMPLATE).read()
    for key, value in {
        "RUN": run, "PORT": str(args.port), "ROOT": root, "BASE": base,
        "UPSTREAMS": "\n".join(upstreams), "PROXIES": "\n".join(proxies),
        "CONFIG_LOCATION": config_location, "STATIC": "\n".join(statics),
        "INCLUDES": "\n".join(f"    include {os.path.abspath(f)};" for f in args.include),
    }.items():
        text = text.replace(f"@@{key}@@", value)
    if os.geteuid() == 0:
        # Started as root, nginx's workers drop to `nobody`, which cannot read a checkout under
        # a private directory (mktemp -d is 0700). These servers are loopback-only test and
        # local-run servers, so the workers keep the caller's user.
        text = "user root;\n" + text
    conf = os.path.join(run, "nginx.conf")
    with open(conf, "w") as f:
        f.write(text)
    os.chmod(conf, 0o600)
    return run, conf, base


def check(args):
    run, conf, _ = render(args)
    result = subprocess.run(["nginx", "-t", "-q", "-c", conf, "-p", run], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"nginx -t rejected {conf}:\n{result.stderr}")
    print(f"nginx -t: {conf} is valid")


def start(args):
    stop(args, quiet=True)
    run, conf, base = render(args)
    log = open(os.path.join(run, "nginx.out"), "w")
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", run], stdout=log, stderr=log, start_new_session=True)
    deadline = time.time() + 10
    url = f"http://127.0.0.1:{args.port}{base}"
    while time.time() < deadline:
        if proc.poll() is not None:
            logs = "".join(open(os.path.join(run, f)).read() for f in ("nginx.out", "error.log")
                           if os.path.exists(os.path.join(run, f)))
            sys.exit(f"nginx exited with {proc.returncode}:\n{logs}")
        try:
            urllib.request.urlopen(url, timeout=1)
            print(url)
            return
        except urllib.error.HTTPError as e:
            # nginx runs but cannot serve the app (e.g. 403: its worker cannot read dist/).
            stop(args, quiet=True)
            sys.exit(f"nginx answered {e.code} on {url}; see {run}/error.log")
        except Exception:
            time.sleep(0.1)
    sys.exit(f"nginx did not answer on {url} within 10 s")


def stop(args, quiet=False):
    pid_file = os.path.join(os.path.abspath(args.run_dir), "nginx.pid")
    if not os.path.exists(pid_file):
        return
    try:
        pid = int(open(pid_file).read().strip())
        os.kill(pid, signal.SIGQUIT)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
    except (ProcessLookupError, ValueError):
        pass
    if not quiet:
        print("nginx stopped")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["start", "check", "stop"])
    p.add_argument("--dist", default="dist")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--base", default="/")
    p.add_argument("--run-dir", default=".cache/nginx-run")
    p.add_argument("--config-json")
    p.add_argument("--proxy", action="append", default=[])
    p.add_argument("--basic-auth", action="append", default=[])
    p.add_argument("--connect-src", action="append", default=[])
    p.add_argument("--frame-ancestors", action="append", default=[])
    p.add_argument("--static", action="append", default=[])
    p.add_argument("--include", action="append", default=[])
    args = p.parse_args()
    {"start": start, "check": check, "stop": stop}[args.command](args)


if __name__ == "__main__":
    main()
