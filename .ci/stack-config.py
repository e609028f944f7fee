#!/usr/bin/env python3
"""Render the app's runtime config.json for the local Kafka Connect stack.

  stack-config.py OUT.json      (reads ALPHA_URL from the environment: source tests/stack/run/stack.env)

The one place that knows which clusters `make run` and the e2e suite preconfigure:
  alpha         through the nginx proxy at /connect/alpha (both alpha workers are upstreams)
  beta          through the proxy at /connect/beta; the proxy adds the basic-auth header, so
                the browser holds no credentials
  alpha-direct  straight to $ALPHA_URL over CORS (the worker allows the app's origin)
The shape follows the settings schema in src/state (clusters, pollIntervalMs, readOnly, theme).
"""
import json
import os
import sys


def config(alpha_url):
    return {
        "clusters": [
            {"id": "alpha", "name": "alpha", "flavor": "apache", "url": "/connect/alpha", "color": "#0f6cbd"},
            {"id": "beta", "name": "beta (basic auth at the proxy)", "flavor": "apache", "url": "/connect/beta",
             "color": "#8a3ffc"},
            {"id": "alpha-direct", "name": "alpha (direct, CORS)", "flavor": "apache", "url": alpha_url,
             "color": "#107c10"},
        ],
        "pollIntervalMs": int(os.environ.get("CC_POLL_MS", "5000")),
        "readOnly": False,
        "theme": "system",
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    alpha_url = os.environ.get("ALPHA_URL")
    if not alpha_url:
        sys.exit("stack-config.py: ALPHA_URL is not set (source tests/stack/run/stack.env first)")
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(config(alpha_url.rstrip("/")), f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
