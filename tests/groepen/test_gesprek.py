"""One-to-one conversations with an ervaringsdeskundige: publishing times, booking,
cancelling both ways (mails with a calendar entry, parsed), the private note (encrypted
at rest, for the ervaringsdeskundige only), the coordinator's counts, and privacy."""

import datetime
import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groepen import gesprek, planning
from groepen.inschrijving import belemmering
from groepen.models import Gespreksboeking, Gespreksslot, Lidmaatschap
from privacy import export, verwijderen
from tests.factories import AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
GEHEIM = "Notitiegeheim: we spraken over haar broer"


@pytest.fixture(autouse=True)
def na_commit(monkeypatch):
    """Mails are queued after the commit; run those callbacks right away, as a real
    commit would (the test's own transaction is never committed)."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda f, using=None, robust=False: f())


@pytest.fixture
def aanbod(db):
    return AanbodFactory(soort="gesprek", titel="Gesprek met een ervaringsdeskundige")


@pytest.fixture
def ed(db):
    """An ervaringsdeskundige: a volunteer co-facilitator of a group."""
    user = UserFactory(roepnaam="Ruben", mfa=True)
    LidmaatschapFactory(
        groep=GroepFactory(), user=user, rol=Lidmaatschap.Rol.FACILITATOR, vrijwilliger=True
    )
    return user


@pytest.fixture
def sam(db):
    return UserFactory(roepnaam="Sam")


def slot(aanbod, ed, over=datetime.timedelta(days=2), minuten=60, plaats="Kamer 2"):
    begin = timezone.now() + over
    return Gespreksslot.objects.create(
        aanbod=aanbod,
        ervaringsdeskundige=ed,
        begint_om=begin,
        eindigt_om=begin + datetime.timedelta(minutes=minuten),
        plaats=plaats,
    )


def agenda(bericht):
    """The one calendar entry attached to a mail, parsed."""
    (bijlage,) = [a for a in bericht.attachments if a[0].endswith(".ics")]
    assert bijlage[2].startswith("text/calendar")
    (event,) = Calendar.from_ical(bijlage[1]).walk("VEVENT")
    return event


def mails_aan(user):
    return [m for m in mail.outbox if m.to == [user.email]]


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


def _gehouden(aanbod, ed, sam):
    s = slot(aanbod, ed, over=-datetime.timedelta(hours=2))
    Gespreksboeking.objects.create(slot=s, deelnemer=sam)
    return s


def test_note_is_encrypted_at_rest_and_only_for_the_ervaringsdeskundige(client, aanbod, ed, sam):
    s = _gehouden(aanbod, ed, sam)
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
    s = _gehouden(aanbod, ed, UserFactory())
    response = client.post(
        reverse("gesprek_notitie", args=[s.pk]),
        {"notitie": "Ik wil er niet meer zijn, zei hij"},
        follow=True,
        **NL,
    )
    assert "hulp-nu" in [m.extra_tags for m in response.context["messages"]]


def test_empty_or_too_long_note_keeps_the_text(client, aanbod, ed, sam):
    s = _gehouden(aanbod, ed, sam)
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


# --- Homes, counts and query budgets ------------------------------------------------


def test_facilitator_home_shows_booked_conversations(client, aanbod, ed, sam):
    s = slot(aanbod, ed)
    gesprek.boek(sam, s.pk)
    client.force_login(ed)
    response = client.get(reverse("facilitator_home"), **NL)
    assert [x.pk for x in response.context["gesprekslots"]] == [s.pk]
    html = response.content.decode()
    assert html.index("kop-week") < html.index("kop-gesprekken")


def test_coordinator_sees_counts_only(client, aanbod, ed):
    deelnemers = [UserFactory(roepnaam=f"Geheimnaam{i}") for i in range(6)]
    for i, persoon in enumerate(deelnemers):
        s = slot(aanbod, ed, over=datetime.timedelta(days=1, hours=i))
        gesprek.boek(persoon, s.pk)
    slot(aanbod, ed, over=datetime.timedelta(days=2))
    client.force_login(UserFactory(is_coordinator=True, mfa=True))
    response = client.get(reverse("gesprek_cijfers"), **NL)
    (maand, *_rest) = [m for m in response.context["maanden"] if m.aangeboden]
    assert maand.geboekt + sum(m.geboekt for m in _rest) == 6
    html = response.content.decode()
    for naam_of_plaats in ("Geheimnaam", "Ruben", "Kamer 2"):
        assert naam_of_plaats not in html


def test_small_counts_show_as_fewer_than_five(client, aanbod, ed, sam):
    s = slot(aanbod, ed)
    gesprek.boek(sam, s.pk)
    client.force_login(UserFactory(is_coordinator=True, mfa=True))
    html = client.get(reverse("gesprek_cijfers"), **NL).content.decode()
    assert "minder dan 5" in html


def test_free_times_on_the_offer_page_take_a_fixed_number_of_queries(client, aanbod, sam):
    client.force_login(sam)
    url = reverse("aanbod_detail", args=[aanbod.pk])

    def zoveel(n):
        for i in range(n):
            ed = UserFactory(mfa=True)
            slot(aanbod, ed, over=datetime.timedelta(days=1 + i % 5, hours=i))
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    weinig = zoveel(1)
    assert zoveel(30) == weinig
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("aanbod_lijst"))
    lijst = len(ctx.captured_queries)
    slot(aanbod, UserFactory(), over=datetime.timedelta(days=6))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("aanbod_lijst"))
    assert len(ctx.captured_queries) == lijst


def test_own_page_takes_a_fixed_number_of_queries(client, aanbod, ed):
    client.force_login(ed)

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("gesprekken"))
        return len(ctx.captured_queries)

    slot(aanbod, ed)
    weinig = tel()
    for i in range(20):
        s = slot(aanbod, ed, over=datetime.timedelta(days=3, hours=i))
        if i % 2:
            Gespreksboeking.objects.create(slot=s, deelnemer=UserFactory())
    assert tel() == weinig


# --- Privacy ------------------------------------------------------------------------


def test_export_has_the_bookings_and_the_writer_has_the_notes(aanbod, ed, sam):
    s = _gehouden(aanbod, ed, sam)
    boeking = s.boekingen.get()
    boeking.vraag = "Over mijn werk"
    boeking.notitie = GEHEIM
    boeking.notitie_bijgewerkt_op = timezone.now()
    boeking.save()
    van_sam = "".join(export.json_delen(sam))
    assert "Over mijn werk" in van_sam
    assert "Kamer 2" in van_sam
    # The note is the ervaringsdeskundige's, like a session log.
    assert "Notitiegeheim" not in van_sam
    assert "Notitiegeheim" in "".join(export.json_delen(ed))
    json.loads(van_sam)


def test_erasing_a_participant_removes_bookings_and_frees_future_slots(aanbod, ed, sam):
    gehouden = _gehouden(aanbod, ed, sam)
    gehouden.boekingen.update(notitie=GEHEIM)
    komend = slot(aanbod, ed)
    gesprek.boek(sam, komend.pk)
    mail.outbox.clear()
    assert verwijderen.verwijder_account(sam, "verwijderen", door=sam)
    assert not Gespreksboeking.objects.exists()
    assert Gespreksslot.objects.vrij().filter(pk=komend.pk).exists()
    aan_ed = mails_aan(ed)
    assert len(aan_ed) == 1
    assert agenda(aan_ed[0])["STATUS"] == "CANCELLED"
    assert "Sam" not in aan_ed[0].body


def test_ervaringsdeskundige_with_a_booking_to_come_cancels_before_erasure(aanbod, ed, sam):
    # Their group membership ends, so only the conversation holds the erasure.
    Lidmaatschap.objects.filter(user=ed).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    s = slot(aanbod, ed)
    gesprek.boek(sam, s.pk)
    assert "gesprek" in verwijderen.blokkade(ed)
    s.boeking = s.boekingen.get()
    gesprek.annuleer_als_ervaringsdeskundige(ed, s, "", intrekken=True)
    assert verwijderen.blokkade(ed) is None
    assert verwijderen.verwijder_account(ed, "verwijderen", door=ed)
    assert not Gespreksslot.objects.exists()


@pytest.mark.parametrize("home", ["mijn_overzicht", "facilitator_home"])
def test_homes_take_a_fixed_number_of_queries_with_more_conversations(client, aanbod, ed, home):
    sam = UserFactory()
    client.force_login(ed if home == "facilitator_home" else sam)

    def boek(n, begin):
        for i in range(n):
            s = slot(aanbod, ed, over=datetime.timedelta(days=begin, hours=i))
            Gespreksboeking.objects.create(slot=s, deelnemer=sam)

    boek(1, 1)
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse(home))
    boek(10, 3)
    with CaptureQueriesContext(connection) as veel:
        response = client.get(reverse(home))
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    sleutel = "gesprekslots" if home == "facilitator_home" else "gesprekken"
    assert len(response.context[sleutel]) == 11
