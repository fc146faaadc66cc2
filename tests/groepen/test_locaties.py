"""Locations as real places: the migration from free text, the coordinator's pages
(archive instead of delete, clear messages), the location page and the walk-in's times."""

import datetime
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import locaties
from groepen.models import Aanbod, Groep, Locatie
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LocatieFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


def fout(response, veld) -> str:
    html = response.content.decode()
    match = re.search(rf'id="id_{veld}_error"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no message next to {veld}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


# --- The data migration ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_makes_one_location_per_text_and_links_every_row():
    voor = [("groepen", "0006_locaties")]
    na = [("groepen", "0007_locaties_data")]
    executor = MigrationExecutor(connection)
    laatste = executor.loader.graph.leaf_nodes()  # every app: later ones depend on groepen
    executor.migrate(voor)
    try:
        oud = MigrationExecutor(connection).loader.project_state(voor).apps
        AanbodOud = oud.get_model("groepen", "Aanbod")
        GroepOud = oud.get_model("groepen", "Groep")
        BijeenkomstOud = oud.get_model("groepen", "Bijeenkomst")
        aanbod = AanbodOud.objects.create(
            titel="WRAP", soort="cursus", locatie="Buurthuis De Linde"
        )
        linde = GroepOud.objects.create(
            aanbod_id=aanbod.pk,
            naam="WRAP voorjaar",
            locatie="  buurthuis   de LINDE ",  # the same place, typed differently
            startdatum=datetime.date(2026, 3, 1),
        )
        zonder = GroepOud.objects.create(
            aanbod_id=aanbod.pk, naam="Zonder", locatie="", startdatum=datetime.date(2026, 3, 1)
        )
        begin = timezone.now()
        eigen = BijeenkomstOud.objects.create(
            groep_id=linde.pk,
            begint_om=begin,
            eindigt_om=begin + datetime.timedelta(hours=2),
            locatie="Zaal 2",
        )
        gewoon = BijeenkomstOud.objects.create(
            groep_id=linde.pk,
            begint_om=begin + datetime.timedelta(days=7),
            eindigt_om=begin + datetime.timedelta(days=7, hours=2),
        )

        MigrationExecutor(connection).migrate(na)
        nieuw = MigrationExecutor(connection).loader.project_state(na).apps
        LocatieNu = nieuw.get_model("groepen", "Locatie")
        assert sorted(LocatieNu.objects.values_list("naam", flat=True)) == [
            "Buurthuis De Linde",  # the first spelling met names it
            "Zaal 2",
        ]
        de_linde = LocatieNu.objects.get(naam="Buurthuis De Linde")
        rijen = {
            "aanbod": nieuw.get_model("groepen", "Aanbod").objects.get(pk=aanbod.pk),
            "linde": nieuw.get_model("groepen", "Groep").objects.get(pk=linde.pk),
        }
        assert all((r.plek_id, r.locatie) == (de_linde.pk, "") for r in rijen.values())
        assert nieuw.get_model("groepen", "Groep").objects.get(pk=zonder.pk).plek_id is None
        Bijeenkomsten = nieuw.get_model("groepen", "Bijeenkomst")
        assert Bijeenkomsten.objects.get(pk=eigen.pk).plek.naam == "Zaal 2"
        # A meeting without its own place keeps following the group.
        assert Bijeenkomsten.objects.get(pk=gewoon.pk).plek_id is None

        # Back: the texts return, nothing lost.
        MigrationExecutor(connection).migrate(voor)
        assert GroepOud.objects.get(pk=linde.pk).locatie == "Buurthuis De Linde"
        assert BijeenkomstOud.objects.get(pk=eigen.pk).locatie == "Zaal 2"
    finally:
        MigrationExecutor(connection).migrate(laatste)


def test_old_text_still_shows_where_a_row_has_no_location(client, deelnemer, groep):
    groep.locatie, groep.plek = "Achter de kerk", None
    groep.save()
    client.force_login(deelnemer)
    html = client.get(reverse("groep_detail", args=[groep.pk])).content.decode()
    assert "Achter de kerk" in html


# --- Showing a place ------------------------------------------------------------------------


def test_group_page_links_to_its_location(client, deelnemer, groep):
    locatie = LocatieFactory(naam="Buurthuis De Linde")
    Groep.objects.filter(pk=groep.pk).update(plek=locatie, locatie="")
    client.force_login(deelnemer)
    html = client.get(reverse("groep_detail", args=[groep.pk])).content.decode()
    assert f'<a href="{locatie.get_absolute_url()}">Buurthuis De Linde</a>' in html


def test_location_page_has_address_map_links_and_no_outside_scripts(client, deelnemer):
    locatie = LocatieFactory(
        naam="Buurthuis De Linde",
        straat="Lindelaan 12",
        postcode="6511 AB",
        plaats="Nijmegen",
        route="Bus 5 tot halte Lindeplein.",
        drempelvrij=True,
        stilteruimte=True,
    )
    client.force_login(deelnemer)
    html = client.get(locatie.get_absolute_url()).content.decode()
    assert "Lindelaan 12" in html
    assert "Bus 5 tot halte Lindeplein." in html
    assert "Drempelvrije ingang" in html
    assert 'href="geo:0,0?q=Lindelaan%2012%2C%206511%20AB%20Nijmegen"' in html
    assert (
        'href="https://www.openstreetmap.org/search?query=Lindelaan+12%2C+6511+AB+Nijmegen"' in html
    )
    # Only the schema.org data block, which browsers do not run; nothing loaded from elsewhere.
    assert html.count("<script") == html.count('<script type="application/ld+json">') == 1
    assert "<iframe" not in html


def _inloop(locatie, **kwargs):
    aanbod = AanbodFactory(soort=Aanbod.Soort.INLOOP, titel="Inloop")
    return GroepFactory(aanbod=aanbod, plek=locatie, locatie="", einddatum=None, **kwargs)


def _om(dagen, uur=10):
    dag = timezone.localdate() + datetime.timedelta(days=dagen)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def test_walk_in_times_come_from_the_walk_in_meetings_at_that_place():
    hier, elders = LocatieFactory(naam="Hier"), LocatieFactory(naam="Elders")
    inloop = _inloop(hier)
    open_ = BijeenkomstFactory(groep=inloop, begint_om=_om(1))
    BijeenkomstFactory(groep=inloop, begint_om=_om(2), geannuleerd=True)
    BijeenkomstFactory(groep=inloop, begint_om=_om(3), plek=elders)  # moved elsewhere
    BijeenkomstFactory(groep=inloop, begint_om=_om(30))  # after `tot`
    # A walk-in of another place that comes here once.
    te_gast = BijeenkomstFactory(groep=_inloop(elders), begint_om=_om(4), plek=hier)
    # A course at this place is not a walk-in.
    BijeenkomstFactory(groep=GroepFactory(plek=hier, locatie=""), begint_om=_om(1, 14))

    tijden = list(locaties.inloop_tijden(hier, _om(0, 0), _om(14, 0)))

    assert tijden == [open_, te_gast]


def test_location_page_shows_walk_in_times_in_a_fixed_number_of_queries(client, deelnemer):
    locatie = LocatieFactory()
    inloop = _inloop(locatie)
    client.force_login(deelnemer)
    url = locatie.get_absolute_url()

    def aantal():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        n = len(ctx.captured_queries)
        assert response.status_code == 200
        return n

    BijeenkomstFactory(groep=inloop, begint_om=_om(1))
    een = aantal()
    for dag in range(2, 10):
        BijeenkomstFactory(groep=inloop, begint_om=_om(dag))
    assert aantal() == een
    assert client.get(url).content.decode().count("<time datetime=") == 9


# --- The coordinator's pages ----------------------------------------------------------------


def test_coordinator_adds_a_location_and_the_postcode_is_tidied(c):
    response = c.post(
        reverse("beheer_locatie_nieuw"),
        {
            "naam": "’s-Hertogenbosch: Huis van Ĳsselstein & Zn.",
            "straat": "Markt 1-b",
            "postcode": "5211ab",
            "plaats": "’s-Hertogenbosch",
            "drempelvrij": "on",
        },
    )
    assert response.status_code == 302
    locatie = Locatie.objects.get()
    assert locatie.postcode == "5211 AB"
    assert locatie.naam == "’s-Hertogenbosch: Huis van Ĳsselstein & Zn."
    assert locatie.drempelvrij
    assert not locatie.stilteruimte


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("postcode", "12345", "vier cijfers en twee letters"),
        ("postcode", "1234 ABC", "vier cijfers en twee letters"),
        ("naam", "Buurthuis\tDe Linde", "onzichtbaar teken"),
        ("straat", "Lindelaan\x1b12", "onzichtbaar teken"),
        ("naam", "", "Geef de locatie een naam"),
    ],
)
def test_bad_location_input_gets_a_dutch_message_and_keeps_what_was_typed(c, veld, waarde, bericht):
    data = {"naam": "Buurthuis", "straat": "Lindelaan 12", "route": "Bus 5 tot de kerk."}
    data[veld] = waarde
    response = c.post(reverse("beheer_locatie_nieuw"), data)

    assert response.status_code == 400
    assert bericht in fout(response, veld)
    assert "Bus 5 tot de kerk." in response.content.decode()
    assert not Locatie.objects.exists()


def test_a_location_in_use_is_archived_instead_of_deleted(c, groep):
    locatie = LocatieFactory()
    Groep.objects.filter(pk=groep.pk).update(plek=locatie)

    response = c.post(reverse("beheer_locatie_verwijderen", args=[locatie.pk]), follow=True)

    locatie.refresh_from_db()
    assert locatie.gearchiveerd
    assert "in het archief" in response.content.decode()
    # The database refuses too, whoever tries.
    with pytest.raises(ProtectedError):
        locatie.delete()
    # The group still shows where it met.
    groep.refresh_from_db()
    assert groep.plek == locatie


def test_an_unused_location_can_be_deleted(c):
    locatie = LocatieFactory()
    response = c.post(reverse("beheer_locatie_verwijderen", args=[locatie.pk]))
    assert response.status_code == 302
    assert not Locatie.objects.exists()


def test_archive_and_back(c):
    locatie = LocatieFactory()
    c.post(reverse("beheer_locatie_archiveren", args=[locatie.pk]))
    locatie.refresh_from_db()
    assert locatie.gearchiveerd
    c.post(reverse("beheer_locatie_archiveren", args=[locatie.pk]))
    locatie.refresh_from_db()
    assert not locatie.gearchiveerd


def test_offer_form_offers_only_locations_in_use_but_keeps_the_chosen_one(c):
    in_gebruik = LocatieFactory(naam="In gebruik")
    LocatieFactory(naam="Oud", gearchiveerd=True)
    gekozen_oud = LocatieFactory(naam="Gekozen oud", gearchiveerd=True)
    aanbod = AanbodFactory(plek=gekozen_oud)

    nieuw = c.get(reverse("beheer_aanbod_nieuw")).content.decode()
    bewerken = c.get(reverse("beheer_aanbod_bewerken", args=[aanbod.pk])).content.decode()

    assert f'value="{in_gebruik.pk}">In gebruik' in nieuw
    assert ">Oud<" not in nieuw
    assert ">Gekozen oud<" not in nieuw
    assert "selected>Gekozen oud</option>" in bewerken
    assert ">Oud<" not in bewerken


def test_offer_form_refuses_an_archived_location(c):
    oud = LocatieFactory(naam="Oud", gearchiveerd=True)
    response = c.post(
        reverse("beheer_aanbod_nieuw"),
        {
            "titel": "Yoga",
            "soort": Aanbod.Soort.CREATIEF,
            "plek": str(oud.pk),
            "duur_minuten": "60",
            "voltooiing_percentage": "75",
        },
    )
    assert "niet (meer) in de lijst" in fout(response, "plek")
    assert not Aanbod.objects.exists()
