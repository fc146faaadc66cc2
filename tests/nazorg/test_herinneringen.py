"""The delivery engine: exactly once, nothing lost (guarantee: nazorg/herinneringen.py)."""

import datetime
import smtplib
import threading
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from nazorg import herinneringen
from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Herinnering, Melding, NazorgVoorkeur
from nazorg.planning import plan_nazit

from .conftest import maak_afgelopen_groep, maak_due

S = Herinnering.Status


def mails_per_persoon_en_moment():
    return Counter((m.to[0], m.extra_headers["Message-ID"]) for m in mail.outbox)


@pytest.mark.django_db
def test_due_reminders_are_sent_once_with_email_and_notification(afgelopen):
    _groep, mensen, _ = afgelopen
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    telling = verstuur_herinneringen()
    assert telling["verzonden"] == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in mensen)
    assert Melding.objects.count() == 3
    assert Herinnering.objects.filter(status=S.VERZONDEN, verzonden_op__isnull=False).count() == 3
    # Again: nothing new.
    assert verstuur_herinneringen()["verzonden"] == 0
    assert len(mail.outbox) == 3
    assert Melding.objects.count() == 3


@pytest.mark.django_db
def test_mail_has_plain_html_rsvp_links_unsubscribe_headers_and_stable_message_id(afgelopen):
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    verstuur_herinneringen()
    bericht = mail.outbox[0]
    h = Herinnering.objects.get(user__email=bericht.to[0], moment__dagen_na_einde=14)
    assert bericht.extra_headers["Message-ID"] == herinneringen.message_id(h.pk)
    assert bericht.extra_headers["Message-ID"].startswith(f"<herinnering-{h.pk}@")
    afmelden = bericht.extra_headers["List-Unsubscribe"]
    assert afmelden.startswith("<http")
    assert "/nazit/afmelden/" in afmelden
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = bericht.alternatives[0][0]
    for tekst in (bericht.body, html):
        assert tekst.count("/nazit/antwoord/") == 3
        assert "/nazit/afmelden/" in tekst
    assert "<html" in html


@pytest.mark.django_db
def test_preferences_checked_at_send_time(afgelopen):
    groep, (a, b, c), _ = afgelopen
    NazorgVoorkeur.objects.create(user=a, groep=groep, gestopt=True)
    NazorgVoorkeur.objects.create(user=b, groep=None, per_email=False, in_app=True)
    NazorgVoorkeur.objects.create(user=c, groep=None, per_email=True, in_app=False)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    telling = verstuur_herinneringen()
    assert telling["afgemeld"] == 1
    assert [m.to[0] for m in mail.outbox] == [c.email]
    assert list(Melding.objects.values_list("user", flat=True)) == [b.pk]
    assert Herinnering.objects.get(user=a, moment__dagen_na_einde=14).status == S.AFGEMELD


@pytest.mark.django_db
def test_not_due_is_not_sent(afgelopen):
    assert verstuur_herinneringen()["verzonden"] == 0
    assert mail.outbox == []


# --- Failures -------------------------------------------------------------------------------


class KapotteSMTP:
    """Makes every send raise `exc` for the given address."""

    def __init__(self, monkeypatch, adres, exc):
        echte = herinneringen.EmailMultiAlternatives.send

        def send(bericht, fail_silently=False):
            if bericht.to[0] == adres:
                raise exc
            return echte(bericht, fail_silently)

        monkeypatch.setattr(herinneringen.EmailMultiAlternatives, "send", send)


@pytest.mark.django_db
def test_smtp_failure_backs_off_then_fails_after_five_with_a_reason(
    afgelopen, monkeypatch, client, coordinator
):
    groep, (a, b, c), _ = afgelopen
    KapotteSMTP(monkeypatch, a.email, smtplib.SMTPDataError(451, b"try later a@example.org"))
    rijen = Herinnering.objects.filter(moment__dagen_na_einde=14)
    maak_due(rijen)
    wachten = []
    for poging in range(1, 6):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            verstuur_herinneringen()
        h = rijen.get(user=a)
        assert h.pogingen == poging
        if poging < 5:
            assert h.status == S.GEPLAND
            wachten.append((h.verstuur_op - start).total_seconds())
            maak_due(rijen.filter(pk=h.pk))
    assert wachten == [60, 300, 1800, 7200]
    h = rijen.get(user=a)
    assert h.status == S.MISLUKT
    assert h.laatste_fout == "SMTPDataError 451"  # no address, no message text
    # The others went out the first time, once.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([b.email, c.email])

    client.force_login(coordinator)
    pagina = client.get("/nazorg/").content.decode()
    assert "SMTPDataError 451" in pagina
    assert groep.naam in pagina
    assert a.email not in pagina
    assert a.roepnaam not in pagina


@pytest.mark.django_db
def test_refused_recipient_fails_at_once(afgelopen, monkeypatch):
    _, (a, _, _), _ = afgelopen
    KapotteSMTP(
        monkeypatch, a.email, smtplib.SMTPRecipientsRefused({a.email: (550, b"no such user")})
    )
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    verstuur_herinneringen()
    h = Herinnering.objects.get(user=a, moment__dagen_na_einde=14)
    assert (h.status, h.laatste_fout, h.pogingen) == (S.MISLUKT, "SMTPRecipientsRefused 550", 1)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_connection_error_is_retried_later(afgelopen, monkeypatch):
    _, (a, _, _), _ = afgelopen
    KapotteSMTP(monkeypatch, a.email, ConnectionRefusedError(111, "refused"))
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    telling = verstuur_herinneringen()
    assert (telling["verzonden"], telling["later"]) == (2, 1)
    h = Herinnering.objects.get(user=a, moment__dagen_na_einde=14)
    assert (h.status, h.laatste_fout) == (S.GEPLAND, "ConnectionRefusedError 111")


# --- Crashes --------------------------------------------------------------------------------


class WorkerGedood(BaseException):
    """Like SIGKILL/SystemExit: nothing in the engine catches it."""


def dood_na(monkeypatch, aantal, na_smtp=False):
    """The worker dies on send number aantal+1 (before SMTP, or just after SMTP accepted)."""
    echte = herinneringen.EmailMultiAlternatives.send
    teller = {"n": 0}

    def send(bericht, fail_silently=False):
        teller["n"] += 1
        if teller["n"] > aantal:
            if na_smtp:
                echte(bericht, fail_silently)
            raise WorkerGedood
        return echte(bericht, fail_silently)

    monkeypatch.setattr(herinneringen.EmailMultiAlternatives, "send", send)
    return lambda: monkeypatch.setattr(herinneringen.EmailMultiAlternatives, "send", echte)


@pytest.mark.django_db
def test_crash_mid_batch_then_rerun_after_lease_gives_exactly_one_each():
    groep, mensen, _ = maak_afgelopen_groep(deelnemers=6)
    plan_nazit(groep)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    with pytest.MonkeyPatch.context() as mp:
        dood_na(mp, 2)
        with pytest.raises(WorkerGedood):
            verstuur_herinneringen(batch=10)
    assert len(mail.outbox) == 2
    assert Herinnering.objects.filter(status=S.BEZIG).count() == 4

    # Before the lease runs out, another run leaves the dead worker's rows alone.
    assert verstuur_herinneringen()["verzonden"] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        telling = verstuur_herinneringen()
    assert (telling["hersteld"], telling["verzonden"]) == (4, 4)
    per = mails_per_persoon_en_moment()
    assert sorted(e for e, _ in per) == sorted(u.email for u in mensen)
    assert set(per.values()) == {1}
    assert Melding.objects.count() == 6


@pytest.mark.django_db
def test_crash_after_smtp_accepted_resends_with_the_same_message_id():
    """The one window written down in the guarantee: one resend, recognisably the same."""
    groep, _mensen, _ = maak_afgelopen_groep(deelnemers=3)
    plan_nazit(groep)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    with pytest.MonkeyPatch.context() as mp:
        dood_na(mp, 1, na_smtp=True)
        with pytest.raises(WorkerGedood):
            verstuur_herinneringen(batch=10)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        verstuur_herinneringen()
    per = mails_per_persoon_en_moment()
    assert len(per) == 3  # every person has exactly one distinct message
    assert sorted(per.values()) == [1, 1, 2]  # the mail in the window came twice, same id
    assert Herinnering.objects.filter(status=S.VERZONDEN).count() == 3
    assert Melding.objects.count() == 3


@pytest.mark.django_db
def test_worker_that_keeps_dying_on_a_row_ends_in_failed():
    groep, _, _ = maak_afgelopen_groep(deelnemers=1)
    plan_nazit(groep)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    h = Herinnering.objects.get(moment__dagen_na_einde=14)
    Herinnering.objects.filter(pk=h.pk).update(
        status=S.BEZIG, pogingen=5, geclaimd_op=timezone.now() - datetime.timedelta(hours=1)
    )
    verstuur_herinneringen()
    h.refresh_from_db()
    assert (h.status, h.laatste_fout) == (S.MISLUKT, "WorkerLost")
    assert mail.outbox == []


# --- Two workers at once --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_every_reminder_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("row claiming with skip_locked is tested on PostgreSQL")
    mensen = []
    for _ in range(4):
        groep, deelnemers, _ = maak_afgelopen_groep(deelnemers=15)
        plan_nazit(groep)
        mensen += deelnemers
    maak_due()
    te_versturen = Herinnering.objects.filter(status=S.GEPLAND).count()
    assert te_versturen == 4 * 15 * 3

    start = threading.Barrier(3)
    tellingen, fouten = [], []

    def worker():
        try:
            start.wait()
            tellingen.append(verstuur_herinneringen(batch=7))
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not fouten
    assert sum(t["verzonden"] for t in tellingen) == te_versturen
    assert sum(1 for t in tellingen if t["verzonden"]) >= 2, tellingen  # they overlapped
    per = mails_per_persoon_en_moment()
    assert len(per) == te_versturen
    assert set(per.values()) == {1}
    assert Herinnering.objects.filter(status=S.VERZONDEN).count() == te_versturen
    assert Melding.objects.count() == te_versturen


@pytest.mark.django_db
def test_the_place_of_a_group_comes_with_the_batch_not_per_mail():
    """A group that meets at a Locatie: its place is in the mail, read with the batch
    (no query per reminder: 10,000 reminders would be 10,000 more round trips)."""
    from django.test.utils import CaptureQueriesContext

    from tests.factories import LocatieFactory

    plek = LocatieFactory(naam="Het Buurthuis")
    for _i in range(2):
        plan_nazit(maak_afgelopen_groep(plek=plek, locatie="")[0])
    assert maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14)) == 6
    with CaptureQueriesContext(connection) as queries:
        assert verstuur_herinneringen()["verzonden"] == 6
    assert all("Het Buurthuis" in m.body for m in mail.outbox)
    assert not [q for q in queries if 'FROM "groepen_locatie"' in q["sql"]]
