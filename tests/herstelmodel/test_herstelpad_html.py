"""Mijn herstelpad's chart drawn in Python (herstelmodel/herstelpad_html.py) gives exactly
the markup the old template drew (kept in tests/fixtures/oude_templates): one dot per
reflection or per week, with and without moments, in Dutch and English."""

import datetime

import pytest
from django.utils import timezone, translation

from herstelmodel import herstelpad
from herstelmodel.models import Herkenningsmoment, Reflectie
from tests.factories import UserFactory
from tests.fixtures.oude_html import normaal, oud

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 3, 29, 12, 0, tzinfo=datetime.UTC)  # the day clocks go forward


def _schrijf(wie, reflecties=0, momenten=0, dagen=360):
    """Spread over `dagen` before NU, steps moving back and forth, half with a feeling."""
    uren = dagen * 24
    Reflectie.objects.bulk_create(
        Reflectie(
            auteur=wie,
            stap=[1, 2, 3, 2, 4, 5, 3, 6][i % 8],
            tekst="<script>alert(1)</script> & zo",
            gevoel="hoopvol" if i % 2 else "",
            aangemaakt_op=NU - datetime.timedelta(hours=1 + i * uren / max(reflecties, 1)),
        )
        for i in range(reflecties)
    )
    Herkenningsmoment.objects.bulk_create(
        Herkenningsmoment(
            auteur=wie,
            soort="herkend" if i % 3 else "niet_herkend",
            aangemaakt_op=NU - datetime.timedelta(hours=2 + i * uren / max(momenten, 1)),
        )
        for i in range(momenten)
    )
    return herstelpad.grafiek(wie, nu=NU)


GEVALLEN = {
    "one reflection, no line": dict(reflecties=1),
    "a few of each, a year": dict(reflecties=12, momenten=5),
    "ten days: weekly date marks": dict(reflecties=6, momenten=2, dagen=10),
    "only moments": dict(momenten=4),
    "per week, moments one by one": dict(reflecties=200, momenten=20),
    "per week, both": dict(reflecties=400, momenten=150),
}


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("geval", GEVALLEN)
def test_chart_markup_equals_the_old_template(geval, taal):
    with translation.override(taal), timezone.override("Europe/Amsterdam"):
        g = _schrijf(UserFactory(), **GEVALLEN[geval])
        verwacht = oud("herstelmodel/herstelpad/_grafiek.html", grafiek=g)
        assert normaal(g.html) == normaal(verwacht)


def test_the_cases_cover_each_branch():
    gevallen = {naam: _schrijf(UserFactory(), **kwargs) for naam, kwargs in GEVALLEN.items()}
    assert not gevallen["one reflection, no line"].heeft_lijn
    assert gevallen["a few of each, a year"].heeft_lijn
    assert any(s.formaat == "j M" for s in gevallen["ten days: weekly date marks"].strepen)
    assert any(s.formaat == "M" for s in gevallen["a few of each, a year"].strepen)
    assert not gevallen["only moments"].punten
    per_week = gevallen["per week, moments one by one"]
    assert per_week.per_week
    assert not per_week.momenten_per_week
    assert gevallen["per week, both"].momenten_per_week


def test_accessible_escaped_and_without_style():
    with translation.override("en"):
        html = str(_schrijf(UserFactory(), reflecties=12, momenten=5).html)
    assert 'role="img" aria-labelledby="grafiek-titel grafiek-uitleg"' in html
    assert '<title id="grafiek-titel">Your path through the six steps over time</title>' in html
    assert "From 3 May 2025 to 29 March 2026: 12 reflections, 5 moments" in html
    assert '<caption id="kop-tabel-reflecties">' in html
    assert '<th scope="col">Date</th><th scope="col">Step</th>' in html
    assert html.index("</svg>") < html.index("<details")  # the table follows the chart
    assert "<script>" not in html  # the text is never part of the chart
    assert "style=" not in html


# --- The timeline ---------------------------------------------------------------------

VIES = "<script>alert('x')</script> & \"zo\""


def _tijdlijn_items():
    from tests.factories import BijeenkomstFactory, GroepFactory

    wie = UserFactory()
    groep = GroepFactory(naam=f"Groep {VIES}")
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=NU - datetime.timedelta(days=3))
    lang = "Een lange tekst " * 20 + VIES
    for i, (zichtbaarheid, gevoel) in enumerate(
        [("alleen_ik", ""), ("facilitators", "hoopvol"), ("groep", "hoopvol")]
    ):
        Reflectie.objects.create(
            auteur=wie,
            stap=i + 1,
            tekst=VIES if i else lang,
            gevoel=gevoel,
            zichtbaarheid=zichtbaarheid,
            groep=groep if i else None,
            bijeenkomst=bijeenkomst if i == 2 else None,
        )
    Herkenningsmoment.objects.create(auteur=wie, soort="herkend", oorzaak="houding")
    Herkenningsmoment.objects.create(
        auteur=wie,
        soort="niet_herkend",
        belemmering="niet_veilig",
        notitie=lang,
        groep=groep,
        bijeenkomst=bijeenkomst,
    )
    return herstelpad.tijdlijn(wie).items


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_timeline_markup_equals_the_old_template(taal):
    from herstelmodel.herstelpad_html import tijdlijn_html

    with translation.override(taal):
        items = _tijdlijn_items()
        assert len(items) == 5
        verwacht = "".join(oud("herstelmodel/herstelpad/_item.html", item=i) for i in items)
        nieuw = str(tijdlijn_html(items))
        assert normaal(nieuw) == normaal(verwacht)
    assert "<script>" not in nieuw
    assert "&lt;script&gt;" in nieuw
    assert "&amp;amp;" not in nieuw


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_written_out_dates_equal_djangos_date_filter(taal):
    from django.template.defaultfilters import date as date_filter

    from herstelmodel.herstelpad_html import _SNEL, _datum

    begin = datetime.datetime(2025, 12, 31, 22, 30, 15, 123, tzinfo=datetime.UTC)
    with translation.override(taal), timezone.override("Europe/Amsterdam"):
        for uur in range(0, 24 * 400, 7):  # every weekday and month, both DST changes
            moment = begin + datetime.timedelta(hours=uur)
            lokaal = timezone.localtime(moment)  # what a template hands the filter
            for formaat in _SNEL:
                assert _datum(moment, formaat) == date_filter(lokaal, formaat)
                dag = lokaal.date()
                assert _datum(dag, formaat) == date_filter(dag, formaat)
