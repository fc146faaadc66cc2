"""Gunicorn settings for the container image (read with `gunicorn -c docker/gunicorn.conf.py`).

Anything here can still be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

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
