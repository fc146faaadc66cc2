"""The value report pages: access, the figures on the page, editing assumptions, CSV."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from impact import waarde
from impact.models import Aanname
from tests.factories import GroepFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db

JAAR_2025 = {"soort": "jaar", "jaar": "2025"}


@pytest.fixture
def coord(client, coordinator):
    client.force_login(coordinator)
    return client


def _deelnemers(n):
    groep = GroepFactory(startdatum=datetime.date(2025, 1, 1), einddatum=None)
    for _i in range(n):
        LidmaatschapFactory(groep=groep, sinds=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))


def test_report_shows_the_study_value_and_the_period_total(coord):
    _deelnemers(5)
    response = coord.get(reverse("impact_waarde"), JAAR_2025)
    html = response.content.decode()
    assert response.status_code == 200
    assert "€&nbsp;6.449,80" in html  # Dutch number format
    assert "€&nbsp;32.249,00" in html  # 6,449.80 x 5 x 365/365
    assert "Formule" in html or "Formula" in html
    assert "PM" in html
    assert str(waarde.PER_SLEUTEL["dagbesteding_aandeel"].bron) in html
    assert "soort=jaar" in html  # PDF and CSV links carry the period


def test_report_with_fewer_than_five_people_hides_count_and_total(coord):
    _deelnemers(2)
    html = coord.get(reverse("impact_waarde"), JAAR_2025).content.decode()
    assert "€&nbsp;6.449,80" in html
    assert "12.899,60" not in html  # 2 x 6,449.80
    assert html.count(">te weinig gegevens<") + html.count(">too little data<") == 2


def test_bad_period_keeps_input_and_shows_default(coord):
    response = coord.get(
        reverse("impact_waarde"), {"soort": "eigen", "begin": "2025-05-01", "einde": "2025-04-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2025-04-01"' in html
    assert 'aria-invalid="true"' in html
    assert "waarde.pdf?" not in html  # no download links for an invalid choice


def _post(client, **waarden):
    data = {k: str(v) for k, v in waarde.standaard_waarden().items()}
    data.update({k: str(v) for k, v in waarden.items()})
    return client.post(reverse("impact_aannames"), data)


def test_changing_an_assumption_changes_the_report(coord, coordinator):
    response = _post(coord, wonen_aandeel="10", bron="Eigen telling 2025")
    assert response.status_code == 302
    versie = Aanname.objects.get()
    assert (versie.sleutel, versie.waarde, versie.bron, versie.gewijzigd_door) == (
        "wonen_aandeel",
        Decimal("10"),
        "Eigen telling 2025",
        coordinator,
    )
    assert AuditEvent.objects.get(soort="aanname").details == {"sleutel": "wonen_aandeel"}
    html = coord.get(reverse("impact_waarde")).content.decode()
    assert "€&nbsp;8.449,80" in html
    assert "Eigen telling 2025" in html
    page = coord.get(reverse("impact_aannames")).content.decode()
    assert "Inge" in page
    assert "Eigen telling 2025" in page


def test_dutch_decimal_comma_is_accepted(coord):
    assert _post(coord, vrijwilliger_uurwaarde="1,50").status_code == 302
    assert waarde.huidige_waarden()["vrijwilliger_uurwaarde"] == Decimal("1.5")


@pytest.mark.parametrize(
    ("veld", "invoer"),
    [
        ("begeleiding_minuten", "-5"),  # negative time
        ("wonen_aandeel", "120"),  # more than 100%
        ("begeleiding_weken", "53"),  # more weeks than a year has
        ("begeleiding_uurtarief", "veel"),  # not a number
        ("dagbesteding_prijs", ""),  # empty
    ],
)
def test_out_of_range_values_are_refused_and_kept(coord, veld, invoer):
    response = _post(coord, **{veld: invoer, "wonen_kosten": "45000", "bron": "mijn bron"})
    assert response.status_code == 400
    html = response.content.decode()
    form = response.context["form"]
    assert list(form.errors) == [veld]
    assert f'value="{invoer}"' in html or invoer == ""
    assert 'value="45000"' in html
    assert 'value="mijn bron"' in html
    assert not Aanname.objects.exists()
    assert not AuditEvent.objects.filter(soort="aanname").exists()


def test_too_long_source_is_refused(coord):
    response = _post(coord, wonen_aandeel="6", bron="x" * 301)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["bron"]


def test_reset_to_the_study(coord):
    _post(coord, begeleiding_uurtarief="90")
    response = coord.post(reverse("impact_aannames"), {"terug": "begeleiding_uurtarief"})
    assert response.status_code == 302
    assert list(Aanname.objects.values_list("waarde", flat=True)) == [Decimal(75), Decimal(90)]
    assert AuditEvent.objects.filter(soort="aanname").count() == 2
    # An unknown key changes nothing.
    coord.post(reverse("impact_aannames"), {"terug": "bestaat_niet"})
    assert Aanname.objects.count() == 2


def test_csv_cell_cannot_become_a_formula(coord):
    _post(coord, wonen_aandeel="6", bron="=HYPERLINK(1)")
    body = coord.get(reverse("impact_waarde_csv")).content.decode("utf-8")
    assert ";'=HYPERLINK(1)" in body
    assert ";=HYPERLINK" not in body


def test_saving_without_changes_makes_no_version(coord):
    assert _post(coord).status_code == 302
    assert not Aanname.objects.exists()


def test_csv(coord):
    _deelnemers(5)
    response = coord.get(reverse("impact_waarde_csv"), JAAR_2025)
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    regels = body[1:].splitlines()
    assert all(";" in r for r in regels)
    assert any(r.endswith(";6449,80;euro;") for r in regels)
    assert any(";32249,00;euro;" in r for r in regels)
    assert sum(r.startswith(("Aanname;", "Assumption;")) for r in regels) == len(waarde.AANNAMES)


@pytest.mark.parametrize("naam", ["impact_waarde", "impact_aannames", "impact_waarde_csv"])
def test_queries_do_not_grow(coord, coordinator, django_assert_max_num_queries, naam):
    _deelnemers(5)
    waarde.wijzig(coordinator, {"wonen_kosten": Decimal(40500)})  # a history of one
    with django_assert_max_num_queries(12) as klein:
        coord.get(reverse(naam), JAAR_2025)
    _deelnemers(30)
    for i in range(30):
        waarde.wijzig(coordinator, {"wonen_kosten": Decimal(41000 + i)})
    with django_assert_max_num_queries(len(klein.captured_queries)):
        coord.get(reverse(naam), JAAR_2025)
