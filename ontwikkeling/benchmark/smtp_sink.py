"""A local SMTP server that records every Message-ID: the sink of both reminder benchmarks."""

import socket
import time

from django.test.utils import override_settings

# The sink runs in its own process, as a real mail server would, so it does not compete
# with the engine for the interpreter lock. It appends every Message-ID to a file.
SINK = """
import logging, sys, threading
from email.parser import BytesHeaderParser
from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)
port, path = int(sys.argv[1]), sys.argv[2]
parser = BytesHeaderParser()
out = open(path, "a", buffering=1)

class Sink:
    async def handle_DATA(self, server, session, envelope):
        out.write(str(parser.parsebytes(envelope.content)["Message-ID"]) + "\\n")
        return "250 OK"

Controller(Sink(), hostname="127.0.0.1", port=port).start()
threading.Event().wait()
"""


def wacht_op_poort(port, seconden=20):
    deadline = time.monotonic() + seconden
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def naar_sink(port):
    """Settings that send every mail over plain SMTP to the local sink on this port."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=10,
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
