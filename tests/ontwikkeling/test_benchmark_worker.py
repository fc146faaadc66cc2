"""The benchmark's second reminder figure: a REAL prefork Celery worker process bound to
the benchmark's database, fed through the configured broker, each reminder sent once."""

import pytest

from herstelacademie.celery import app as celery_app
from nazorg.models import Herinnering, Melding
from ontwikkeling.benchmark import measure, report, worker
from ontwikkeling.benchmark.generate import genereer

from .test_benchmark import KLEIN

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_sends_every_due_reminder_once_after_the_in_process_run(monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    genereer(KLEIN)
    eerst = measure.meet_herinneringen(workers=2)
    assert eerst["verzonden"] == 60
    assert worker.zet_terug() == 60
    assert Herinnering.objects.filter(status="gepland").count() == 60
    assert not Melding.objects.filter(herinnering__isnull=False).exists()

    uitslag = worker.meet_worker(concurrency=2, batch=20, timeout=120)
    assert uitslag["due"] == uitslag["verzonden"] == uitslag["ontvangen"] == 60
    assert uitslag["verschillend"] == 60
    assert uitslag["dubbel"] == 0
    assert uitslag["over"] == 0
    # In-app notifications made again, exactly once.
    assert Melding.objects.filter(herinnering__isnull=False).count() == 60
    assert "real prefork Celery worker, 2 processes" in report.herinneringen_regel(uitslag)
