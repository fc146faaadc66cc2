"""First conversations over time: two working days, the coordinator's view of late
requests, the retention job, hosts coming and going, and the privacy erasure."""

import datetime
import io
import itertools
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from groepen import kennismaking
from groepen.kennismaking import laatste_te_late, termijn_voorbij_op
from groepen.models import Kennismaking, Vrijwilligersrol
from groepen.models.kennismaking import actieve_hosts
from groepen.tasks import wis_verlopen_kennismakingen
from tests.factories import UserFactory

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def om(dag, uur=0, minuut=0):
    """A moment in December 2026: the 7th is a Monday, the 11th a Friday."""
    return datetime.datetime(2026, 12, dag, uur, minuut, tzinfo=AMS)


def verzoek(aangemaakt_op, **velden):
    return Kennismaking.objects.create(
        voornaam=velden.pop("voornaam", "Kim"),
        telefoon="06 12345678",
        wens=velden.pop("wens", "Wat ik zoek"),
        aangemaakt_op=aangemaakt_op,
        **velden,
    )


# --- Two working days --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gevraagd", "voorbij"),
    [
        (om(7, 10), om(9, 10)),  # Monday -> Wednesday
        (om(10, 15), om(14, 15)),  # Thursday -> Monday, over the weekend
        (om(11, 15), om(15, 15)),  # Friday -> Tuesday
        (om(12, 10), om(16)),  # Saturday: counting starts Monday 00:00 -> Wednesday
        (om(13, 23, 59), om(16)),  # Sunday night: the same
        (om(14, 0), om(16)),  # Monday at midnight
    ],
)
def test_two_working_days_skip_the_weekend(gevraagd, voorbij):
    assert termijn_voorbij_op(gevraagd) == voorbij


def test_the_database_cut_off_agrees_with_the_working_day_rule():
    """termijn_voorbij_op(t) <= nu exactly when t <= laatste_te_late(nu), for every pair of
    moments on a grid over two weeks: every even hour (so every midnight, the edges of the
    weekend) and a minute before each odd hour."""
    momenten = [
        om(5) + datetime.timedelta(hours=2 * i, minutes=m)
        for i in range(7 * 12 * 2)
        for m in (0, 59)
    ]
    termijn = {t: termijn_voorbij_op(t) for t in momenten}
    grens = {nu: laatste_te_late(nu) for nu in momenten}
    for t, nu in itertools.product(momenten, momenten):
        assert (termijn[t] <= nu) == (t <= grens[nu]), (t, nu)


# --- The coordinator sees late requests ----------------------------------------------------


def test_coordinator_sees_who_waits_too_long_with_contact_but_not_their_words(client, coordinator):
    verzoek(om(10, 15), voornaam="Laat", wens="Geheime wens")  # Thursday afternoon
    verzoek(om(11, 9), voornaam="Opgepakt")
    kennismaking.pak_op(Kennismaking.objects.get(voornaam="Opgepakt").pk, coordinator, "bellen")
    verzoek(om(11, 16), voornaam="Vrijdag")  # Friday afternoon: late only on Tuesday
    client.force_login(coordinator)

    with time_machine.travel(om(14, 16), tick=False):  # Monday afternoon
        home = client.get(reverse("coordinator_home"))
        assert [k.voornaam for k in home.context["kennismaking_te_laat"]] == ["Laat"]
        assert "1 persoon wacht al meer dan twee werkdagen" in home.content.decode()
        assert "Laat" not in home.content.decode()  # the home shows a count
        pagina = client.get(reverse("kennismaking_hosts")).content.decode()
    assert "Laat" in pagina
    assert "06 12345678" in pagina
    assert "Geheime wens" not in pagina
    assert "Vrijdag" not in pagina
    assert "Opgepakt" not in pagina

    with time_machine.travel(om(15, 17), tick=False):  # Tuesday after 16:00
        namen = [k.voornaam for k in kennismaking.te_laat()]
    assert namen == ["Laat", "Vrijdag"]


def test_the_coordinator_page_is_only_for_coordinators(client, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("kennismaking_hosts")).status_code == 403


# --- Hosts come and go -------------------------------------------------------------------


def test_coordinator_adds_a_host_who_gets_a_mail_with_the_link(client, coordinator):
    femke = UserFactory(roepnaam="Femke", email="femke@example.org")
    client.force_login(coordinator)
    onbekend = client.post(reverse("kennismaking_hosts"), {"email": "niemand@example.org"})
    assert onbekend.status_code == 400
    assert "geen account met dit e-mailadres" in onbekend.content.decode()
    assert b"niemand@example.org" in onbekend.content

    client.post(reverse("kennismaking_hosts"), {"email": "Femke@Example.org"})
    assert actieve_hosts().filter(user=femke).exists()
    assert mail.outbox[-1].to == ["femke@example.org"]
    assert reverse("kennismakingen") in mail.outbox[-1].body
    client.post(reverse("kennismaking_hosts"), {"email": "femke@example.org"})
    assert Vrijwilligersrol.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_host_who_stops_hands_back_what_they_did_not_finish(client, coordinator):
    femke = UserFactory(roepnaam="Femke")
    host, _ = kennismaking.maak_host(femke)
    bezig, klaar = verzoek(timezone.now()), verzoek(timezone.now())
    kennismaking.pak_op(bezig.pk, femke, "bellen")
    kennismaking.pak_op(klaar.pk, femke, "bellen")
    kennismaking.rond_af(klaar.pk, femke, "")
    client.force_login(coordinator)
    antwoord = client.post(reverse("kennismaking_host_stoppen", args=[host.pk]), follow=True)
    assert "weer open" in antwoord.content.decode()
    bezig.refresh_from_db()
    klaar.refresh_from_db()
    assert bezig.is_open
    assert bezig.opgepakt_door is None
    assert klaar.is_afgerond
    assert not actieve_hosts().exists()


# --- Retention ---------------------------------------------------------------------------


def test_the_daily_job_erases_requests_older_than_the_retention_days(db, settings):
    settings.KENNISMAKING_BEWAARDAGEN = 90
    with time_machine.travel(om(7, 12), tick=False):
        nu = timezone.now()
        oud = verzoek(nu - datetime.timedelta(days=90, minutes=1))
        afgerond_oud = verzoek(nu - datetime.timedelta(days=120))
        jong = verzoek(nu - datetime.timedelta(days=89, hours=23))
        kennismaking.pak_op(afgerond_oud.pk, UserFactory(), "bellen")
        wis_verlopen_kennismakingen.delay()
        assert list(Kennismaking.objects.all()) == [jong]
        assert not Kennismaking.objects.filter(pk__in=[oud.pk, afgerond_oud.pk]).exists()
    # A day later the young one is past its time as well; the command does the same job.
    with time_machine.travel(om(8, 12), tick=False):
        call_command("kennismakingen_wissen", stdout=io.StringIO())
    assert not Kennismaking.objects.exists()


def test_the_retention_days_are_a_setting(db, settings):
    settings.KENNISMAKING_BEWAARDAGEN = 7
    with time_machine.travel(om(7, 12), tick=False):
        verzoek(timezone.now() - datetime.timedelta(days=8))
        blijft = verzoek(timezone.now() - datetime.timedelta(days=6))
        assert kennismaking.wis_verlopen() == 1
    assert list(Kennismaking.objects.all()) == [blijft]


def test_the_daily_job_is_scheduled(settings):
    taken = {t["task"] for t in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "groepen.tasks.wis_verlopen_kennismakingen" in taken


# --- Privacy -----------------------------------------------------------------------------


def test_erasing_an_account_erases_its_requests_and_hands_back_picked_up_ones(db):
    from privacy import verwijderen
    from privacy.export import json_delen

    sam = UserFactory(email="sam@example.org")
    eigen = verzoek(timezone.now(), user=sam, wens="Mijn eigen wens")
    zonder_inloggen = verzoek(timezone.now(), email="SAM@example.org")
    van_een_ander = verzoek(timezone.now(), email="ander@example.org")
    kennismaking.maak_host(sam)
    kennismaking.pak_op(van_een_ander.pk, sam, "mailen")

    export = "".join(json_delen(sam))
    assert "Mijn eigen wens" in export
    assert export.count('"voornaam"') == 2  # both own requests, not the other person's

    assert verwijderen.verwijder_account(sam)
    assert not Kennismaking.objects.filter(pk__in=[eigen.pk, zonder_inloggen.pk]).exists()
    van_een_ander.refresh_from_db()
    assert van_een_ander.is_open  # another host can pick it up now
    assert not Vrijwilligersrol.objects.exists()
