"""The coordinator's intervisie counts: per period, per group and per theme; never content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import intervisie

from .test_intervisie import IntervisiebijeenkomstFactory, IntervisiegroepFactory


def moment(jaar, maand, dag):
    return datetime.datetime(jaar, maand, dag, 15, 0, tzinfo=timezone.get_current_timezone())


def test_periods():
    dag = datetime.date(2026, 5, 20)
    assert intervisie.periode("maand", dag).start == datetime.date(2026, 5, 1)
    assert intervisie.periode("maand", dag).einde == datetime.date(2026, 6, 1)
    kwartaal = intervisie.periode("kwartaal", dag)
    assert (kwartaal.start, kwartaal.einde) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 7, 1),
    )
    assert intervisie.periode("kwartaal", datetime.date(2026, 12, 31)).einde == datetime.date(
        2027, 1, 1
    )
    assert intervisie.periode(None, dag).start == datetime.date(2026, 1, 1)
    assert intervisie.periode("onzin", dag).soort == "jaar"
    assert intervisie.periode("maand", datetime.date(2026, 1, 9)).vorige.start == datetime.date(
        2025, 12, 1
    )
    assert intervisie.periode_uit("maand", "geen-datum").start == timezone.localdate().replace(
        day=1
    )


@pytest.fixture
def bijeenkomsten(db):
    a = IntervisiegroepFactory(naam="A")
    b = IntervisiegroepFactory(naam="B")
    IntervisiegroepFactory(naam="C")
    nu = timezone.now()
    vandaag = timezone.localdate()
    begin_jaar = datetime.datetime(vandaag.year, 1, 1, 0, 1, tzinfo=timezone.get_current_timezone())
    IntervisiebijeenkomstFactory(groep=a, begint_om=begin_jaar, thema="dubbelrol", vraag="Geheim")
    IntervisiebijeenkomstFactory(groep=a, begint_om=nu - datetime.timedelta(minutes=1), thema="")
    IntervisiebijeenkomstFactory(
        groep=b, begint_om=nu - datetime.timedelta(minutes=2), thema="dubbelrol"
    )
    # Last year and still to come: not counted.
    IntervisiebijeenkomstFactory(groep=b, begint_om=begin_jaar - datetime.timedelta(days=2))
    IntervisiebijeenkomstFactory(groep=b, begint_om=nu + datetime.timedelta(hours=1))
    return a, b


def test_counts_this_year_per_group_and_theme(client, coordinator, bijeenkomsten):
    client.force_login(coordinator)
    response = client.get(reverse("intervisie_cijfers"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    ctx = response.context
    assert ctx["periode"].soort == "jaar"
    assert [(g["naam"], g["aantal"]) for g in ctx["per_groep"]] == [("A", 2), ("B", 1), ("C", 0)]
    per_thema = dict(ctx["per_thema"])
    assert per_thema["Double role: equal and responsible"] == 2
    assert per_thema["No theme chosen"] == 1
    assert ctx["totaal"] == 3
    assert "Geheim" not in response.content.decode()


def test_previous_year(client, coordinator, bijeenkomsten):
    client.force_login(coordinator)
    vorig_jaar = f"{timezone.localdate().year - 1}-06-01"
    response = client.get(reverse("intervisie_cijfers"), {"periode": "jaar", "start": vorig_jaar})
    assert [(g["naam"], g["aantal"]) for g in response.context["per_groep"]] == [
        ("A", 0),
        ("B", 1),
        ("C", 0),
    ]


def test_month(client, coordinator):
    groep = IntervisiegroepFactory()
    IntervisiebijeenkomstFactory(groep=groep, begint_om=moment(2025, 3, 31))
    IntervisiebijeenkomstFactory(groep=groep, begint_om=moment(2025, 4, 1))
    client.force_login(coordinator)
    response = client.get(
        reverse("intervisie_cijfers"), {"periode": "maand", "start": "2025-04-17"}
    )
    assert response.context["totaal"] == 1
    kwartaal = client.get(
        reverse("intervisie_cijfers"), {"periode": "kwartaal", "start": "2025-02-01"}
    )
    assert kwartaal.context["totaal"] == 1


def test_counts_queries_do_not_grow(client, coordinator, django_assert_num_queries):
    IntervisiebijeenkomstFactory(begint_om=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("intervisie_cijfers"))
    for _ in range(6):
        IntervisiebijeenkomstFactory(
            begint_om=timezone.now() - datetime.timedelta(hours=2), thema="grenzen"
        )
    with django_assert_num_queries(len(small)):
        client.get(reverse("intervisie_cijfers"))
