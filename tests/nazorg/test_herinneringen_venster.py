"""Issue 18, "at-least-once, honestly": the attempt is recorded before the final dot of
SMTP DATA and "sent" is committed only after the 250; a dead worker's rows are sent by
another within the short lease; a worker that lost its rows abandons the mail unsent."""

import datetime
import threading

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core import mail
from django.db import connection as db
from django.test import override_settings
from django.utils import timezone

from nazorg import herinneringen
from nazorg.models import Herinnering, Melding
from nazorg.planning import plan_nazit
from tests.groepen.test_mail_smtp import free_port

from .conftest import maak_afgelopen_groep, maak_due

S = Herinnering.Status


def _due(deelnemers):
    groep, mensen, _ = maak_afgelopen_groep(deelnemers=deelnemers)
    plan_nazit(groep)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    return mensen


# --- The lease: a dead worker's rows go out again well within a minute ---------------------


@override_settings(EMAIL_TIMEOUT=10)  # what settings.py sets when EMAIL_HOST is set
def test_lease_and_tick_bound_the_pickup_well_under_a_minute():
    assert herinneringen.lease_seconds() + settings.HERINNERING_INTERVAL <= 30


@pytest.mark.parametrize("timeout", [None, 5, 10, 30])
def test_lease_outlasts_the_wait_for_the_250(timeout):
    """A live worker never loses a row between its dot and its commit: the lease is
    longer than one socket timeout (the longest wait for the reply) plus a commit."""
    with override_settings(EMAIL_TIMEOUT=timeout):
        assert herinneringen.lease_seconds() >= (timeout or 10) + 10


@pytest.mark.django_db
def test_rows_of_a_dead_worker_are_sent_by_another_run_just_after_the_lease():
    mensen = _due(3)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as klok:
        # A worker claims the rows and dies before sending anything.
        rijen, _token = herinneringen.claim(batch=10)
        assert len(rijen) == 3
        # One second before the lease runs out, another run leaves them alone...
        klok.move_to(start + datetime.timedelta(seconds=herinneringen.lease_seconds() - 1))
        assert herinneringen.verstuur_herinneringen()["verzonden"] == 0
        assert mail.outbox == []
        # ...and one tick after it, sends each of them once.
        klok.move_to(
            start
            + datetime.timedelta(
                seconds=herinneringen.lease_seconds() + settings.HERINNERING_INTERVAL
            )
        )
        telling = herinneringen.verstuur_herinneringen()
    assert (telling["hersteld"], telling["verzonden"]) == (3, 3)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in mensen)
    assert Melding.objects.count() == 3


@pytest.mark.django_db
def test_an_attempt_renews_the_lease_of_that_row_only():
    _due(2)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as klok:
        (eerste, tweede), token = herinneringen.claim(batch=10)
        klok.move_to(start + datetime.timedelta(seconds=15))
        assert herinneringen._record(
            eerste, token, poging_op=timezone.now(), geclaimd_op=timezone.now()
        )
        klok.move_to(start + datetime.timedelta(seconds=herinneringen.lease_seconds() + 1))
        # The unattempted row's lease ran out; the attempted one is still held.
        assert herinneringen.herstel_verlopen() == 1
    assert Herinnering.objects.get(pk=eerste.pk).status == S.BEZIG
    assert Herinnering.objects.get(pk=tweede.pk).status == S.GEPLAND


# --- The order around the final dot, seen by a real SMTP server ----------------------------


class DbAtDot:
    """An SMTP server that, when the final dot arrives (aiosmtpd calls handle_DATA only
    then), reads the reminder's row from the database in its own connection."""

    def __init__(self):
        self.gezien = []
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):
        pk = int(envelope.content.split(b"<herinnering-")[1].split(b"@")[0])
        t = threading.Thread(target=self._lees, args=(pk,))
        t.start()
        t.join()
        self.berichten.append(envelope.content)
        return "250 OK"

    def _lees(self, pk):
        try:
            self.gezien.append(
                Herinnering.objects.filter(pk=pk).values("status", "poging_op", "claim").get()
            )
        finally:
            db.close()


@pytest.fixture
def smtp_server():
    handler = DbAtDot()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
    ):
        yield handler
    controller.stop()


@pytest.mark.django_db(transaction=True)
def test_attempt_is_committed_before_the_dot_and_sent_only_after_the_250(smtp_server):
    _due(3)
    telling = herinneringen.verstuur_herinneringen()
    assert telling["verzonden"] == 3
    assert len(smtp_server.gezien) == 3
    for rij in smtp_server.gezien:
        # At the dot: the attempt is visible to others (committed), "sent" is not yet.
        assert rij["status"] == S.BEZIG
        assert rij["poging_op"] is not None
        assert rij["claim"] is not None
    # After the 250: sent, and held by nobody.
    assert set(
        Herinnering.objects.filter(moment__dagen_na_einde=14).values_list("status", flat=True)
    ) == {S.VERZONDEN}
    ids = {b.split(b"Message-ID: ")[1].split(b"\r\n")[0] for b in smtp_server.berichten}
    assert len(ids) == 3


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_lost_its_rows_abandons_the_mail_before_the_dot(smtp_server):
    """A worker stalls past its lease; another run takes the rows over. When the stalled
    worker goes on, the server gets everything but the dot, so it delivers nothing."""
    _due(2)
    oud, oud_token = herinneringen.claim(batch=10)
    later = timezone.now() + datetime.timedelta(seconds=herinneringen.lease_seconds() + 1)
    with time_machine.travel(later):
        assert herinneringen.herstel_verlopen() == 2
        nieuw, _nieuw_token = herinneringen.claim(batch=10)
    assert len(nieuw) == 2
    telling = dict.fromkeys(("verzonden", "later", "mislukt", "afgemeld", "teruggegeven"), 0)
    telling["afgestaan"] = 0
    connection = herinneringen.get_connection()
    try:
        herinneringen.verwerk(oud, oud_token, connection, telling)
    finally:
        connection.close()
    assert (telling["afgestaan"], telling["verzonden"]) == (2, 0)
    assert smtp_server.berichten == []
    assert not Herinnering.objects.filter(poging_op__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_no_250_means_no_sent_record(smtp_server, monkeypatch):
    """The server refuses the message at the dot: the 'sent' transaction rolls back and
    the row waits for a retry (with the same Message-ID)."""
    _due(1)

    async def weiger(server, session, envelope):
        return "451 Try again later"

    monkeypatch.setattr(smtp_server, "handle_DATA", weiger)
    telling = herinneringen.verstuur_herinneringen()
    assert (telling["verzonden"], telling["later"]) == (0, 1)
    rij = Herinnering.objects.get(moment__dagen_na_einde=14)
    assert (rij.status, rij.verzonden_op) == (S.GEPLAND, None)
    assert rij.laatste_fout == "SMTPDataError 451"
