"""A real Celery worker (and beat) in a subprocess, on the configured broker and database.

With REDIS_URL set (CI) this runs on Redis; without it on the embedded file broker that
`make run` uses. Both are real brokers, not eager mode.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from herstelacademie.celery import app as celery_app
from herstelacademie.models import Heartbeat
from herstelacademie.tasks import heartbeat
from nazorg.models import Ruimte

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds; a worker starts in about 2


def database_url() -> str:
    """The URL of the *test* database, so the worker writes where the test reads."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(tmp_path, *extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herstelacademie.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(settings.VAR_DIR),
        "HEARTBEAT_INTERVAL": "1",
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed by stop_worker
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "herstelacademie",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=INFO",
            *extra,
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return proc, log


def stop_worker(proc, log):
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    log.close()


def wait_for(predicate, proc, log_path):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            break
        time.sleep(0.25)
    pytest.fail("Worker did not do the job in time. Log:\n" + log_path.read_text()[-3000:])


def test_beat_schedules_heartbeat_and_worker_records_it(tmp_path):
    proc, log = start_worker(tmp_path, "--beat", "--schedule", str(tmp_path / "beat-schedule"))
    try:
        wait_for(lambda: Heartbeat.objects.exists(), proc, tmp_path / "worker.log")
        # On a fresh install the academy-wide community space is there once beat has
        # started, not only after the first hourly run.
        wait_for(lambda: Ruimte.objects.filter(groep=None).exists(), proc, tmp_path / "worker.log")
    finally:
        stop_worker(proc, log)
    assert Heartbeat.age_seconds() < TIMEOUT


def test_task_sent_by_the_app_is_run_by_the_worker(tmp_path, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    queue = f"test-{uuid.uuid4().hex[:8]}"  # our own queue: no other worker takes the job
    proc, log = start_worker(tmp_path, "--queues", queue)
    try:
        heartbeat.apply_async(queue=queue)
        wait_for(lambda: Heartbeat.objects.exists(), proc, tmp_path / "worker.log")
    finally:
        stop_worker(proc, log)
