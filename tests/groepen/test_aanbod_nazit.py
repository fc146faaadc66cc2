"""Aanbod.nazit: whether an offer's participants are invited to a nazit, chosen by the
coordinator on the offer's form; never for the walk-in."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from groepen.models import Aanbod
from tests.factories import AanbodFactory

from .test_beheer import EN, _aanbod_data

pytestmark = pytest.mark.django_db
MIGRATIE = importlib.import_module("groepen.migrations.0003_aanbod_nazit")


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_new_offer_has_the_nazit_on_with_a_help_text_that_says_what_it_means(c):
    form = c.get(reverse("beheer_aanbod_nieuw"), **EN).context["form"]
    assert form["nazit"].value() is True
    html = c.get(reverse("beheer_aanbod_nieuw"), **EN).content.decode()
    assert "Participants get an invitation by email and in the app" in html
    assert "Not used for the walk-in." in html
    c.post(reverse("beheer_aanbod_nieuw"), _aanbod_data(nazit="on"))
    assert Aanbod.objects.get().nazit is True


def test_a_coordinator_can_switch_the_nazit_off(c):
    aanbod = AanbodFactory(soort="workshop")
    url = reverse("beheer_aanbod_bewerken", args=[aanbod.pk])
    assert "kop-nazit" in c.get(url).content.decode()
    data = _aanbod_data(soort="workshop", aantal_bijeenkomsten="1")
    assert c.post(url, data).status_code == 302
    aanbod.refresh_from_db()
    assert aanbod.nazit is False
    assert "kop-nazit" not in c.get(url).content.decode()


def test_the_walk_in_never_has_a_nazit_and_does_not_show_the_choice(c):
    c.post(reverse("beheer_aanbod_nieuw"), _aanbod_data(soort="inloop", nazit="on"))
    inloop = Aanbod.objects.get()
    assert inloop.nazit is False
    url = reverse("beheer_aanbod_bewerken", args=[inloop.pk])
    response = c.get(url)
    assert "nazit" not in response.context["form"].fields
    assert "kop-nazit" not in response.content.decode()
    # A walk-in that becomes a recovery group starts with the nazit on, as new offers do.
    c.post(url, _aanbod_data(soort="herstelgroep", aantal_bijeenkomsten=""))
    inloop.refresh_from_db()
    assert (inloop.soort, inloop.nazit) == ("herstelgroep", True)


def test_the_migration_switches_it_off_for_existing_walk_ins_only():
    soorten = ["cursus", "workshop", "herstelgroep", "inloop"]
    for soort in soorten:
        AanbodFactory(soort=soort, titel=soort)
    MIGRATIE.zet_nazit(django_apps, None)
    assert dict(Aanbod.objects.values_list("soort", "nazit")) == {
        "cursus": True,
        "workshop": True,
        "herstelgroep": True,
        "inloop": False,
    }
