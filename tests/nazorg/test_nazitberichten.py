"""Messages after a nazit invitation: date known or changed, the day before, called off
(nazorg/nazitberichten.py), delivered by the invitations' engine."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from nazorg import nazitberichten, planning
from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Herinnering, Melding, NazitBericht, NazitMoment, NazorgVoorkeur
from nazorg.rsvp import maak_rsvp_token

from .conftest import maak_due

S = Herinnering.Status
Soort = NazitBericht.Soort


def _uitgenodigd(afgelopen):
    """The 14-day moment's invitations have gone out; the moment has no date yet."""
    groep, mensen, _facilitator = afgelopen
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    verstuur_herinneringen()
    mail.outbox.clear()
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    return moment, mensen


def _op(dagen, uur=19, minuut=30):
    dag = timezone.localdate() + datetime.timedelta(days=dagen)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur, minuut)))


def _ics(bericht):
    bijlagen = [a for a in bericht.attachments if a[0].endswith(".ics")]
    assert len(bijlagen) == 1
    _naam, inhoud, soort = bijlagen[0]
    assert soort.startswith("text/calendar")
    kalender = Calendar.from_ical(inhoud)
    (event,) = kalender.walk("VEVENT")
    return event


def _verstuur_over(minuten):
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minuten), tick=False):
        return nazitberichten.verstuur()


@pytest.mark.django_db
def test_date_set_before_the_invitation_needs_no_message_and_the_invitation_has_it(afgelopen):
    groep, _mensen, _ = afgelopen
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    assert planning.zet_bijeenkomst(moment, _op(12), "Buurthuis De Linde") == 0
    assert not NazitBericht.objects.exists()
    maak_due(Herinnering.objects.filter(moment=moment))
    verstuur_herinneringen()
    assert len(mail.outbox) == 3
    event = _ics(mail.outbox[0])
    assert event.decoded("dtstart") == _op(12)
    assert str(event["location"]) == "Buurthuis De Linde"
    assert "De Linde" in mail.outbox[0].body


@pytest.mark.django_db
def test_date_known_reaches_everyone_invited_once_after_fifteen_minutes(afgelopen):
    moment, mensen = _uitgenodigd(afgelopen)
    n = planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt", "Neem gerust iemand mee.")
    assert n == 3
    # Not at once: a facilitator may still correct something.
    assert nazitberichten.verstuur()["verzonden"] == 0
    assert _verstuur_over(16)["verzonden"] == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in mensen)
    bericht = mail.outbox[0]
    assert "datum" in bericht.subject.lower() or "date" in bericht.subject.lower()
    assert bericht.extra_headers["Message-ID"].startswith("<nazitbericht-")
    assert "Neem gerust iemand mee." in bericht.body
    # The invitation's own links: answer without logging in, and stop.
    h = Herinnering.objects.get(user__email=bericht.to[0], moment=moment)
    for antwoord in ("ja", "misschien", "nee"):
        assert f"/nazit/antwoord/{h.pk}:{antwoord}:" in bericht.body
    assert "/nazit/afmelden/" in bericht.extra_headers["List-Unsubscribe"]
    event = _ics(bericht)
    assert event.decoded("dtstart") == _op(10)
    assert str(event["status"]) == "CONFIRMED"
    moment.refresh_from_db()
    assert int(event["sequence"]) == moment.versie == 1
    assert str(event["uid"]).startswith(f"nazit-{moment.pk}@")
    # In the app too, once.
    assert Melding.objects.filter(nazit_bericht__isnull=False).count() == 3
    assert set(NazitBericht.objects.values_list("soort", flat=True)) == {Soort.DATUM_BEKEND}
    # Running again sends nothing more.
    assert _verstuur_over(30)["verzonden"] == 0
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_three_changes_in_a_short_time_make_one_message_with_the_latest(afgelopen):
    moment, _mensen = _uitgenodigd(afgelopen)
    nu = timezone.now()
    for i, (dag, plaats) in enumerate(((10, "A-straat"), (11, "B-plein"), (12, "C-laan"))):
        with time_machine.travel(nu + datetime.timedelta(minutes=5 * i), tick=False):
            planning.zet_bijeenkomst(moment, _op(dag), plaats)
    assert NazitBericht.objects.count() == 3  # one per person, not three
    # 15 minutes after the last change, not after the first.
    with time_machine.travel(nu + datetime.timedelta(minutes=20), tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 0
    with time_machine.travel(nu + datetime.timedelta(minutes=26), tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 3
    for bericht in mail.outbox:
        assert "C-laan" in bericht.body
        assert "A-straat" not in bericht.body
        assert _ics(bericht).decoded("dtstart") == _op(12)


@pytest.mark.django_db
def test_a_later_change_says_changed_and_waits_an_hour_after_the_last_message(afgelopen):
    moment, _mensen = _uitgenodigd(afgelopen)
    nu = timezone.now()
    planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt")
    with time_machine.travel(nu + datetime.timedelta(minutes=16), tick=False):
        nazitberichten.verstuur()
        planning.zet_bijeenkomst(moment, _op(11), "Het Trefpunt")
    assert len(mail.outbox) == 3
    with time_machine.travel(nu + datetime.timedelta(minutes=40), tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 0  # within the hour
    with time_machine.travel(nu + datetime.timedelta(minutes=77), tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 3
    nieuw = mail.outbox[3:]
    assert {b.subject for b in nieuw} != {b.subject for b in mail.outbox[:3]}
    assert all(_ics(b).decoded("dtstart") == _op(11) for b in nieuw)
    assert NazitBericht.objects.filter(soort=Soort.DATUM_GEWIJZIGD).count() == 3


@pytest.mark.django_db
def test_invitation_sent_with_the_date_then_changed_says_changed(afgelopen):
    groep, _mensen, _ = afgelopen
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    planning.zet_bijeenkomst(moment, _op(12), "Het Trefpunt")
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        maak_due(Herinnering.objects.filter(moment=moment))
        verstuur_herinneringen()
        moment.refresh_from_db()
        planning.zet_bijeenkomst(moment, _op(13), "Het Trefpunt")
    assert set(NazitBericht.objects.values_list("soort", flat=True)) == {Soort.DATUM_GEWIJZIGD}


@pytest.mark.django_db
def test_saving_the_same_details_again_tells_nobody(afgelopen):
    moment, _ = _uitgenodigd(afgelopen)
    planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt")
    _verstuur_over(16)
    moment.refresh_from_db()
    assert planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt") == 0
    assert NazitBericht.objects.count() == 3


@pytest.mark.django_db
def test_the_day_before_those_who_said_yes_or_maybe_get_a_reminder_once(afgelopen):
    moment, (ja, misschien, nee) = _uitgenodigd(afgelopen)
    for user, antwoord in ((ja, "ja"), (misschien, "misschien"), (nee, "nee")):
        Herinnering.objects.filter(moment=moment, user=user).update(antwoord=antwoord)
    planning.zet_bijeenkomst(moment, _op(3, 19, 30), "Het Trefpunt")
    _verstuur_over(16)
    mail.outbox.clear()
    dag_ervoor = _op(2, 9, 0)
    with time_machine.travel(dag_ervoor, tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 0  # before 10:00: not yet
    with time_machine.travel(dag_ervoor + datetime.timedelta(hours=2), tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 2
        assert nazitberichten.verstuur()["verzonden"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ja.email, misschien.email])
    assert all(_ics(m).decoded("dtstart") == _op(3, 19, 30) for m in mail.outbox)
    with time_machine.travel(dag_ervoor + datetime.timedelta(hours=6), tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 0


@pytest.mark.django_db
def test_called_off_tells_those_invited_at_once_and_answers_are_refused(afgelopen, client):
    moment, (a, _b, nee) = _uitgenodigd(afgelopen)
    Herinnering.objects.filter(moment=moment, user=nee).update(antwoord="nee")
    planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt")
    moment.refresh_from_db()
    # Called off before the date message went out: that message becomes "called off".
    assert planning.afgelasten(moment) == 3
    assert nazitberichten.verstuur()["verzonden"] == 3
    assert set(NazitBericht.objects.values_list("soort", flat=True)) == {Soort.AFGELAST}
    for bericht in mail.outbox:
        assert str(_ics(bericht)["status"]) == "CANCELLED"
    assert planning.afgelasten(moment) == 0  # twice: nothing more
    h = Herinnering.objects.get(moment=moment, user=a)
    url = reverse("rsvp", kwargs={"token": maak_rsvp_token(h.pk, "ja")})
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert b"rsvp-afgelast" in pagina.content
    antwoord = client.post(url, {"antwoord": "ja"})
    assert antwoord.status_code == 409
    h.refresh_from_db()
    assert h.antwoord == ""


@pytest.mark.django_db
def test_called_off_before_invitations_drops_them_and_a_new_date_invites_again(afgelopen):
    groep, _mensen, _ = afgelopen
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    planning.zet_bijeenkomst(moment, _op(12), "Het Trefpunt")
    moment.refresh_from_db()
    assert planning.afgelasten(moment) == 0
    assert not Herinnering.objects.filter(moment=moment).exists()
    planning.plan_nazit(groep)
    assert not Herinnering.objects.filter(moment=moment).exists()
    moment.refresh_from_db()
    planning.zet_bijeenkomst(moment, _op(14), "Het Trefpunt")
    planning.plan_nazit(groep)
    assert Herinnering.objects.filter(moment=moment).count() == 3


@pytest.mark.django_db
def test_who_stopped_the_reminders_gets_no_message(afgelopen):
    moment, (a, _b, _c) = _uitgenodigd(afgelopen)
    NazorgVoorkeur.objects.create(user=a, groep=moment.groep, gestopt=True)
    planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt")
    telling = _verstuur_over(16)
    assert telling["verzonden"] == 2
    assert telling["afgemeld"] == 1
    assert a.email not in [m.to[0] for m in mail.outbox]


@pytest.mark.django_db
def test_erasing_a_person_removes_their_messages(afgelopen):
    from privacy.verwijderen import verwijder_account

    moment, (a, b, _c) = _uitgenodigd(afgelopen)
    planning.zet_bijeenkomst(moment, _op(10), "Het Trefpunt")
    verwijder_account(a)
    assert not NazitBericht.objects.filter(user=a).exists()
    assert NazitBericht.objects.filter(user=b).exists()
