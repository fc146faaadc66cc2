"""The demo academy holds one proposal being talked over: Sam's walk, with Inge's note,
once however often the demo runs."""

import io

import pytest
from django.core.management import call_command

from doorgroei.models import Activiteitvoorstel
from nazorg.models import Melding

pytestmark = pytest.mark.django_db


def test_demo_has_one_proposal_in_conversation_and_stays_idempotent():
    call_command("demo", force=True, stdout=io.StringIO())
    call_command("demo", force=True, stdout=io.StringIO())
    voorstel = Activiteitvoorstel.objects.get()
    assert voorstel.indiener.email == "deelnemer@demo.nl"
    assert voorstel.status == Activiteitvoorstel.Status.IN_GESPREK
    assert voorstel.beslist_door.email == "coordinator@demo.nl"
    assert "vrijdag na de inloop" in voorstel.notitie
    assert Melding.objects.filter(user=voorstel.indiener, link__contains="voorstellen").count() == 1
