"""The kinds creatief (like a workshop, but a series is fine) and lotgenoten (like a
herstelgroep: ongoing), and "voor naasten"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groepen import planning
from groepen.beheer_forms import AanbodForm, GroepNieuwForm
from groepen.models import Aanbod
from tests.factories import AanbodFactory, GroepFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def _schema(aantal=6):
    return planning.Schema(
        eerste_datum=timezone.localdate() + datetime.timedelta(days=7),
        begintijd=datetime.time(19, 0),
        aantal=aantal,
        elke_n_weken=1,
        duur_minuten=90,
    )


def _aanbod_form(**velden):
    data = {"titel": "Yoga", "duur_minuten": "60", "voltooiing_percentage": "75", **velden}
    return AanbodForm(data)


def test_a_peer_support_group_goes_on_like_a_recovery_group():
    aanbod = AanbodFactory(soort=Aanbod.Soort.LOTGENOTEN, aantal_bijeenkomsten=None)
    assert GroepNieuwForm(aanbod=aanbod).initial["aantal"] == 12
    groep = planning.plan_groep(
        aanbod, naam="Stemmen horen", capaciteit=None, schema=_schema(), plek=LocatieFactory()
    )
    assert groep.einddatum is None


def test_a_creative_offer_may_be_a_series_that_ends():
    form = _aanbod_form(soort=Aanbod.Soort.CREATIEF, aantal_bijeenkomsten="6")
    assert form.is_valid(), form.errors
    aanbod = form.save()
    groep = planning.plan_groep(aanbod, naam="Yoga najaar", capaciteit=10, schema=_schema())
    assert groep.einddatum == timezone.localdate() + datetime.timedelta(days=7 + 5 * 7)


@pytest.mark.parametrize("soort", [Aanbod.Soort.CREATIEF, Aanbod.Soort.LOTGENOTEN])
def test_only_a_course_ends_with_a_certificate(soort):
    form = _aanbod_form(soort=soort, certificaat="on")
    assert not form.is_valid()
    assert "certificaat" in form.errors


def test_voor_naasten_is_saved_and_shown_on_the_offer(client, deelnemer):
    form = _aanbod_form(soort=Aanbod.Soort.LOTGENOTEN, voor_naasten="on")
    assert form.is_valid(), form.errors
    aanbod = form.save()
    assert aanbod.voor_naasten
    GroepFactory(aanbod=aanbod, naam="Naasten in gesprek")
    client.force_login(deelnemer)
    html = client.get(reverse("aanbod_lijst")).content.decode()
    assert "Lotgenotengroep · voor naasten" in html
