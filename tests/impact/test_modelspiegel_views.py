"""The model mirror page and CSV: counts only, hidden below 5, never anyone's words."""

import datetime

import pytest
from django.urls import reverse

from herstelmodel.models import Herkenningsmoment, Reflectie
from impact import samenvatting
from tests.factories import GroepFactory, UserFactory

pytestmark = pytest.mark.django_db

JAAR = {"soort": "jaar", "jaar": "2025"}


@pytest.fixture
def coord(client, coordinator):
    client.force_login(coordinator)
    return client


def _t(maand, dag=15):
    return datetime.datetime(2025, maand, dag, 12, tzinfo=datetime.UTC)


def _vul(n, groep=None):
    groep = groep or GroepFactory(naam="Maandaggroep")
    for _i in range(n):
        mens = UserFactory()
        for m, d in ((1, 1), (2, 15), (3, 1)):
            Reflectie.objects.create(
                auteur=mens, groep=groep, stap=1, tekst="GEHEIME-TEKST", aangemaakt_op=_t(m, d)
            )
        Herkenningsmoment.objects.create(
            auteur=mens,
            groep=groep,
            soort="niet_herkend",
            belemmering="niet_veilig",
            notitie="GEHEIME-NOTITIE",
            aangemaakt_op=_t(3),
        )


def test_page_shows_counts_and_never_words(coord):
    _vul(5)
    response = coord.get(reverse("impact_modelspiegel"), JAAR)
    html = response.content.decode()
    assert response.status_code == 200
    assert "GEHEIME" not in html
    assert html.count("<svg") >= 3
    assert "Maandaggroep: 5" in html  # the group where it did not feel safe
    assert "modelspiegel.csv?soort=jaar" in html


def test_small_numbers_show_as_too_little_data(coord):
    _vul(3)
    html = coord.get(reverse("impact_modelspiegel"), JAAR).content.decode()
    assert "Maandaggroep" not in html
    assert "te weinig gegevens" in html or "too little data" in html


def test_empty_period_invites(coord):
    response = coord.get(reverse("impact_modelspiegel"), {"soort": "jaar", "jaar": "2031"})
    assert response.status_code == 200
    assert response.context["verdeling"].leeg


def test_invalid_period_keeps_input(coord):
    response = coord.get(
        reverse("impact_modelspiegel"), {"soort": "eigen", "begin": "2025-05-01", "einde": "x"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_csv(coord):
    _vul(5)
    _vul(2, GroepFactory(naam="=Kleine groep"))
    response = coord.get(reverse("impact_modelspiegel_csv"), JAAR)
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "GEHEIME" not in body
    regels = body[1:].splitlines()
    assert any(";2025-01;Projectie;7;" in r for r in regels)
    assert any(r.endswith("Maandaggroep;5;") for r in regels)
    assert "Kleine groep" not in body  # 2 people: not named


def test_queries_do_not_grow(coord, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(samenvatting, "MARGE", datetime.timedelta(0))  # up to date at once
    _vul(5)
    # The first visit stores the closed months (impact/samenvatting.py).
    coord.get(reverse("impact_modelspiegel"), JAAR)
    with django_assert_max_num_queries(14) as klein:
        coord.get(reverse("impact_modelspiegel"), JAAR)
    aantal = len(klein.captured_queries)  # before the next request resets the log
    _vul(15)
    coord.get(reverse("impact_modelspiegel"), JAAR)  # recomputes the changed months
    with django_assert_max_num_queries(aantal):
        coord.get(reverse("impact_modelspiegel"), JAAR)
