"""Done-when: a group ends, the nazit is planned, and a REAL Celery worker (Redis in CI)
sends the due reminders through SMTP: exactly one email per participant; again: none."""

import io
import time
import uuid

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from herstelacademie.celery import app as celery_app
from nazorg.models import Herinnering
from nazorg.tasks import verstuur_herinneringen
from tests.groepen.test_mail_smtp import Sink, free_port
from tests.herstelacademie.test_worker import start_worker, stop_worker, wait_for

from .conftest import maak_afgelopen_groep, maak_due

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sink(monkeypatch):
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    # The worker process reads these (start_worker passes os.environ on).
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", str(port))
    monkeypatch.setenv("EMAIL_USE_TLS", "0")
    yield sink
    controller.stop()


def afgehandeld(log_path, n):
    return lambda: log_path.read_text().count("nazorg.tasks.verstuur_herinneringen") >= n * 2


def test_real_worker_sends_exactly_one_mail_per_participant(tmp_path, monkeypatch, sink):
    groep, mensen, _ = maak_afgelopen_groep(deelnemers=3)
    call_command("plan_nazit", stdout=io.StringIO())
    assert Herinnering.objects.filter(groep=groep).count() == 9
    # "Advance time": the worker is another process, so the rows are made due instead.
    assert maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14)) == 3

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    proc, log = start_worker(tmp_path, "--queues", queue)
    log_path = tmp_path / "worker.log"
    try:
        verstuur_herinneringen.apply_async(queue=queue)
        wait_for(
            lambda: Herinnering.objects.filter(status="verzonden").count() == 3,
            proc,
            log_path,
        )
        wait_for(lambda: len(sink.messages) >= 3, proc, log_path)
        # Running the job again sends nothing more.
        verstuur_herinneringen.apply_async(queue=queue)
        wait_for(afgehandeld(log_path, 2), proc, log_path)
        time.sleep(0.5)
    finally:
        stop_worker(proc, log)
    ontvangers = sorted(r[0] for r, _ in sink.messages)
    assert ontvangers == sorted(u.email for u in mensen), log_path.read_text()[-2000:]
    ids = {str(m["Message-ID"]) for _, m in sink.messages}
    assert len(ids) == 3
    assert all(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for _, m in sink.messages)
    assert Herinnering.objects.filter(status="gepland").count() == 6  # later moments wait
