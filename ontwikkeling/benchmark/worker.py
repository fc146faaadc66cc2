"""The due reminders through a REAL Celery worker (prefork), against the configured broker.

The in-process figure (measure.meet_herinneringen) runs engines as threads in this
process; a real worker is several processes, each with its own interpreter and database
connection, fed through the broker. Here: an SMTP sink process, one worker process bound
to the benchmark database and to a queue of its own (so it takes no other work from a
shared broker, and nobody else takes ours), `concurrency` tasks enqueued at once (as the
beat task and the helpers it asks for would be), and the clock runs from enqueueing until
no reminder is left to send. Bounded: after `timeout` seconds the worker is stopped and
the figure says what was left.
"""

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import connection

from .smtp_sink import SINK, free_port, wacht_op_poort

TAAK = "nazorg.tasks.verstuur_herinneringen"


def database_url() -> str:
    """The URL of the database this process uses now (the benchmark's own)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def zet_terug() -> int:
    """Make every reminder due and unsent again, as before the in-process run (its
    in-app notifications go too: the worker makes them again, exactly once)."""
    from django.utils import timezone

    from nazorg.models import Herinnering, Melding

    Melding.objects.filter(herinnering__isnull=False).delete()
    return Herinnering.objects.update(
        status=Herinnering.Status.GEPLAND,
        verstuur_op=timezone.now() - datetime.timedelta(minutes=1),
        claim=None,
        geclaimd_op=None,
        pogingen=0,
        poging_op=None,
        laatste_fout="",
        verzonden_op=None,
    )


def _open(status) -> int:
    from nazorg.models import Herinnering

    return Herinnering.objects.filter(status=status).count()


def _te_doen() -> int:
    """Rows still to send now: due and planned, or held by an engine (bezig). A row put
    back after an SMTP error waits for its backoff and is not waited for."""
    from django.db.models import Q
    from django.utils import timezone

    from nazorg.models import Herinnering

    S = Herinnering.Status
    return Herinnering.objects.filter(
        Q(status=S.BEZIG) | Q(status=S.GEPLAND, verstuur_op__lte=timezone.now())
    ).count()


class Worker:
    """One `celery worker` process (and its pool) in a process group of its own."""

    def __init__(self, env: dict, queue: str, concurrency: int, logpad: Path):
        self.logpad = logpad
        with open(logpad, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "herstelacademie", "worker",
                 "--pool=prefork", f"--concurrency={concurrency}", "--queues", queue,
                 "--without-mingle", "--without-gossip", "--loglevel=INFO",
                 f"--hostname=benchmark-{queue}@%h"],
                cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def klaar(self, seconden=60) -> bool:
        """Wait until the worker says it is ready (its pool has started)."""
        deadline = time.monotonic() + seconden
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if " ready." in self.logpad.read_text():
                return True
            time.sleep(0.1)
        return False

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def staart(self, tekens=2000) -> str:
        return self.logpad.read_text()[-tekens:]


def meet_worker(concurrency=4, batch=250, timeout=300.0, broker: str = "") -> dict:
    """Send every due reminder through a real prefork worker; time it and count the
    Message-IDs the sink received more than once. `broker`: a Redis URL instead of the
    configured broker (it is passed to the worker as REDIS_URL)."""
    from herstelacademie.celery import app

    due = _open("gepland")
    werkmap = Path(tempfile.mkdtemp(prefix="benchmark-worker-"))
    ids_path = werkmap / "message-ids.txt"
    ids_path.touch()
    port = free_port()
    queue = f"benchmark-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herstelacademie.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(settings.VAR_DIR),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "0",
        "HERINNERING_ENGINES": str(concurrency),
        # Only the worker's own lines; the engine logs every batch at INFO.
        "LOG_LEVEL": os.environ.get("BENCHMARK_WORKER_LOG", "WARNING"),
    }
    if broker:
        env["REDIS_URL"] = broker
    sink = subprocess.Popen([sys.executable, "-c", SINK, str(port), str(ids_path)])
    worker = None
    try:
        if not wacht_op_poort(port):
            raise RuntimeError("The SMTP sink did not start.")
        worker = Worker(env, queue, concurrency, werkmap / "worker.log")
        if not worker.klaar():
            raise RuntimeError(f"The worker did not start:\n{worker.staart()}")
        begin = time.perf_counter()
        with contextlib.ExitStack() as stack:
            verbinding = stack.enter_context(app.connection_for_write(broker)) if broker else None
            for _ in range(concurrency):
                app.send_task(
                    TAAK,
                    kwargs={"batch": batch, "helpen": False},
                    queue=queue,
                    connection=verbinding,
                )
        deadline = begin + timeout
        while _te_doen() and time.perf_counter() < deadline:
            if worker.proc.poll() is not None:
                raise RuntimeError(f"The worker stopped:\n{worker.staart()}")
            time.sleep(0.05)
        duur = time.perf_counter() - begin
    finally:
        if worker is not None:
            worker.stop()
        time.sleep(0.5)  # let the sink write its last lines
        sink.terminate()
        sink.wait(10)
    ids = Counter(ids_path.read_text().split())
    verzonden = _open("verzonden")
    return {
        "due": due,
        "verzonden": verzonden,
        "seconden": duur,
        "per_seconde": verzonden / duur if duur else 0.0,
        "ontvangen": sum(ids.values()),
        "verschillend": len(ids),
        "dubbel": sum(n - 1 for n in ids.values() if n > 1),
        "mislukt": _open("mislukt"),
        "workers": concurrency,
        "worker": True,
        "over": _te_doen(),
    }
