"""The period form: kinds of period, defaults, and its failure paths."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import translation

from impact.periode import (
    PeriodeForm,
    eigen_periode,
    jaar_periode,
    kwartaal_periode,
    maand_periode,
    periode_uit_request,
    standaard_periode,
)

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_kinds_of_period():
    assert maand_periode(2026, 2).einde == D(2026, 2, 28)
    assert maand_periode(2024, 2).einde == D(2024, 2, 29)
    assert maand_periode(2026, 12).einde == D(2026, 12, 31)
    q = kwartaal_periode(2026, 4)
    assert (q.begin, q.einde, q.label) == (D(2026, 10, 1), D(2026, 12, 31), "Quarter 4 2026")
    assert jaar_periode(2026).dagen == 365
    assert eigen_periode(D(2026, 3, 1), D(2026, 3, 1)).dagen == 1


def test_previous_period():
    assert maand_periode(2026, 1).vorige() == maand_periode(2025, 12)
    assert kwartaal_periode(2026, 1).vorige() == kwartaal_periode(2025, 4)
    assert jaar_periode(2026).vorige() == jaar_periode(2025)
    eigen = eigen_periode(D(2026, 3, 11), D(2026, 3, 20)).vorige()
    assert (eigen.begin, eigen.einde) == (D(2026, 3, 1), D(2026, 3, 10))


def test_half_open_datetimes():
    p = maand_periode(2026, 3)
    assert p.begin_dt.date() == D(2026, 3, 1)
    assert p.einde_dt.date() == D(2026, 4, 1)  # exclusive


def test_default_is_the_current_quarter():
    assert standaard_periode(D(2026, 11, 22)) == kwartaal_periode(2026, 4)
    assert standaard_periode(D(2026, 1, 1)) == kwartaal_periode(2026, 1)


def test_future_period_has_no_data_yet():
    assert jaar_periode(2030).nog_geen_gegevens(D(2026, 5, 1))
    assert not jaar_periode(2026).nog_geen_gegevens(D(2026, 5, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "verwacht"),
    [
        ({"soort": "maand", "jaar": "2026", "maand": "3"}, maand_periode(2026, 3)),
        ({"soort": "kwartaal", "jaar": "2025", "kwartaal": "2"}, kwartaal_periode(2025, 2)),
        ({"soort": "jaar", "jaar": "2024"}, jaar_periode(2024)),
        (
            {"soort": "eigen", "begin": "2026-02-03", "einde": "2026-04-05"},
            eigen_periode(D(2026, 2, 3), D(2026, 4, 5)),
        ),
    ],
)
def test_valid_periods(data, verwacht):
    form = PeriodeForm(data)
    assert form.is_valid(), form.errors
    gekozen = form.periode()
    assert (gekozen.begin, gekozen.einde, gekozen.soort) == (
        verwacht.begin,
        verwacht.einde,
        verwacht.soort,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "veld", "bericht"),
    [
        ({"soort": "eigen"}, "begin", "Fill in the first day of the period."),
        ({"soort": "eigen"}, "einde", "Fill in the last day of the period."),
        (
            {"soort": "eigen", "begin": "2026-05-02", "einde": "2026-05-01"},
            "einde",
            "The last day is before the first day. Please check both.",
        ),
        (
            {"soort": "eigen", "begin": "2010-01-01", "einde": "2026-01-01"},
            "einde",
            "Choose a period of at most five years.",
        ),
        ({"soort": "maand", "jaar": "2026"}, "maand", "Choose the month."),
        ({"soort": "kwartaal", "jaar": "2026", "kwartaal": "5"}, "kwartaal", "Choose quarter"),
        ({"soort": "jaar", "jaar": ""}, "jaar", "Fill in the year."),
        ({"soort": "jaar", "jaar": "1850"}, "jaar", "Choose a year from 2000."),
        ({"soort": "week"}, "soort", "Choose month, quarter, year or your own dates."),
        ({"soort": "jaar", "jaar": "2026", "aanbod": "999999"}, "aanbod", "Choose an offer"),
    ],
)
def test_form_failure_paths(data, veld, bericht):
    form = PeriodeForm(data)
    assert not form.is_valid()
    assert any(bericht in fout for fout in form.errors[veld]), form.errors
    # The figures fall back to the default period rather than failing.
    assert form.periode() == standaard_periode()


@pytest.mark.django_db
def test_request_without_parameters_uses_the_default():
    form, periode = periode_uit_request(RequestFactory().get("/"))
    assert form.is_valid()
    assert periode == standaard_periode()


@pytest.mark.django_db
def test_link_with_only_a_filter_still_works(groep):
    form, periode = periode_uit_request(RequestFactory().get("/", {"locatie": groep.locatie}))
    assert form.is_valid(), form.errors
    assert periode == standaard_periode()
    assert form.filters().locatie == groep.locatie


@pytest.mark.django_db
def test_invalid_date_keeps_the_valid_filter(groep):
    request = RequestFactory().get(
        "/", {"soort": "eigen", "begin": "gisteren", "einde": "", "locatie": groep.locatie}
    )
    form, periode = periode_uit_request(request)
    assert "begin" in form.errors
    assert form.data["begin"] == "gisteren"  # shown again as typed
    assert periode == standaard_periode()
    assert form.filters().locatie == groep.locatie
    assert form.filters().groep_q("groep__") is not None
