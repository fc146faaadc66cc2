""" "We missen je" (nazorg/missen.py, nazorg/missen_bericht.py), on a fixed clock: two
missed meetings without an apology make one signal for the facilitators and one message
to the person, never a second for the same absence."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groepen import inschrijving
from groepen.models import Aanbod, Aanwezigheid, Lidmaatschap
from nazorg import missen, missen_bericht
from nazorg.missen_taak import draai
from nazorg.models import Melding, Missen
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2030, 3, 4, 14, 0, tzinfo=AMSTERDAM)  # a Monday
WEEK = datetime.timedelta(days=7)
AW = Aanwezigheid.Status


@pytest.fixture
def klok():
    with time_machine.travel(NU, tick=False) as reis:
        yield reis


def maak_groep(soort=Aanbod.Soort.CURSUS, naam="WRAP voorjaar"):
    """A weekly group on Mondays at 15:00: six meetings before NU (the last a week ago)
    and four ahead (the next today, in an hour), a participant Sam and a facilitator Ruben.
    Returns (groep, [meetings], sam, ruben)."""
    groep = GroepFactory(
        aanbod=AanbodFactory(soort=soort),
        naam=naam,
        startdatum=(NU - 7 * WEEK).date(),
        einddatum=(NU + 5 * WEEK).date(),
    )
    eerste = NU - 6 * WEEK + datetime.timedelta(hours=1)
    bijeenkomsten = [
        BijeenkomstFactory(groep=groep, begint_om=eerste + i * WEEK) for i in range(10)
    ]
    sam = UserFactory(roepnaam="Sam")
    LidmaatschapFactory(groep=groep, user=sam, sinds=NU - 8 * WEEK, status_sinds=NU - 8 * WEEK)
    ruben = UserFactory(roepnaam="Ruben", mfa=True)
    LidmaatschapFactory(groep=groep, user=ruben, rol=Lidmaatschap.Rol.FACILITATOR)
    return groep, bijeenkomsten, sam, ruben


def register(bijeenkomsten, user, statussen):
    for b, status in zip(bijeenkomsten, statussen, strict=False):
        Aanwezigheid.objects.update_or_create(bijeenkomst=b, user=user, defaults={"status": status})


def berichten(user):
    """The "we missen je" mails to this person (not the enrolment mails of groepen)."""
    return [
        m
        for m in mail.outbox
        if m.to == [user.email] and m.extra_headers.get("Message-ID", "").startswith("<missen-")
    ]


def inloop_groep():
    inloop = GroepFactory(
        aanbod=AanbodFactory(soort=Aanbod.Soort.INLOOP, titel="Inloop"),
        naam="Vrijdaginloop",
        locatie="De Kantine",
    )
    for dagen in (4, 11, 18, 25):
        BijeenkomstFactory(groep=inloop, begint_om=NU + datetime.timedelta(days=dagen, hours=-4))
    return inloop


@pytest.fixture
def groep(db, klok):
    return maak_groep()


def test_two_missed_meetings_make_one_message_never_a_second(groep, klok, client):
    g, b, sam, ruben = groep
    inloop_groep()
    register(b, sam, [AW.AANWEZIG] * 4 + [AW.AFWEZIG, AW.AFWEZIG])

    draai()

    [bericht] = berichten(sam)
    assert bericht.subject.endswith("We missen je bij WRAP voorjaar")
    assert "Je bent altijd welkom terug" in bericht.body
    assert "maandag 4 maart, 15:00" in bericht.body  # the next meeting
    assert "vrijdag 8 maart, 10:00, De Kantine" in bericht.body  # the walk-in
    stop = reverse("missen_stop", kwargs={"token": "X"}).rsplit("X", 1)[0]
    assert stop in bericht.body
    html = bericht.alternatives[0][0]
    assert "De Kantine" in html
    assert stop in html
    assert Melding.objects.filter(user=sam).count() == 1
    [signaal] = missen.voor_facilitator(ruben)
    assert (signaal.user.roepnaam, signaal.groep.naam, signaal.soort) == ("Sam", g.naam, "afwezig")
    assert signaal.sinds == b[4].begint_om

    # Again the same day, a week later after a third miss, and with a fresh worker: the
    # same absence series, so nothing new.
    draai()
    klok.move_to(NU + WEEK)
    register(b[6:], sam, [AW.AFWEZIG])
    draai()
    klok.move_to(NU + 2 * WEEK)
    register(b[7:], sam, [AW.AFGEMELD])  # an apology in between: still the same series
    draai()
    assert len(berichten(sam)) == 1
    assert Melding.objects.filter(user=sam).count() == 1
    assert Missen.objects.filter(user=sam).count() == 1

    # The in-app notification opens the message.
    client.force_login(sam)
    melding = Melding.objects.get(user=sam)
    pagina = client.get(melding.link)
    assert pagina.status_code == 200
    assert "De Kantine" in pagina.text
    assert "Ik stop liever" in pagina.text


def test_an_apology_is_not_missing(groep):
    _g, b, sam, ruben = groep
    register(b, sam, [AW.AANWEZIG] * 4 + [AW.AFGEMELD, AW.AFWEZIG])
    draai()
    assert berichten(sam) == []
    assert not Missen.objects.exists()
    assert missen.voor_facilitator(ruben) == []


def test_an_unfilled_register_is_not_missing(groep):
    _g, b, sam, _ruben = groep
    register(b, sam, [AW.AANWEZIG] * 4 + [AW.AFWEZIG])  # the last register is still empty
    draai()
    assert not Missen.objects.exists()


def test_came_again_then_missed_two_more_is_a_new_series(groep, klok):
    _g, b, sam, ruben = groep
    register(b, sam, [AW.AANWEZIG] * 4 + [AW.AFWEZIG, AW.AFWEZIG])
    draai()
    klok.move_to(NU + WEEK)
    register(b[6:], sam, [AW.AANWEZIG])
    draai()
    # Back again: the facilitators no longer need to call.
    assert missen.voor_facilitator(ruben) == []
    klok.move_to(NU + 3 * WEEK)
    register(b[7:], sam, [AW.AFWEZIG, AW.AFWEZIG])
    draai()
    assert len(berichten(sam)) == 2
    assert Melding.objects.filter(user=sam).count() == 2
    [nieuw] = missen.voor_facilitator(ruben)
    assert nieuw.sinds == b[7].begint_om


def test_turned_off_no_message_but_the_facilitators_still_see_it(groep, client):
    _g, b, sam, ruben = groep
    client.force_login(sam)
    pagina = client.get(reverse("nazorg_voorkeuren"))
    assert "Je facilitators zien nog wel" in pagina.text
    assert client.post(reverse("missen_voorkeur"), {}).status_code == 302  # unticked = off
    assert not missen.berichten_aan(sam)
    register(b, sam, [AW.AANWEZIG] * 4 + [AW.AFWEZIG, AW.AFWEZIG])

    draai()

    assert berichten(sam) == []
    assert not Melding.objects.filter(user=sam).exists()
    assert Missen.objects.get(user=sam).bericht == Missen.Bericht.GEEN
    client.force_login(ruben)
    home = client.get(reverse("facilitator_home"))
    assert "Misschien even contact?" in home.text
    assert "Twee keer niet geweest" in home.text
    assert "Sam" in home.text


def test_the_email_choice_is_honoured(groep):
    from nazorg import voorkeuren

    _g, b, sam, _ruben = groep
    voorkeuren.zet_kanalen(sam, per_email=False, in_app=True)
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    assert berichten(sam) == []
    assert Melding.objects.filter(user=sam).count() == 1
    assert Missen.objects.get(user=sam).bericht == Missen.Bericht.VERZONDEN


def test_ik_stop_liever_is_signed_asks_first_and_tells_the_facilitators(groep, client):
    g, b, sam, ruben = groep
    register(b, sam, [AW.AANWEZIG] * 4 + [AW.AFWEZIG, AW.AFWEZIG])
    draai()
    signaal = Missen.objects.get(user=sam)
    token = missen_bericht.maak_token(signaal.pk, missen_bericht.STOP_SALT)
    url = reverse("missen_stop", kwargs={"token": token})

    # A made-up or changed token: a clear page, nothing happens.
    for fout in (token[:-2] + "xx", missen_bericht.maak_token(signaal.pk, "iets anders"), "1"):
        antwoord = client.post(reverse("missen_stop", kwargs={"token": fout}))
        assert antwoord.status_code == 400
        assert "Deze link werkt niet" in antwoord.text
    # The message link is not a stop link.
    bericht_token = missen_bericht.maak_token(signaal.pk, missen_bericht.BERICHT_SALT)
    assert client.post(reverse("missen_stop", kwargs={"token": bericht_token})).status_code == 400

    pagina = client.get(url)  # opening it changes nothing (mail scanners open links)
    assert pagina.status_code == 200
    assert "Schrijf me ook uit" in pagina.text
    signaal.refresh_from_db()
    assert signaal.stop_liever_op is None

    missen.handel_af(signaal, ruben, "contact")
    voor = len(mail.outbox)
    assert client.post(url, {"uitschrijven": "on"}).status_code == 200
    signaal.refresh_from_db()
    assert signaal.stop_liever_op is not None
    assert signaal.uitgeschreven_via_link
    assert Lidmaatschap.objects.get(user=sam, groep=g).status == "uitgeschreven"
    # Back on the facilitators' home, with what Sam said.
    client.force_login(ruben)
    home = client.get(reverse("facilitator_home"))
    assert "Sam heeft laten weten liever te stoppen" in home.text

    # Leaving this way brings no goodbye message and no second signal.
    draai()
    assert len(berichten(sam)) == 1
    assert Missen.objects.filter(user=sam).count() == 1
    assert not [
        m for m in mail.outbox[voor:] if "<missen-" in m.extra_headers.get("Message-ID", "")
    ]


def test_ik_stop_liever_without_cancelling(groep, client):
    g, b, sam, ruben = groep
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    signaal = Missen.objects.get(user=sam)
    url = reverse(
        "missen_stop", kwargs={"token": missen_bericht.maak_token(signaal.pk, "nazorg.missen.stop")}
    )
    assert client.post(url, {}).status_code == 200
    assert Lidmaatschap.objects.get(user=sam, groep=g).status == "actief"
    assert missen.voor_facilitator(ruben)[0].stop_liever_op is not None
    # Saying it twice is fine and changes nothing.
    assert "Bedankt dat je het laat weten" in client.post(url, {}).text


def test_leaving_a_course_early_tells_the_facilitators_and_says_goodbye_once(groep, klok):
    g, b, sam, ruben = groep
    inloop_groep()
    register(b, sam, [AW.AANWEZIG] * 6)
    inschrijving.uitschrijven(Lidmaatschap.objects.get(user=sam, groep=g).pk)

    draai()
    draai()
    klok.move_to(NU + 2 * WEEK)
    draai()

    [bericht] = berichten(sam)
    assert bericht.subject.endswith("Je bent altijd welkom terug")
    assert "De Kantine" in bericht.body
    assert "/missen/stop/" not in bericht.body  # no "ik stop liever"
    assert Melding.objects.filter(user=sam).count() == 1
    [signaal] = missen.voor_facilitator(ruben)
    assert signaal.soort == Missen.Soort.UITGESCHREVEN


def test_leaving_an_ongoing_group_or_the_waiting_list_is_no_signal(db, klok):
    g, b, sam, _ruben = maak_groep(soort=Aanbod.Soort.HERSTELGROEP)
    register(b, sam, [AW.AANWEZIG] * 6)
    inschrijving.uitschrijven(Lidmaatschap.objects.get(user=sam, groep=g).pk)
    # Someone who never took part (e.g. left the waiting list) did not stop along the way.
    cursus, _, _, _ = maak_groep(naam="Cursus")
    wachtend = UserFactory()
    LidmaatschapFactory(groep=cursus, user=wachtend, status=Lidmaatschap.Status.UITGESCHREVEN)
    draai()
    assert not Missen.objects.exists()


def test_handled_leaves_the_home_of_every_facilitator(groep, client):
    g, b, sam, ruben = groep
    tweede = UserFactory(roepnaam="Noa", mfa=True)
    LidmaatschapFactory(groep=g, user=tweede, rol=Lidmaatschap.Rol.FACILITATOR)
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    signaal = Missen.objects.get()
    client.force_login(ruben)
    url = reverse("missen_afhandelen", kwargs={"pk": signaal.pk})
    assert client.post(url, {"afhandeling": "onzin"}).status_code == 302
    assert missen.voor_facilitator(ruben)
    assert client.post(url, {"afhandeling": "laat_maar"}).status_code == 302
    assert missen.voor_facilitator(ruben) == []
    assert missen.voor_facilitator(tweede) == []
    signaal.refresh_from_db()
    assert (signaal.afhandeling, signaal.afgehandeld_door) == ("laat_maar", ruben)
    # Someone outside the group cannot touch it.
    client.force_login(UserFactory(is_coordinator=True, mfa=True))
    assert client.post(url, {"afhandeling": "contact"}).status_code == 404


def test_facilitator_home_queries_stay_flat_with_many_signals(db, klok, client):
    _g, b, sam, ruben = maak_groep()
    afgerond = GroepFactory(
        naam="Oude cursus", startdatum=(NU - 40 * WEEK).date(), einddatum=(NU - 30 * WEEK).date()
    )
    LidmaatschapFactory(groep=afgerond, user=ruben, rol=Lidmaatschap.Rol.FACILITATOR)
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    client.force_login(ruben)

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            antwoord = client.get(reverse("facilitator_home"))
        n = len(ctx.captured_queries)
        assert antwoord.status_code == 200
        return n, antwoord

    tel()  # the first request of a session warms caches
    weinig, _ = tel()
    for i in range(25):
        extra = maak_groep(naam=f"Groep {i}")
        LidmaatschapFactory(groep=extra[0], user=ruben, rol=Lidmaatschap.Rol.FACILITATOR)
        register(extra[1], extra[2], [AW.AFWEZIG] * 6)
    oud = GroepFactory(startdatum=(NU - 40 * WEEK).date(), einddatum=(NU - 30 * WEEK).date())
    LidmaatschapFactory(groep=oud, user=ruben, rol=Lidmaatschap.Rol.FACILITATOR)
    draai()
    veel, antwoord = tel()
    assert len(missen.voor_facilitator(ruben)) == 26
    # The home passes the groups it has (a simpler query): the same signals, in order.
    assert antwoord.context["missen"] == missen.voor_facilitator(ruben)
    assert veel == weinig
    # Finished groups fold away under one summary.
    assert "Afgeronde groepen (2)" in antwoord.text
    gevouwen = antwoord.text.split('<details class="afgeronde-groepen">', 1)[1]
    gevouwen = gevouwen.split("</details>", 1)[0]
    assert "Oude cursus" in gevouwen
    assert "WRAP voorjaar" not in gevouwen


def test_the_job_finds_signals_with_a_fixed_number_of_queries(db, klok):
    for i in range(3):
        _g, b, sam, _ = maak_groep(naam=f"A{i}")
        register(b, sam, [AW.AFWEZIG] * 6)
    with CaptureQueriesContext(connection) as weinig:
        missen.vind_signalen()
    for i in range(12):
        _g, b, sam, _ = maak_groep(naam=f"B{i}")
        register(b, sam, [AW.AFWEZIG] * 6)
    with CaptureQueriesContext(connection) as veel:
        missen.vind_signalen()
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    assert Missen.objects.count() == 15


def test_a_crash_after_sending_resends_never_loses(groep, klok):
    _g, b, sam, _ruben = groep
    register(b, sam, [AW.AFWEZIG] * 6)
    missen.vind_signalen()
    signaal = Missen.objects.get()
    # As if a worker claimed the row, made the notification, and died.
    Missen.objects.filter(pk=signaal.pk).update(bericht=Missen.Bericht.BEZIG, geclaimd_op=NU)
    missen_bericht.maak_melding(signaal)
    assert missen_bericht.verstuur()["verzonden"] == 0  # still within its lease
    klok.move_to(NU + missen_bericht.LEASE + datetime.timedelta(minutes=1))
    assert missen_bericht.verstuur()["verzonden"] == 1
    assert len(berichten(sam)) == 1
    assert Melding.objects.filter(user=sam).count() == 1  # in-app exactly once
    assert missen_bericht.maak_melding(signaal) is False


def test_coordinators_see_only_counts(groep, client):
    _g, b, sam, _ruben = groep
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    client.force_login(UserFactory(is_coordinator=True, mfa=True))
    pagina = client.get(reverse("nazorg_overzicht"))
    assert pagina.status_code == 200
    assert "Mensen die we misten" in pagina.text
    assert "minder dan 5" in pagina.text
    assert "Sam" not in pagina.text
    assert missen.cijfers() == {"signalen": 1, "berichten": 1, "stop_liever": 0}


def test_the_walk_in_is_never_a_signal(db, klok):
    _g, b, sam, _ruben = maak_groep(soort=Aanbod.Soort.INLOOP)
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    assert not Missen.objects.exists()


def test_export_and_erasure(groep):
    from lib import privacy as register_privacy

    g, b, sam, ruben = groep
    register(b, sam, [AW.AFWEZIG] * 6)
    draai()
    missen.handel_af(Missen.objects.get(), ruben, "contact")
    [sectie] = [s for s in register_privacy.secties() if s.sleutel == "missen"]
    [rij] = list(sectie.rijen(sam))
    assert rij["groep"] == g.naam
    assert rij["afgehandeld"] is True
    assert "Ruben" not in str(rij)
    from lib.privacy import Wiskeuzes

    for w in register_privacy.wissers():
        if Missen in w.modellen:
            w.functie(sam, Wiskeuzes())
    assert not Missen.objects.filter(user=sam).exists()
