"""The public offer page and location page are kept for visitors (groepen.openbaar.bewaard)
and never shown stale: every change that shows on them makes a new version, also the
ones that send no signal (bulk_create, QuerySet.update)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import gesprek
from groepen.models import Lidmaatschap
from groepen.privacy import wis_lidmaatschappen
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    LocatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _om(dagen, uur):
    dag = timezone.localdate() + datetime.timedelta(days=dagen)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def _bewaard(client, url) -> str:
    """The page twice: the second answer must come without a query of the offer."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "groepen_" in q["sql"]], url
    return response.content.decode()


@pytest.fixture
def cursus():
    plek = LocatieFactory(naam="De Linde")
    groep = GroepFactory(
        aanbod=AanbodFactory(titel="WRAP", plek=plek),
        plek=plek,
        capaciteit=12,
        startdatum=timezone.localdate() + datetime.timedelta(days=7),
    )
    BijeenkomstFactory(groep=groep, begint_om=_om(7, 19))
    fac = UserFactory(roepnaam="Ruben")
    LidmaatschapFactory(groep=groep, user=fac, rol=Lidmaatschap.Rol.FACILITATOR)
    LidmaatschapFactory(groep=groep)
    return groep


def test_offer_page_is_kept_and_shows_every_change(client, cursus):
    url = reverse("aanbod_detail", args=[cursus.aanbod_id])
    html = _bewaard(client, url)
    assert "Nog 11 plekken vrij" in html
    assert "Ruben" in html

    lid = LidmaatschapFactory(groep=cursus)
    assert "Nog 10 plekken vrij" in _bewaard(client, url)
    # Erasing an account frees the place with a QuerySet.update (no signal).
    wis_lidmaatschappen(lid.user, None)
    assert "Nog 11 plekken vrij" in _bewaard(client, url)

    fac = Lidmaatschap.objects.get(groep=cursus, rol=Lidmaatschap.Rol.FACILITATOR).user
    fac.roepnaam = "Robin"
    fac.save()
    html = _bewaard(client, url)
    assert "Robin" in html
    assert "Ruben" not in html

    cursus.aanbod.gearchiveerd = True
    cursus.aanbod.save()
    assert client.get(url).status_code == 404


def test_a_login_does_not_empty_the_kept_offer(client, cursus):
    url = reverse("aanbod_detail", args=[cursus.aanbod_id])
    _bewaard(client, url)
    fac = Lidmaatschap.objects.get(groep=cursus, rol=Lidmaatschap.Rol.FACILITATOR).user
    fac.last_login = timezone.now()
    fac.save(update_fields=["last_login"])
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [q for q in queries.captured_queries if "groepen_" in q["sql"]]


def test_location_page_is_kept_and_shows_every_change(client, cursus):
    plek = cursus.plek
    inloop = GroepFactory(
        aanbod=AanbodFactory(soort="inloop", titel="Inloop", plek=plek),
        plek=plek,
        einddatum=None,
    )
    BijeenkomstFactory(groep=inloop, begint_om=_om(1, 10), eindigt_om=_om(1, 12))
    url = plek.get_absolute_url()
    html = _bewaard(client, url)
    assert "10:00" in html
    assert "14:00" not in html

    BijeenkomstFactory(groep=inloop, begint_om=_om(2, 14), eindigt_om=_om(2, 16))
    assert "14:00" in _bewaard(client, url)

    plek.route = "Bus 5 stopt voor de deur."
    plek.save()
    assert "Bus 5 stopt voor de deur." in _bewaard(client, url)

    plek.gearchiveerd = True
    plek.save()
    assert client.get(url).status_code == 404
    assert client.get(LocatieFactory(naam="Nieuw").get_absolute_url()).status_code == 200


def test_conversation_times_made_or_withdrawn_show_at_once(client):
    aanbod = AanbodFactory(soort="gesprek", titel="Gesprek met een ervaringsdeskundige")
    ed = UserFactory(roepnaam="Ruben")
    url = reverse("aanbod_detail", args=[aanbod.pk])
    assert "Met Ruben" not in _bewaard(client, url)
    assert "Met Ruben" not in _bewaard(client, reverse("aanbod_lijst"))

    # bulk_create: no signal, yet both pages show the new time.
    (slot,) = gesprek.maak_slots(
        ed, aanbod, [_om(3, 15)], datetime.timedelta(hours=1), plaats="Kamer 2"
    )
    assert "Met Ruben" in _bewaard(client, url)
    lijst = _bewaard(client, reverse("aanbod_lijst"))
    assert aanbod.titel in lijst

    gesprek.trek_in(slot)
    assert "Met Ruben" not in _bewaard(client, url)


def test_the_kept_offer_list_is_kept_per_language(client, cursus):
    url = reverse("aanbod_lijst")
    assert "Binnenkort" in _bewaard(client, url)
    engels = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Coming up" in engels
    assert "Binnenkort" not in engels
    assert "Binnenkort" in client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_the_kept_offer_page_is_kept_per_language(client, cursus):
    url = reverse("aanbod_detail", args=[cursus.aanbod_id])
    assert "Nog 11 plekken vrij" in _bewaard(client, url)
    engels = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "11 places left" in engels
    assert "Nog 11 plekken vrij" not in engels
