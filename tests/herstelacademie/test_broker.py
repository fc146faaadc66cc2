"""A worker survives a Redis restart (herstelacademie/broker.py): a REAL worker on a Redis
of the test's own, restarted while a task with acks_late is running."""

import asyncio
import shutil
import subprocess
import time
import uuid
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from kombu.transport import virtual

from herstelacademie import broker
from herstelacademie.celery import app as celery_app
from herstelacademie.models import Heartbeat
from herstelacademie.tasks import heartbeat
from nazorg.models import Herinnering
from nazorg.planning import plan_nazit
from nazorg.tasks import verstuur_herinneringen
from tests.groepen.test_mail_smtp import Sink, free_port
from tests.herstelacademie.test_worker import start_worker, stop_worker, wait_for
from tests.nazorg.conftest import maak_afgelopen_groep, maak_due

# --- The fix itself, without a broker ------------------------------------------------------


class Kanaal(SimpleNamespace):
    """A channel whose connection the consumer has already collected."""


def _qos():
    qos = broker.QoS(Kanaal(connection=SimpleNamespace(client=None), do_restore=False))
    virtual.QoS.append(qos, object(), "tag-1")  # as delivered; the Redis part left out
    return qos


def test_put_back_on_a_collected_connection_is_skipped_not_a_crash():
    qos = _qos()
    qos.restore_unacked()  # kombu 5.7.0: AttributeError 'NoneType' ... 'hostname'
    assert not qos._delivered


def test_ack_on_a_collected_connection_is_skipped_not_a_crash():
    qos = _qos()
    qos.ack("tag-1")  # kombu 5.7.0: AttributeError 'NoneType' ... 'client'
    qos._flush()
    assert "tag-1" not in qos._delivered


# --- A real worker and a real Redis restart ------------------------------------------------


class TrageSink(Sink):
    """Each mail takes 50 ms, so the reminder task is still running when Redis goes."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


class Redis:
    def __init__(self, tmp_path):
        self.port, self.dir, self.proc = free_port(), tmp_path, None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_worker_reconnects_after_redis_restart_mid_task(tmp_path, monkeypatch):
    sink = TrageSink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    redis = Redis(tmp_path)
    redis.start()
    url = f"redis://127.0.0.1:{redis.port}/0"
    for naam, waarde in {
        "REDIS_URL": url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
    }.items():
        monkeypatch.setenv(naam, waarde)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    groep, _mensen, _ = maak_afgelopen_groep(deelnemers=60)
    plan_nazit(groep)
    assert maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14)) == 60
    queue = f"test-{uuid.uuid4().hex[:8]}"
    # Prefork with two processes, as in production: the task runs in a pool process while
    # the main process loses the broker (with the solo pool, or one process, the task is
    # not held unacknowledged at that moment and the crash does not show).
    proc, log = start_worker(tmp_path, "--queues", queue, "--pool=prefork", "--concurrency=2")
    log_path = tmp_path / "worker.log"
    try:
        with celery_app.connection_for_write(url) as conn:
            verstuur_herinneringen.apply_async(queue=queue, connection=conn)
        wait_for(lambda: len(sink.messages) >= 5, proc, log_path)
        redis.stop()  # mid-task: the task was acknowledged late, so it is unacked now
        time.sleep(1)
        redis.start()
        # The running batch finishes, and the same worker takes new work after Redis.
        wait_for(lambda: len(sink.messages) == 60, proc, log_path)
        with celery_app.connection_for_write(url) as conn:
            heartbeat.apply_async(queue=queue, connection=conn)
        wait_for(lambda: Heartbeat.objects.exists(), proc, log_path)
        assert proc.poll() is None, log_path.read_text()[-3000:]
    finally:
        stop_worker(proc, log)
        redis.stop()
        controller.stop()
    tekst = log_path.read_text()
    assert "Unrecoverable error" not in tekst, tekst[-3000:]
    assert Herinnering.objects.filter(status="verzonden").count() == 60
