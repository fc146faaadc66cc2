"""Container healthcheck: exit 0 when GET /healthz answers 200, 1 otherwise.

Runs inside the web container (python:3.11-slim has no curl). It sends a Host header
taken from ALLOWED_HOSTS, so it keeps working when 127.0.0.1 is not an allowed host,
and X-Forwarded-Proto: https, so SECURE_SSL_REDIRECT=1 does not turn it into a redirect
(settings trust that header, as a TLS proxy in front would send it).
"""

import os
import sys
import urllib.error
import urllib.request

URL = "http://127.0.0.1:8000/healthz"


def host_header() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    request = urllib.request.Request(
        URL,
        headers={"Host": host_header(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (fixed URL)
            print(response.status, response.read(500).decode(errors="replace"))
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:  # 503 = a dependency is down; body says which
        print(exc.code, exc.read(500).decode(errors="replace"))
    except OSError as exc:
        print("unreachable:", type(exc).__name__, exc)
    return 1


if __name__ == "__main__":
    sys.exit(main())
