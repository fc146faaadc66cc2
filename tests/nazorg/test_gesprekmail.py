"""Replies by email (nazorg/gesprekmail.py), with a fixed clock: off unless chosen; one
mail for replies that come close together; at most one an hour; none between 22:00 and
08:00; not for what was read in the app, a hidden post or after stopping; never the text,
a title or a name; at least once across a crash, and a flat run for 200 people."""

import datetime
import re
import smtplib
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groepen.models import Lidmaatschap
from nazorg import community, gesprekmail, moderatie
from nazorg.models import (
    Bericht,
    GesprekmailStand,
    GesprekmeldingVoorkeur,
    Melding,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
)
from nazorg.views.nazit import ONE_CLICK_BODY

from .conftest import maak_afgelopen_groep

AMS = ZoneInfo("Europe/Amsterdam")
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def om(uur, minuut=0, dag=9):
    """A moment on a weekday in December, Amsterdam time."""
    return datetime.datetime(2026, 12, dag, uur, minuut, tzinfo=AMS)


@pytest.fixture
def gesprek(db):
    """Sam (who chose email) started a thread in her cohort space; Noor and Ayla reply."""
    with time_machine.travel(om(9), tick=False):
        groep, (sam, noor, ayla), facilitator = maak_afgelopen_groep(deelnemers=3)
        for user, naam in zip((sam, noor, ayla), ("Sam", "Noor", "Ayla"), strict=True):
            user.roepnaam = naam
            user.save(update_fields=["roepnaam"])
            RichtlijnAkkoord.objects.create(user=user)
        ruimte = Ruimte.objects.create(groep=groep, naam="Cohort")
        eerste = community.plaats_bericht(
            sam, ruimte, "Ik durf het bijna niet te zeggen", titel="Mijn geheim"
        )
    GesprekmeldingVoorkeur.objects.create(user=sam, reacties_email=True)
    return eerste.draad, sam, noor, ayla, facilitator


def reageer(draad, user, moment, tekst="Ik herken dit zo"):
    with time_machine.travel(moment, tick=False):
        return community.plaats_bericht(user, draad, tekst)


def run(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return gesprekmail.verstuur_gesprekmails()


def beat(van, tot, stap=5):
    """Run the task every `stap` minutes from `van` up to `tot` (both included); the
    moments at which a mail went out."""
    momenten, moment = [], van
    while moment <= tot:
        if run(moment):
            momenten.append(moment)
        moment += datetime.timedelta(minutes=stap)
    return momenten


def tekst(bericht):
    return bericht.body + "".join(inhoud for inhoud, _type in bericht.alternatives)


def test_replies_close_together_make_one_mail_then_at_most_one_an_hour(gesprek):
    draad, sam, noor, ayla, _f = gesprek
    reageer(draad, noor, om(10, 0))
    reageer(draad, ayla, om(10, 5))
    reageer(draad, noor, om(10, 12))
    # The first reply waits a quarter of an hour (Sam may read it in the app); then
    # everything waiting goes in one mail.
    assert beat(om(10, 0), om(10, 30)) == [om(10, 15)]
    assert len(mail.outbox) == 1
    eerste = mail.outbox[0]
    assert eerste.to == [sam.email]
    assert eerste.subject.endswith("3 nieuwe reacties voor je in de community")
    assert "3 nieuwe reacties" in eerste.body
    assert Melding.objects.filter(user=sam, gemaild_op__isnull=False).count() == 3
    # Another reply 20 minutes later: the next mail not before an hour after the first.
    reageer(draad, ayla, om(10, 35))
    assert beat(om(10, 35), om(11, 10)) == []
    assert beat(om(11, 15), om(12, 30)) == [om(11, 15)]
    assert len(mail.outbox) == 2
    assert "Er is gereageerd in een gesprek waar je aan meedoet." in mail.outbox[1].body
    # Nothing is mailed twice.
    assert beat(om(12, 30), om(14, 0)) == []


def test_the_mail_holds_no_text_no_title_and_no_names(gesprek):
    draad, sam, noor, ayla, _f = gesprek
    reageer(draad, noor, om(10), tekst="Ik ben ook gevallen")
    reageer(draad, ayla, om(10, 1))
    run(om(10, 20))
    bericht = mail.outbox[0]
    inhoud = bericht.subject + tekst(bericht)
    for geheim in ("gevallen", "herken", "geheim", "durf", "Noor", "Ayla", "Sam", "Cohort"):
        assert geheim.lower() not in inhoud.lower()
    # One link per conversation: it opens the first new reply, after logging in.
    eerste = Melding.objects.filter(user=sam).order_by("pk").first()
    assert reverse("meldingen_open", args=[eerste.pk]) in bericht.body
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = re.search(r"<(.+)>", bericht.extra_headers["List-Unsubscribe"]).group(1)
    assert stop in bericht.body
    assert re.fullmatch(
        r"<gesprekmail-\d+-[0-9a-f]{20}@[^>]+>", bericht.extra_headers["Message-ID"]
    )


def test_a_reply_at_night_is_mailed_at_eight(gesprek):
    draad, _sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(23, 0))
    assert beat(om(23, 0), om(7, 55, dag=10)) == []
    assert beat(om(8, 0, dag=10), om(9, 0, dag=10)) == [om(8, 0, dag=10)]
    # A reply at 21:50 waits its quarter of an hour: that ends in the quiet night.
    reageer(draad, noor, om(21, 50, dag=10))
    assert beat(om(21, 50, dag=10), om(7, 55, dag=11)) == []
    assert run(om(8, 0, dag=11)) == 1


def test_read_in_the_app_first_means_no_mail(client, gesprek):
    draad, sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    client.force_login(sam)
    client.post(reverse("meldingen_gelezen"))
    assert beat(om(10), om(12)) == []
    assert mail.outbox == []


def test_no_mail_unless_chosen_and_none_after_turning_it_off(client, gesprek):
    draad, sam, noor, ayla, _f = gesprek
    # Noor never chose email (the default is off): she gets in-app notifications only.
    reageer(draad, noor, om(9, 30))
    reageer(draad, ayla, om(10))
    assert Melding.objects.filter(user=noor).exists()
    GesprekmeldingVoorkeur.objects.filter(user=sam).update(reacties_email=False)
    assert beat(om(10), om(12)) == []
    # Turned on in the settings, and off again.
    client.force_login(sam)
    keuzes = {"reacties": "on", "herken_ik": "on", "moderatie": "on", "nieuwe_gesprekken": "on"}
    r = client.post(reverse("meldingen_instellingen"), {**keuzes, "reacties_email": "on"})
    assert r.status_code == 302
    assert GesprekmeldingVoorkeur.objects.get(user=sam).reacties_email
    client.post(reverse("meldingen_instellingen"), keuzes)
    assert beat(om(12), om(13)) == []


def test_email_without_reply_notifications_is_refused_with_a_clear_message(client, gesprek):
    _d, sam, _n, _a, _f = gesprek
    client.force_login(sam)
    r = client.post(reverse("meldingen_instellingen"), {"reacties_email": "on"}, **NL)
    assert r.status_code == 400
    assert "De e-mail vertelt je over nieuwe reacties" in r.content.decode()
    assert GesprekmeldingVoorkeur.objects.get(user=sam).reacties  # nothing saved


def test_a_hidden_post_is_not_mailed(gesprek):
    draad, _sam, noor, _a, facilitator = gesprek
    reactie = reageer(draad, noor, om(10), tekst="Iets dat weg moet")
    zaak = Moderatiezaak.objects.create(bericht=reactie, soort=Moderatiezaak.Soort.GEMELD)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, "Buiten de afspraken")
    assert beat(om(10), om(12)) == []


def test_someone_who_left_the_space_or_takes_a_break_gets_no_mail(gesprek):
    from nazorg import rust

    draad, sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    with time_machine.travel(om(10, 1), tick=False):
        rust.neem_pauze(sam, om(10, 1) + datetime.timedelta(days=1))
    assert beat(om(10), om(11)) == []
    with time_machine.travel(om(11, 1), tick=False):
        rust.stop_pauze(sam)
    Lidmaatschap.objects.filter(user=sam).delete()
    assert beat(om(11), om(12)) == []


def test_an_smtp_error_gives_the_hour_back_and_the_next_run_sends(gesprek):
    draad, sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPServerDisconnected
    ):
        assert run(om(10, 15)) == 0
    assert GesprekmailStand.objects.get(user=sam).laatst_gemaild is None
    assert not Melding.objects.filter(gemaild_op__isnull=False).exists()
    assert run(om(10, 20)) == 1


def test_a_crash_after_sending_resends_an_hour_later_with_the_same_message_id(gesprek):
    """At least once: the worker dies between the send and marking the notifications."""
    draad, _sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    echte = Melding.objects.filter

    def filter_(*args, **kwargs):
        # The selection goes through; the worker "dies" where the mail is marked.
        if "pk__in" in kwargs:
            raise SystemExit
        return echte(*args, **kwargs)

    nep = mock.patch.object(gesprekmail.Melding.objects, "filter", side_effect=filter_)
    with nep, pytest.raises(SystemExit):
        run(om(10, 15))
    assert len(mail.outbox) == 1
    assert beat(om(10, 20), om(11, 10)) == []  # the hour holds
    assert run(om(11, 15)) == 1
    eerste, tweede = mail.outbox
    assert eerste.extra_headers["Message-ID"] == tweede.extra_headers["Message-ID"]
    assert run(om(12, 30)) == 0  # and now it is marked


def test_two_runs_at_the_same_moment_send_one_mail(gesprek):
    draad, sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    GesprekmailStand.objects.create(user=sam)
    nu = om(10, 15)
    assert gesprekmail._claim(sam.pk, None, nu) is True
    assert gesprekmail._claim(sam.pk, None, nu) is False  # the other run read the same


def test_one_click_stop_link(gesprek):
    draad, sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    run(om(10, 15))
    url = re.search(r"<(.+)>", mail.outbox[0].extra_headers["List-Unsubscribe"]).group(1)
    pad = url.split("testserver")[-1] if "testserver" in url else "/" + url.split("/", 3)[3]
    csrf = Client(enforce_csrf_checks=True)
    # Opening it changes nothing (mail scanners open links).
    r = csrf.get(pad, **NL)
    assert r.status_code == 200
    assert "Stop deze e-mails" in r.content.decode()
    assert GesprekmeldingVoorkeur.objects.get(user=sam).reacties_email
    # A plain form POST without its token is refused; the RFC 8058 body works.
    assert csrf.post(pad).status_code == 403
    r = csrf.post(pad, ONE_CLICK_BODY, content_type="application/x-www-form-urlencoded")
    assert r.status_code == 200
    assert not GesprekmeldingVoorkeur.objects.get(user=sam).reacties_email
    reageer(draad, noor, om(12))
    assert beat(om(12), om(14)) == []
    # A made-up or changed token: a kind page, nothing changed.
    assert csrf.get(pad[:-3] + "xx/").status_code == 400


def test_a_run_for_200_people_reads_in_a_fixed_number_of_queries(gesprek):
    """The selection is a fixed few queries; each mail adds only its own claim and mark
    (each mail is committed on its own, so a crash never loses one)."""
    draad, sam, noor, _a, _f = gesprek
    reactie = reageer(draad, noor, om(10))
    groep = draad.ruimte.groep
    User = type(sam)

    def mensen(n, begin):
        nieuw = User.objects.bulk_create(
            [User(email=f"lid{begin + i}@example.org", roepnaam="Lid") for i in range(n)]
        )
        Lidmaatschap.objects.bulk_create(
            [Lidmaatschap(groep=groep, user=u, rol=Lidmaatschap.Rol.DEELNEMER) for u in nieuw]
        )
        GesprekmeldingVoorkeur.objects.bulk_create(
            [GesprekmeldingVoorkeur(user=u, reacties_email=True) for u in nieuw]
        )
        Melding.objects.bulk_create(
            [
                Melding(user=u, soort=Melding.Soort.REACTIE, bericht=reactie, titel="x", link="/")
                for u in nieuw
            ]
        )

    def queries(moment):
        with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as ctx:
            verstuurd = gesprekmail.verstuur_gesprekmails()
        return len(ctx.captured_queries), verstuurd

    Melding.objects.all().delete()
    Bericht.objects.filter(pk=reactie.pk).update(aangemaakt_op=om(10))
    mensen(1, 0)
    een, n1 = queries(om(10, 20))
    mensen(2, 1)
    twee, n2 = queries(om(11, 30))
    mensen(200, 3)
    veel, n200 = queries(om(12, 40))
    assert (n1, n2, n200) == (1, 2, 200)
    per_mail = twee - een
    assert per_mail == 2  # the claim and the mark
    assert veel == een + 199 * per_mail
    assert Melding.objects.filter(gemaild_op__isnull=True).count() == 0


def test_the_beat_schedule_runs_the_task_every_five_minutes(settings):
    taak = settings.CELERY_BEAT_SCHEDULE["community-reactiemail"]
    assert taak["task"] == "nazorg.tasks.verstuur_gesprekmails"
    assert taak["schedule"] == 300
    from nazorg import tasks

    assert tasks.verstuur_gesprekmails.name == taak["task"]


def test_export_and_erasure_cover_the_email_choice_and_stand(gesprek):
    from lib import privacy

    draad, sam, noor, _a, _f = gesprek
    reageer(draad, noor, om(10))
    run(om(10, 15))
    secties = {s.sleutel: s for s in privacy.secties()}
    assert [r["laatst_gemaild"] for r in secties["gesprekmail_stand"].rijen(sam)] == [om(10, 15)]
    assert [r["reacties_email"] for r in secties["gesprekmelding_voorkeur"].rijen(sam)] == [True]
    assert [r["gemaild_op"] for r in secties["meldingen"].rijen(sam)] == [om(10, 15)]
    for wisser in sorted(privacy.wissers(), key=lambda w: w.volgorde):
        if {GesprekmailStand, GesprekmeldingVoorkeur, Melding} & set(wisser.modellen):
            wisser.functie(sam, privacy.Wiskeuzes())
    assert not GesprekmailStand.objects.filter(user=sam).exists()
    assert not GesprekmeldingVoorkeur.objects.filter(user=sam).exists()
    assert not Melding.objects.filter(user=sam).exists()
