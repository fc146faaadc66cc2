"""Enrolment service: capacity, waiting list (first come, first served), cancelling."""

import datetime
import threading
import time

import pytest
from django.core import mail as django_mail
from django.db import connection
from django.utils import timezone

from groepen import inschrijving, mail
from groepen.inschrijving import InschrijvingFout
from groepen.models import Aanbod, Lidmaatschap
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def verstuurd(monkeypatch):
    """Names of the mails that were rendered and sent, in order, with their receiver."""
    namen = []
    echte = mail.render_mail

    def opnemen(naam, user, context):
        namen.append((naam, user.email))
        return echte(naam, user, context)

    monkeypatch.setattr(mail, "render_mail", opnemen)
    return namen


def status_van(user, groep):
    return Lidmaatschap.objects.get(user=user, groep=groep).status


def test_a_free_place_is_taken(verstuurd):
    groep = GroepFactory(capaciteit=2)
    sam = UserFactory()
    uitkomst = inschrijving.aanmelden(sam, groep.pk, "Ik kijk ernaar uit.")
    assert not uitkomst.wachtlijst
    lid = Lidmaatschap.objects.get(user=sam, groep=groep)
    assert lid.status == Lidmaatschap.Status.ACTIEF
    assert lid.rol == Lidmaatschap.Rol.DEELNEMER
    assert lid.motivatie == "Ik kijk ernaar uit."
    assert verstuurd == [("aangemeld", sam.email)]
    (bericht,) = django_mail.outbox
    assert bericht.to == [sam.email]
    assert groep.naam in bericht.subject
    assert "/mijn-aanmeldingen/" in bericht.body
    html, mimetype = bericht.alternatives[0]
    assert mimetype == "text/html"
    assert "/mijn-aanmeldingen/" in html


def test_a_full_group_puts_you_on_the_waiting_list(verstuurd):
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    noor = UserFactory()
    uitkomst = inschrijving.aanmelden(noor, groep.pk)
    assert uitkomst.wachtlijst
    assert uitkomst.positie == 1
    assert status_van(noor, groep) == Lidmaatschap.Status.WACHTLIJST
    assert verstuurd == [("wachtlijst", noor.email)]


def test_no_limit_means_everyone_gets_a_place():
    groep = GroepFactory(capaciteit=None)
    for _ in range(30):
        assert not inschrijving.aanmelden(UserFactory(), groep.pk).wachtlijst
    assert inschrijving.vrije_plaatsen(groep) is None


def test_facilitators_do_not_take_places():
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep, rol=Lidmaatschap.Rol.FACILITATOR)
    assert not inschrijving.aanmelden(UserFactory(), groep.pk).wachtlijst


@pytest.mark.parametrize("status", [Lidmaatschap.Status.ACTIEF, Lidmaatschap.Status.WACHTLIJST])
def test_signing_up_twice_is_refused(status):
    groep = GroepFactory(capaciteit=5)
    lid = LidmaatschapFactory(groep=groep, status=status, motivatie="eerste keer")
    with pytest.raises(InschrijvingFout):
        inschrijving.aanmelden(lid.user, groep.pk, "tweede keer")
    lid.refresh_from_db()
    assert lid.status == status
    assert lid.motivatie == "eerste keer"
    assert Lidmaatschap.objects.filter(groep=groep).count() == 1


def test_a_finished_group_is_refused():
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    groep = GroepFactory(startdatum=gisteren - datetime.timedelta(days=30), einddatum=gisteren)
    with pytest.raises(InschrijvingFout):
        inschrijving.aanmelden(UserFactory(), groep.pk)
    assert not Lidmaatschap.objects.filter(groep=groep).exists()


def test_an_archived_offer_is_refused():
    groep = GroepFactory(aanbod=AanbodFactory(gearchiveerd=True))
    with pytest.raises(InschrijvingFout):
        inschrijving.aanmelden(UserFactory(), groep.pk)


def test_the_walk_in_needs_no_sign_up():
    groep = GroepFactory(aanbod=AanbodFactory(soort=Aanbod.Soort.INLOOP))
    with pytest.raises(InschrijvingFout):
        inschrijving.aanmelden(UserFactory(), groep.pk)
    assert not Lidmaatschap.objects.filter(groep=groep).exists()


def test_a_facilitator_cannot_sign_up_for_their_own_group():
    groep = GroepFactory()
    lid = LidmaatschapFactory(groep=groep, rol=Lidmaatschap.Rol.FACILITATOR)
    with pytest.raises(InschrijvingFout):
        inschrijving.aanmelden(lid.user, groep.pk)
    lid.refresh_from_db()
    assert lid.rol == Lidmaatschap.Rol.FACILITATOR


def test_waiting_list_is_first_come_first_served(verstuurd):
    groep = GroepFactory(capaciteit=1)
    sam = LidmaatschapFactory(groep=groep).user
    eerste, tweede, derde = UserFactory(), UserFactory(), UserFactory()
    for user in (eerste, tweede, derde):
        inschrijving.aanmelden(user, groep.pk)
    leden = {lid.user_id: lid for lid in Lidmaatschap.objects.filter(groep=groep)}
    assert [inschrijving.positie_op_wachtlijst(leden[u.pk]) for u in (eerste, tweede, derde)] == [
        1,
        2,
        3,
    ]
    annotated = {
        lid.user_id: lid.positie
        for lid in inschrijving.met_positie(Lidmaatschap.objects.filter(groep=groep).wachtlijst())
    }
    assert annotated == {eerste.pk: 1, tweede.pk: 2, derde.pk: 3}

    verstuurd.clear()
    doorgeschoven = inschrijving.uitschrijven(leden[sam.pk].pk)
    assert [lid.user_id for lid in doorgeschoven] == [eerste.pk]
    assert status_van(sam, groep) == Lidmaatschap.Status.UITGESCHREVEN
    assert status_van(eerste, groep) == Lidmaatschap.Status.ACTIEF
    assert status_van(tweede, groep) == Lidmaatschap.Status.WACHTLIJST
    assert sorted(verstuurd) == [("doorgeschoven", eerste.email), ("uitgeschreven", sam.email)]
    assert inschrijving.positie_op_wachtlijst(Lidmaatschap.objects.get(user=tweede)) == 1


def test_same_moment_on_the_waiting_list_is_ordered_by_arrival():
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    moment = timezone.now()
    a = LidmaatschapFactory(groep=groep, status=Lidmaatschap.Status.WACHTLIJST, status_sinds=moment)
    b = LidmaatschapFactory(groep=groep, status=Lidmaatschap.Status.WACHTLIJST, status_sinds=moment)
    assert inschrijving.positie_op_wachtlijst(a) == 1
    assert inschrijving.positie_op_wachtlijst(b) == 2


def test_leaving_the_waiting_list_promotes_nobody_and_moves_the_rest_up(verstuurd):
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    eerste, tweede = UserFactory(), UserFactory()
    inschrijving.aanmelden(eerste, groep.pk)
    inschrijving.aanmelden(tweede, groep.pk)
    verstuurd.clear()
    assert inschrijving.uitschrijven(Lidmaatschap.objects.get(user=eerste).pk) == []
    assert verstuurd == [("uitgeschreven", eerste.email)]
    assert inschrijving.positie_op_wachtlijst(Lidmaatschap.objects.get(user=tweede)) == 1


def test_signing_up_again_after_cancelling_reuses_the_row():
    groep = GroepFactory(capaciteit=3)
    sam = UserFactory()
    eerste = inschrijving.aanmelden(sam, groep.pk, "eerst").lidmaatschap
    inschrijving.uitschrijven(eerste.pk)
    opnieuw = inschrijving.aanmelden(sam, groep.pk, "opnieuw").lidmaatschap
    assert opnieuw.pk == eerste.pk
    assert Lidmaatschap.objects.filter(groep=groep, user=sam).count() == 1
    opnieuw.refresh_from_db()
    assert opnieuw.status == Lidmaatschap.Status.ACTIEF
    assert opnieuw.motivatie == "opnieuw"


def test_cancelling_twice_is_refused():
    groep = GroepFactory()
    lid = LidmaatschapFactory(groep=groep)
    inschrijving.uitschrijven(lid.pk)
    with pytest.raises(InschrijvingFout):
        inschrijving.uitschrijven(lid.pk)


def test_a_facilitator_cannot_be_cancelled_as_a_participant():
    lid = LidmaatschapFactory(rol=Lidmaatschap.Rol.FACILITATOR)
    with pytest.raises(InschrijvingFout):
        inschrijving.uitschrijven(lid.pk)
    lid.refresh_from_db()
    assert lid.status == Lidmaatschap.Status.ACTIEF


def test_a_finished_group_stays_in_your_history():
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    groep = GroepFactory(startdatum=gisteren - datetime.timedelta(days=30), einddatum=gisteren)
    lid = LidmaatschapFactory(groep=groep)
    with pytest.raises(InschrijvingFout):
        inschrijving.uitschrijven(lid.pk)
    lid.refresh_from_db()
    assert lid.status == Lidmaatschap.Status.ACTIEF


def test_raised_capacity_fills_from_the_waiting_list_in_order(verstuurd):
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    wachtenden = [UserFactory() for _ in range(3)]
    for user in wachtenden:
        inschrijving.aanmelden(user, groep.pk)
    groep.capaciteit = 3
    groep.save()
    verstuurd.clear()
    doorgeschoven = inschrijving.vul_vrije_plaatsen(groep.pk)
    assert [lid.user_id for lid in doorgeschoven] == [wachtenden[0].pk, wachtenden[1].pk]
    assert verstuurd == [("doorgeschoven", u.email) for u in wachtenden[:2]]
    assert status_van(wachtenden[2], groep) == Lidmaatschap.Status.WACHTLIJST


def test_nobody_new_passes_someone_who_is_waiting():
    """A place that freed up without the waiting list moving (capacity raised in the admin)
    goes to the first one waiting, not to the newcomer."""
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    wachtend = UserFactory()
    inschrijving.aanmelden(wachtend, groep.pk)
    groep.capaciteit = 2
    groep.save()
    nieuw = UserFactory()
    uitkomst = inschrijving.aanmelden(nieuw, groep.pk)
    assert status_van(wachtend, groep) == Lidmaatschap.Status.ACTIEF
    assert uitkomst.wachtlijst
    assert uitkomst.positie == 1


def test_mail_shows_the_next_meetings_and_what_to_bring():
    aanbod = AanbodFactory(meenemen="Een schrift en een pen.")
    groep = GroepFactory(aanbod=aanbod, capaciteit=None, locatie="De Linde")
    BijeenkomstFactory(groep=groep)
    sam = UserFactory(roepnaam="Sam & Co")
    inschrijving.aanmelden(sam, groep.pk)
    (bericht,) = django_mail.outbox
    assert "Een schrift en een pen." in bericht.body
    assert "De Linde" in bericht.body
    assert "Sam & Co" in bericht.body  # plain text is not HTML-escaped
    assert "Sam &amp; Co" in bericht.alternatives[0][0]


@pytest.mark.parametrize("naam", ["aangemeld", "wachtlijst", "doorgeschoven", "uitgeschreven"])
def test_every_mail_renders_even_when_the_group_is_gone(naam):
    user = UserFactory()
    bericht = mail.render_mail(naam, user, {"groep": None, "komende_bijeenkomsten": []})
    assert bericht.subject.strip()
    assert "http" in bericht.body


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_never_both_get_it(monkeypatch):
    """Real concurrency on PostgreSQL: two threads, two connections, one free place.

    Counting the free places is made a little slow, so that without the row lock both
    threads would count "1 free" before either saves (the test fails then: checked).
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks (SQLite serialises all writes anyway)")
    echt_tellen = inschrijving.vrije_plaatsen

    def traag_tellen(groep):
        vrij = echt_tellen(groep)
        time.sleep(0.05)
        return vrij

    monkeypatch.setattr(inschrijving, "vrije_plaatsen", traag_tellen)
    for ronde in range(5):
        groep = GroepFactory(capaciteit=2, naam=f"Ronde {ronde}")
        LidmaatschapFactory(groep=groep)
        mensen = [UserFactory(), UserFactory()]
        barrier = threading.Barrier(len(mensen))
        fouten = []

        def meld_aan(user, groep_id=groep.pk, barrier=barrier, fouten=fouten):
            try:
                barrier.wait(timeout=10)
                inschrijving.aanmelden(user, groep_id)
            except Exception as exc:  # reported below; a thread cannot fail the test itself
                fouten.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=meld_aan, args=(user,)) for user in mensen]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not fouten, fouten
        statussen = sorted(
            Lidmaatschap.objects.filter(groep=groep, user__in=mensen).values_list(
                "status", flat=True
            )
        )
        assert statussen == [Lidmaatschap.Status.ACTIEF, Lidmaatschap.Status.WACHTLIJST], ronde
        assert Lidmaatschap.objects.deelnemers().filter(groep=groep).count() == 2
