"""Gunicorn settings for the container image (read with `gunicorn -c docker/gunicorn.conf.py`).

Anything here can still be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

from gunicorn.http import wsgi as _gunicorn_wsgi

# 0.0.0.0 is right inside a container: compose publishes the port on 127.0.0.1 only.
bind = "0.0.0.0:8000"
# WEB_CONCURRENCY is gunicorn's own convention; 2 fits a 2-core machine.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
graceful_timeout = 30
# Worker heartbeat files in memory, which also works with a read-only root filesystem.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (a tmpfs inside the container)
# Errors to stderr. No access log: request lines carry IP addresses and one-time keys
# (password reset, email confirmation), and the app logs no personal data.
errorlog = "-"
accesslog = None
# No gunicornc control socket: nobody manages the server from inside the container,
# and its default place ($HOME/.gunicorn) is not writable on a read-only filesystem.
control_socket_disable = True


# No "Server: gunicorn" header: it tells a visitor which software (and so which known
# weaknesses) to try, and nobody else needs it. Gunicorn has no setting for this, so its
# response headers are filtered; this file runs in the master before workers fork.
_standaard_headers = _gunicorn_wsgi.Response.default_headers


def _zonder_server_header(self):
    return [h for h in _standaard_headers(self) if not h.lower().startswith("server:")]


_gunicorn_wsgi.Response.default_headers = _zonder_server_header
