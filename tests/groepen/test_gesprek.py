"""One-to-one conversations with an ervaringsdeskundige: publishing times, booking,
cancelling both ways (mails with a calendar entry, parsed), the private note (encrypted
at rest, for the ervaringsdeskundige only), the coordinator's counts, and privacy."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from groepen import gesprek, planning
from groepen.inschrijving import belemmering
from groepen.models import Gespreksboeking, Gespreksslot
from tests.factories import GroepFactory, UserFactory

from .gesprek_hulp import (
    GEHEIM,
    NL,
    agenda,
    direct_na_commit,
    gehouden,
    maak_aanbod,
    maak_ed,
    mails_aan,
    slot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def na_commit(monkeypatch):
    direct_na_commit(monkeypatch)


@pytest.fixture
def aanbod(db):
    return maak_aanbod()


@pytest.fixture
def ed(db):
    return maak_ed()


@pytest.fixture
def sam(db):
    return UserFactory(roepnaam="Sam")


# --- Publishing times -------------------------------------------------------------------


def test_ervaringsdeskundige_opens_several_times_at_once(client, aanbod, ed):
    client.force_login(ed)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "aanbod": aanbod.pk,
        "datum": morgen.isoformat(),
        "tijden": "10:00, 11:30 14:00",
        "duur_minuten": 60,
        "plaats": "Telefonisch of via video",
    }
    response = client.post(reverse("gesprekken"), data, **NL)
    assert response.status_code == 302
    slots = list(Gespreksslot.objects.order_by("begint_om"))
    assert [timezone.localtime(s.begint_om).strftime("%H:%M") for s in slots] == [
        "10:00",
        "11:30",
        "14:00",
    ]
    assert {s.duur_minuten for s in slots} == {60}
    # The same time again overlaps with what is already open.
    response = client.post(reverse("gesprekken"), {**data, "tijden": "10:30"}, **NL)
    assert response.status_code == 400
    assert "al een gesprek" in response.content.decode()
    assert 'value="Telefonisch of via video"' in response.content.decode()


@pytest.mark.parametrize(
    ("tijden", "duur", "fout"),
    [
        ("10:00, 10:30", 60, "overlappen"),
        ("kwart over tien", 60, "kunnen lezen"),
        ("", 60, "minstens één begintijd"),
    ],
)
def test_times_that_cannot_be_keep_what_was_typed(client, aanbod, ed, tijden, duur, fout):
    client.force_login(ed)
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "aanbod": aanbod.pk,
        "datum": morgen.isoformat(),
        "tijden": tijden,
        "duur_minuten": duur,
        "plaats": "Kamer 2",
    }
    response = client.post(reverse("gesprekken"), data, **NL)
    assert response.status_code == 400
    assert fout in response.content.decode()
    assert not Gespreksslot.objects.exists()


def test_a_time_in_the_past_is_refused(client, aanbod, ed):
    client.force_login(ed)
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "aanbod": aanbod.pk,
        "datum": gisteren.isoformat(),
        "tijden": "10:00",
        "duur_minuten": 60,
        "plaats": "Kamer 2",
    }
    response = client.post(reverse("gesprekken"), data, **NL)
    assert response.status_code == 400
    assert "al voorbij" in response.content.decode()


def test_a_gesprek_offer_has_no_groups_and_no_enrolment(aanbod):
    with pytest.raises(planning.PlanningFout):
        planning.controleer_schema(aanbod, None)
    assert not aanbod.met_inschrijving
    # Should a group exist anyway (e.g. made in the admin), nobody enrols in it.
    assert belemmering(GroepFactory(aanbod=aanbod), None)


# --- The offer page and booking -----------------------------------------------------


def test_offer_page_lists_free_times_by_day_and_booking_takes_one(client, aanbod, ed, sam):
    def om(dagen, uur):
        dag = timezone.localdate() + datetime.timedelta(days=dagen)
        moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))
        return moment - timezone.now()

    eerste = slot(aanbod, ed, over=om(1, 10))
    tweede = slot(aanbod, ed, over=om(1, 12))
    later = slot(aanbod, ed, over=om(3, 10))
    slot(aanbod, ed, over=-datetime.timedelta(hours=3))  # past: not offered
    client.force_login(sam)
    response = client.get(reverse("aanbod_detail", args=[aanbod.pk]), **NL)
    dagen = response.context["gesprek_dagen"]
    assert [[s.pk for s in slots] for _dag, slots in dagen] == [
        [eerste.pk, tweede.pk],
        [later.pk],
    ]
    assert "Boek dit gesprek" in response.content.decode()

    response = client.post(
        reverse("gesprek_boeken", args=[eerste.pk]), {"vraag": "Over werk en rust"}, **NL
    )
    assert response.status_code == 302
    boeking = Gespreksboeking.objects.get()
    assert (boeking.slot, boeking.deelnemer, boeking.vraag) == (eerste, sam, "Over werk en rust")

    # Both get a confirmation with the same calendar entry.
    (aan_sam,) = mails_aan(sam)
    (aan_ed,) = mails_aan(ed)
    for bericht, ander in ((aan_sam, "Ruben"), (aan_ed, "Sam")):
        event = agenda(bericht)
        assert event["STATUS"] == "CONFIRMED"
        assert event["SUMMARY"] == f"Gesprek met {ander}"
        assert event.decoded("DTSTART") == eerste.begint_om.replace(microsecond=0)
        assert event["LOCATION"] == "Kamer 2"
    assert agenda(aan_sam)["UID"] == agenda(aan_ed)["UID"]
    # What Sam wrote stays in the app: not in a mail or a calendar.
    assert "Over werk en rust" not in aan_ed.body + str(aan_ed.attachments)

    # The time is gone for others, and shows on Sam's home.
    response = client.get(reverse("aanbod_detail", args=[aanbod.pk]))
    vrij = [s.pk for _dag, slots in response.context["gesprek_dagen"] for s in slots]
    assert eerste.pk not in vrij
    home = client.get(reverse("mijn_overzicht"), **NL)
    assert [b.pk for b in home.context["gesprekken"]] == [boeking.pk]
    assert "Je gesprekken met een ervaringsdeskundige" in home.content.decode()


def test_a_taken_time_says_so_and_shows_other_free_times(client, aanbod, ed, sam):
    bezet = slot(aanbod, ed)
    ander = slot(aanbod, ed, over=datetime.timedelta(days=4))
    Gespreksboeking.objects.create(slot=bezet, deelnemer=UserFactory())
    client.force_login(sam)
    response = client.post(reverse("gesprek_boeken", args=[bezet.pk]), {"vraag": ""}, **NL)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit moment net geboekt" in html
    assert reverse("gesprek_boeken", args=[ander.pk]) in html
    assert Gespreksboeking.objects.filter(deelnemer=sam).count() == 0
    # The person who booked it is told it is theirs.
    client.force_login(bezet.boekingen.get().deelnemer)
    html = client.get(reverse("gesprek_boeken", args=[bezet.pk]), **NL).content.decode()
    assert "Je hebt dit moment geboekt" in html


def test_the_database_refuses_a_second_booking_of_a_slot(aanbod, ed, sam):
    s = slot(aanbod, ed)
    gesprek.boek(sam, s.pk)
    with pytest.raises(gesprek.GesprekFout):
        gesprek.boek(UserFactory(), s.pk)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Gespreksboeking.objects.create(slot=s, deelnemer=UserFactory())


def test_nobody_books_their_own_or_a_past_or_withdrawn_time(client, aanbod, ed, sam):
    eigen = slot(aanbod, ed)
    with pytest.raises(gesprek.GesprekFout):
        gesprek.boek(ed, eigen.pk)
    voorbij = slot(aanbod, ed, over=-datetime.timedelta(hours=1))
    with pytest.raises(gesprek.GesprekFout):
        gesprek.boek(sam, voorbij.pk)
    gesprek.trek_in(eigen)
    client.force_login(sam)
    assert client.get(reverse("gesprek_boeken", args=[eigen.pk])).status_code == 404
    assert not Gespreksboeking.objects.exists()


# --- Cancelling ---------------------------------------------------------------------


def test_participant_cancels_with_a_message_and_the_ervaringsdeskundige_is_told(
    client, aanbod, ed, sam
):
    s = slot(aanbod, ed)
    boeking = gesprek.boek(sam, s.pk)
    mail.outbox.clear()
    client.force_login(sam)
    response = client.post(
        reverse("gesprek_annuleren", args=[boeking.pk]), {"bericht": "Ik ben ziek"}, **NL
    )
    assert response.status_code == 302
    boeking.refresh_from_db()
    assert boeking.geannuleerd_door == "deelnemer"
    (bericht,) = mail.outbox
    assert bericht.to == [ed.email]
    assert "Ik ben ziek" in bericht.body
    event = agenda(bericht)
    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 1)
    assert event["UID"] == f"gesprek-{boeking.pk}@{event['UID'].split('@')[1]}"
    # Free again for someone else.
    assert Gespreksslot.objects.vrij().filter(pk=s.pk).exists()
    # Cancelling twice changes nothing and says why.
    response = client.post(reverse("gesprek_annuleren", args=[boeking.pk]), {"bericht": ""}, **NL)
    assert response.status_code in (200, 409)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("intrekken", [False, True])
def test_ervaringsdeskundige_cancels_and_the_participant_is_told(
    client, aanbod, ed, sam, intrekken
):
    s = slot(aanbod, ed)
    gesprek.boek(sam, s.pk)
    mail.outbox.clear()
    client.force_login(ed)
    data = {"bericht": "Sorry, ik kan toch niet", **({"intrekken": "on"} if intrekken else {})}
    response = client.post(reverse("gespreksslot_annuleren", args=[s.pk]), data, **NL)
    assert response.status_code == 302
    (bericht,) = mail.outbox
    assert bericht.to == [sam.email]
    assert "Sorry, ik kan toch niet" in bericht.body
    assert agenda(bericht)["STATUS"] == "CANCELLED"
    assert Gespreksslot.objects.vrij().filter(pk=s.pk).exists() is not intrekken


def test_a_conversation_that_started_cannot_be_cancelled(aanbod, ed, sam):
    s = slot(aanbod, ed, over=datetime.timedelta(minutes=5))
    boeking = gesprek.boek(sam, s.pk)
    later = timezone.now() + datetime.timedelta(minutes=10)
    with pytest.raises(gesprek.GesprekFout):
        gesprek.annuleer_als_deelnemer(sam, boeking, "", nu=later)


# --- The note -----------------------------------------------------------------------


def test_note_is_encrypted_at_rest_and_only_for_the_ervaringsdeskundige(client, aanbod, ed, sam):
    s = gehouden(aanbod, ed, sam)
    client.force_login(ed)
    response = client.post(reverse("gesprek_notitie", args=[s.pk]), {"notitie": GEHEIM}, **NL)
    assert response.status_code == 302
    assert Gespreksboeking.objects.get().notitie == GEHEIM
    with connection.cursor() as cursor:
        cursor.execute("SELECT notitie FROM groepen_gespreksboeking")
        (ruw,) = cursor.fetchone()
    assert ruw
    assert "Notitiegeheim" not in ruw
    assert GEHEIM in client.get(reverse("gesprek_notitie", args=[s.pk])).content.decode()
    # Sam, a coordinator, another facilitator: not theirs to know about.
    for ander in (sam, UserFactory(is_coordinator=True, mfa=True), UserFactory(mfa=True)):
        client.force_login(ander)
        assert client.get(reverse("gesprek_notitie", args=[s.pk])).status_code == 404
    client.force_login(sam)
    assert GEHEIM not in client.get(reverse("mijn_overzicht")).content.decode()


def test_note_waits_for_the_conversation_and_a_crisis_word_shows_help(client, aanbod, ed, sam):
    komend = slot(aanbod, ed)
    Gespreksboeking.objects.create(slot=komend, deelnemer=sam)
    client.force_login(ed)
    response = client.post(reverse("gesprek_notitie", args=[komend.pk]), {"notitie": "x"})
    assert response.status_code == 200
    assert response.context["form"] is None
    s = gehouden(aanbod, ed, UserFactory())
    response = client.post(
        reverse("gesprek_notitie", args=[s.pk]),
        {"notitie": "Ik wil er niet meer zijn, zei hij"},
        follow=True,
        **NL,
    )
    assert "hulp-nu" in [m.extra_tags for m in response.context["messages"]]


def test_empty_or_too_long_note_keeps_the_text(client, aanbod, ed, sam):
    s = gehouden(aanbod, ed, sam)
    client.force_login(ed)
    lang = "a" * (gesprek.NOTITIE_MAX + 1)
    response = client.post(reverse("gesprek_notitie", args=[s.pk]), {"notitie": lang}, **NL)
    assert response.status_code == 400
    assert lang in response.content.decode()
    response = client.post(reverse("gesprek_notitie", args=[s.pk]), {"notitie": ""}, **NL)
    assert response.status_code == 400


# --- Another time -------------------------------------------------------------------


def test_asking_for_another_time_reaches_the_ervaringsdeskundigen(client, aanbod, ed, sam):
    slot(aanbod, ed)
    client.force_login(sam)
    url = reverse("gesprek_ander_moment", args=[aanbod.pk])
    response = client.post(url, {"bericht": ""}, **NL)
    assert response.status_code == 400
    response = client.post(url, {"bericht": "Liefst op dinsdagavond"}, **NL)
    assert response.status_code == 302
    (bericht,) = mail.outbox
    assert bericht.to == [ed.email]
    assert bericht.extra_headers["Reply-To"] == sam.email
    assert "Liefst op dinsdagavond" in bericht.body


def test_another_time_without_anyone_to_ask_says_so(client, aanbod, sam):
    client.force_login(sam)
    url = reverse("gesprek_ander_moment", args=[aanbod.pk])
    assert client.get(url).context["niemand"]
    assert client.post(url, {"bericht": "Maandag?"}).status_code == 400
    assert mail.outbox == []
