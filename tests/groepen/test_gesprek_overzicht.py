"""One-to-one conversations, seen from the homes and by the coordinator: booked
conversations on both homes, counts only for the coordinator, query budgets that stay
flat with many times, and privacy (export, erasure, what holds an erasure)."""

import datetime
import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import gesprek
from groepen.models import Gespreksboeking, Gespreksslot, Lidmaatschap
from privacy import export, verwijderen
from tests.factories import UserFactory

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


# --- Homes, counts and query budgets ------------------------------------------------


def test_facilitator_home_shows_booked_conversations(client, aanbod, ed, sam):
    s = slot(aanbod, ed)
    gesprek.boek(sam, s.pk)
    client.force_login(ed)
    response = client.get(reverse("facilitator_home"), **NL)
    assert [x.pk for x in response.context["gesprekslots"]] == [s.pk]
    html = response.content.decode()
    assert html.index("kop-week") < html.index("kop-gesprekken")


def test_booked_slots_are_the_booked_ones_of_mijn_slots(aanbod, ed, sam):
    """The facilitator home asks for the booked slots in one query (geboekte_slots): the
    same slots, bookings and order as the booked ones of mijn_slots."""
    dag = datetime.timedelta(days=1)
    gesprek.boek(sam, slot(aanbod, ed, over=3 * dag).pk)
    slot(aanbod, ed, over=2 * dag)  # free: not on the home
    gehouden(aanbod, ed, sam)
    met_notitie = gehouden(aanbod, ed, UserFactory())
    Gespreksboeking.objects.filter(slot=met_notitie).update(notitie_bijgewerkt_op=timezone.now())
    afgezegd = slot(aanbod, ed, over=4 * dag)
    Gespreksboeking.objects.create(slot=afgezegd, deelnemer=sam, geannuleerd_op=timezone.now())
    gesprek.boek(sam, slot(aanbod, ed, over=dag).pk)  # booked again after cancelling
    ingetrokken = slot(aanbod, ed, over=5 * dag)
    Gespreksboeking.objects.create(slot=ingetrokken, deelnemer=sam)
    Gespreksslot.objects.filter(pk=ingetrokken.pk).update(ingetrokken_op=timezone.now())
    Gespreksboeking.objects.create(slot=slot(aanbod, ed, over=-40 * dag), deelnemer=sam)
    slot(aanbod, UserFactory(), over=dag)  # someone else's

    verwacht = [(s.pk, s.boeking.pk, s.voorbij) for s in gesprek.mijn_slots(ed) if s.boeking]
    assert len(verwacht) == 4
    assert [(s.pk, s.boeking.pk, s.voorbij) for s in gesprek.geboekte_slots(ed)] == verwacht


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
    s = gehouden(aanbod, ed, sam)
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
    voorbij = gehouden(aanbod, ed, sam)
    voorbij.boekingen.update(notitie=GEHEIM)
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
