"""The demo's community after issue 15: its participants are still members, the
coordinator is not, and Ruben is the named moderator of the academy-wide space."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from deelnemers.models import User
from nazorg import community, moderatie, toegang
from nazorg.models import Bericht
from nazorg.models.toegang import moderatoren_van

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_community_members_and_moderator():
    call_command("demo")
    call_command("demo")  # idempotent: one moderator row
    academie = community.academieruimte()
    sam = User.objects.get(email="deelnemer@demo.nl")
    noor = User.objects.get(email="deelnemer2@demo.nl")
    ruben = User.objects.get(email="facilitator@demo.nl")
    inge = User.objects.get(email="coordinator@demo.nl")
    assert toegang.is_lid(sam)
    assert toegang.is_lid(noor)
    assert not toegang.is_lid(inge)
    assert not moderatie.is_moderator(inge, academie)
    assert len(moderatoren_van(academie)) == 1
    assert moderatie.is_moderator(ruben, academie)
    # Everyone who wrote in the academy-wide space may still read it.
    auteurs = User.objects.filter(
        pk__in=Bericht.objects.filter(draad__ruimte=academie).values("auteur")
    )
    assert auteurs.exists()
    for auteur in auteurs:
        assert toegang.is_lid(auteur), auteur.email
