"""Erasing a proposer: the proposal's text goes; an approved offer and its group stay as
the academy's offer, without any link to the person. A coordinator who is erased leaves
their decisions without their name."""

import datetime

import pytest
from django.utils import timezone

from doorgroei import voorstellen
from doorgroei.models import Activiteitvoorstel
from doorgroei.voorstel_forms import Goedkeuren
from groepen import rollen
from groepen.models import Aanbod, Groep, Lidmaatschap, Vrijwilligersrol
from privacy import verwijderen

CANARY = "KANARIE-VOORSTEL"


@pytest.fixture
def goedgekeurd(deelnemer, coordinator):
    voorstel = voorstellen.dien_in(deelnemer, titel="Schilderen", beschrijving=CANARY)
    eerste = timezone.localdate() + datetime.timedelta(days=9)
    goed = Goedkeuren(
        voorstel,
        {
            "aanbod-titel": "Schilderen",
            "aanbod-soort": "workshop",
            "aanbod-duur_minuten": "120",
            "aanbod-voltooiing_percentage": "75",
            "groep-naam": "Schilderen in mei",
            "groep-eerste_datum": eerste.isoformat(),
            "groep-begintijd": "14:00",
            "groep-aantal": "1",
            "groep-elke_n_weken": "1",
            "groep-duur_minuten": "120",
            "besluit-notitie": CANARY,
            "besluit-versie": "1",
        },
    )
    assert goed.is_valid()
    voorstellen.keur_goed(voorstel, goed.versie, coordinator, goed)
    voorstel.refresh_from_db()
    return voorstel


def test_erasing_the_proposer_keeps_the_offer_without_the_person(deelnemer, goedgekeurd):
    voorstellen.dien_in(deelnemer, titel="Nog een", beschrijving=CANARY)
    # A co-facilitator hands the group over first (groepen's own rule); then the account goes.
    rollen.beeindig_rol(Vrijwilligersrol.objects.get(user=deelnemer))
    verwijderen.verwijder_account(deelnemer, "verwijderen", door=deelnemer)

    assert not Activiteitvoorstel.objects.exists()
    aanbod = Aanbod.objects.get(pk=goedgekeurd.aanbod_id)
    assert not aanbod.gearchiveerd
    assert Groep.objects.filter(pk=goedgekeurd.groep_id, aanbod=aanbod).exists()
    # Nobody facilitates in the person's name any more, and the account holds no name.
    assert not Lidmaatschap.objects.facilitators().filter(groep=goedgekeurd.groep_id).exists()
    assert not Vrijwilligersrol.objects.filter(user=deelnemer).exists()
    deelnemer.refresh_from_db()
    assert deelnemer.roepnaam != "Sam"
    assert deelnemer.verwijderd_op is not None


def test_erasing_a_coordinator_keeps_their_decisions_without_their_name(goedgekeurd, coordinator):
    coordinator.is_coordinator = False  # the role is taken away first (privacy's own rule)
    coordinator.save(update_fields=["is_coordinator"])
    verwijderen.verwijder_account(coordinator, "verwijderen", door=coordinator)
    goedgekeurd.refresh_from_db()
    assert goedgekeurd.status == Activiteitvoorstel.Status.GOEDGEKEURD
    assert goedgekeurd.beslist_door is None
