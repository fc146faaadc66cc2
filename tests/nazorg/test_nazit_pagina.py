"""Running a nazit from the interface: it shows where the people who plan it already
look (their home, the group page, the overview), one form sets it, bad input is kept
with a clear message, and only they may change or call it off."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from nazorg import planning
from nazorg.models import NazitMoment
from tests.factories import LidmaatschapFactory

from .conftest import maak_afgelopen_groep

pytestmark = pytest.mark.django_db


def _invoer(dagen=10):
    dag = timezone.localdate() + datetime.timedelta(days=dagen)
    return {"begint_om": f"{dag:%Y-%m-%d}T19:30", "locatie": "Het Trefpunt", "notitie": ""}


@pytest.fixture
def groep_met_nazit():
    groep, mensen, facilitator = maak_afgelopen_groep()
    planning.plan_nazit(groep)
    return groep, mensen, facilitator


def test_facilitator_home_and_group_page_show_the_nazit_without_a_date(client, groep_met_nazit):
    groep, _, facilitator = groep_met_nazit
    client.force_login(facilitator)
    home = client.get(reverse("facilitator_home"))
    momenten = home.context["nazit_zonder_datum"]
    assert [m.dagen_na_einde for m in momenten] == [14, 42, 91]
    eerste = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    assert reverse("nazit_moment", args=[eerste.pk]).encode() in home.content
    pagina = client.get(reverse("groep_detail", args=[groep.pk]))
    assert reverse("nazit_moment", args=[eerste.pk]).encode() in pagina.content
    # Once it has a date, it leaves the home's list.
    assert client.post(reverse("nazit_moment", args=[eerste.pk]), _invoer()).status_code == 302
    home = client.get(reverse("facilitator_home"))
    assert [m.dagen_na_einde for m in home.context["nazit_zonder_datum"]] == [42, 91]


def test_a_participant_sees_no_planning_on_the_group_page(client, groep_met_nazit):
    groep, (sam, *_), _ = groep_met_nazit
    client.force_login(sam)
    pagina = client.get(reverse("groep_detail", args=[groep.pk]))
    assert pagina.status_code == 200
    assert b"/nazit/" not in pagina.content


def test_coordinator_home_lists_at_most_ten_soonest_with_the_total(client, coordinator):
    for _ in range(4):
        groep, _, _ = maak_afgelopen_groep(deelnemers=1)
        planning.plan_nazit(groep)
    client.force_login(coordinator)
    home = client.get(reverse("coordinator_home"))
    momenten = home.context["nazit_zonder_datum"]
    assert len(momenten) == 10
    assert home.context["nazit_zonder_datum_totaal"] == 12
    assert [m.datum for m in momenten] == sorted(m.datum for m in momenten)
    assert reverse("nazorg_overzicht").encode() in home.content


def test_facilitator_home_queries_do_not_grow_with_nazits(client, groep_met_nazit):
    _, _, facilitator = groep_met_nazit
    client.force_login(facilitator)
    client.get(reverse("facilitator_home"))
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("facilitator_home"))
    n = len(weinig.captured_queries)
    for _ in range(5):
        groep, _, _ = maak_afgelopen_groep(deelnemers=1)
        LidmaatschapFactory(groep=groep, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
        planning.plan_nazit(groep)
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("facilitator_home"))
    assert len(veel.captured_queries) == n


def test_a_date_in_the_past_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, groep_met_nazit
):
    groep, _, facilitator = groep_met_nazit
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    client.force_login(facilitator)
    invoer = {**_invoer(-2), "notitie": "Neem iets lekkers mee"}
    pagina = client.post(reverse("nazit_moment", args=[moment.pk]), invoer)
    assert pagina.status_code == 400
    assert "begint_om" in pagina.context["form"].errors
    assert b"Neem iets lekkers mee" in pagina.content
    assert b"Het Trefpunt" in pagina.content
    moment.refresh_from_db()
    assert moment.begint_om is None
    kapot = client.post(reverse("nazit_moment", args=[moment.pk]), {"begint_om": "gisteren"})
    assert kapot.status_code == 400


def test_saving_tells_how_many_will_hear_and_the_note_passes_the_crisis_detector(
    client, groep_met_nazit
):
    groep, _, facilitator = groep_met_nazit
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    client.force_login(facilitator)
    invoer = {**_invoer(), "notitie": "Ik wil er niet meer zijn"}
    pagina = client.post(reverse("nazit_moment", args=[moment.pk]), invoer, follow=True)
    tags = [m.tags for m in pagina.context["messages"]]
    assert any("hulp-nu" in t for t in tags)
    moment.refresh_from_db()
    assert moment.notitie == "Ik wil er niet meer zijn"
    assert moment.versie == 1


def test_only_the_groups_facilitators_and_coordinators_call_it_off(
    client, groep_met_nazit, coordinator
):
    groep, (sam, *_), facilitator = groep_met_nazit
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    url = reverse("nazit_afgelasten", args=[moment.pk])
    client.force_login(sam)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code in (403, 405)
    client.force_login(facilitator)
    assert client.post(url).status_code == 302
    moment.refresh_from_db()
    assert moment.afgelast
    # The page says so and offers a new date; the home no longer asks for one.
    pagina = client.get(reverse("nazit_moment", args=[moment.pk]))
    assert b"called off" in pagina.content.lower() or b"afgelast" in pagina.content
    home = client.get(reverse("facilitator_home"))
    assert moment.pk not in [m.pk for m in home.context["nazit_zonder_datum"]]


def test_the_overview_counts_answers_only_for_the_fifty_moments_it_shows(client, coordinator):
    from nazorg.models import Herinnering
    from nazorg.overzicht import MOMENTEN

    groep, (sam,), _ = maak_afgelopen_groep(deelnemers=1)
    vandaag = timezone.localdate()
    momenten = NazitMoment.objects.bulk_create(
        [
            NazitMoment(groep=groep, dagen_na_einde=n, datum=vandaag + datetime.timedelta(days=n))
            for n in range(1, MOMENTEN + 11)
        ]
    )
    Herinnering.objects.bulk_create(
        [Herinnering(user=sam, groep=groep, moment=m, verstuur_op=timezone.now()) for m in momenten]
    )
    client.force_login(coordinator)
    client.get(reverse("nazorg_overzicht"))
    with CaptureQueriesContext(connection) as veel:
        pagina = client.get(reverse("nazorg_overzicht"))
    getoond = pagina.context["momenten"]
    assert len(getoond) == MOMENTEN
    assert [m.datum for m in getoond] == sorted((m.datum for m in momenten), reverse=True)[:50]
    # The rest is a page further: how many, and a link to it.
    assert pagina.context["meer"] == 10
    inhoud = pagina.content.decode()
    assert "Nog 10 nazitten op andere pagina" in inhoud
    assert 'href="?pagina=2"' in inhoud
    # The statuses are counted for the moments shown: one reminder each, all planned.
    assert dict((s.value, n) for s, n in pagina.context["statussen"])["gepland"] == MOMENTEN
    with CaptureQueriesContext(connection) as tweede:
        verder = client.get(reverse("nazorg_overzicht"), {"pagina": 2})
    assert len(tweede.captured_queries) == len(veel.captured_queries)
    assert [m.datum for m in verder.context["momenten"]] == sorted(m.datum for m in momenten)[:10][
        ::-1
    ]
    assert dict((s.value, n) for s, n in verder.context["statussen"])["gepland"] == 10
    assert 'href="?pagina=1"' in verder.content.decode()
    NazitMoment.objects.filter(pk__in=[m.pk for m in momenten[:40]]).delete()
    with CaptureQueriesContext(connection) as weinig:
        kort = client.get(reverse("nazorg_overzicht"))
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    assert kort.context["meer"] == 0
    assert "?pagina=" not in kort.content.decode()
