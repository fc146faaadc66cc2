"""Many due reminders at once: the beat task asks other worker processes to help. Each
reminder still goes out exactly once (claims use SKIP LOCKED)."""

from collections import Counter

import pytest
from django.core import mail

from nazorg import tasks
from nazorg.herinneringen import extra_engines
from nazorg.models import Herinnering

from .conftest import maak_due

S = Herinnering.Status


@pytest.mark.django_db
def test_no_help_needed_for_a_few(afgelopen):
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    assert extra_engines(max_engines=4, per_engine=1000) == 0
    assert extra_engines(max_engines=4, per_engine=1) == 2  # 3 due: 3 engines in all
    assert extra_engines(max_engines=2, per_engine=1) == 1  # never more than the maximum


@pytest.mark.django_db
def test_helpers_share_the_work_and_each_reminder_goes_once(afgelopen, settings, monkeypatch):
    settings.HERINNERING_ENGINES = 3
    monkeypatch.setattr(tasks, "PER_ENGINE", 1)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    gevraagd = []
    echte_delay = tasks.verstuur_herinneringen.delay

    def delay(**kwargs):
        gevraagd.append(kwargs)
        return echte_delay(**kwargs)  # eager in tests: the helper runs right here

    monkeypatch.setattr(tasks.verstuur_herinneringen, "delay", delay)
    tasks.verstuur_herinneringen()
    # Two helpers were asked, and helpers do not ask for help themselves.
    assert [k["helpen"] for k in gevraagd] == [False, False]
    ids = Counter(m.extra_headers["Message-ID"] for m in mail.outbox)
    assert len(ids) == 3
    assert set(ids.values()) == {1}
    assert Herinnering.objects.filter(status=S.VERZONDEN).count() == 3
