"""Charts drawn in Python (lib/svg_render.py) give exactly the markup the old templates
drew (kept in tests/fixtures/oude_templates), escaped, accessible and without style."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from impact.grafiek import gestapeld, staafdiagram
from lib import svg_render
from tests.fixtures.oude_html import normaal, oud

VIES = '<script>alert("x")</script> & \'Groep\' "A"'

MAANDEN = [f"maand {i} van het jaar" for i in range(1, 25)]


def _staaf_leeg():
    return staafdiagram([], "Leeg", id="leeg")


def _staaf_te_weinig():
    return staafdiagram(
        [("a", 10), ("b", None), ("c", 2.5), ("nog niet", "not yet measurable")],
        "Bezoek",
        id="bezoek",
        kop_label="Dag",
    )


def _staaf_procent_lange_labels():
    return staafdiagram(
        [("Een heel lang label dat over meer dan twee regels moet worden afgebroken " * 2, 55)]
        + [(f"label {i}", i * 7) for i in range(8)],
        "Percentages",
        id="pct",
        eenheid="%",
        beschrijving="Eigen uitleg",
    )


def _staaf_vies():
    return staafdiagram(
        [(VIES, 4), ("x & y", None)],
        VIES,
        id='a"b<c',
        kop_label=VIES,
        kop_waarde="<b>",
        beschrijving=VIES,
    )


def _gestapeld_leeg():
    return gestapeld([], [("Enige", [])], "Niets", id="niets")


def _gestapeld_legenda():
    return gestapeld(
        ["wk 1", "wk 2", "wk 3"],
        [("Ochtend", [2, 4, None]), ("Avond", [6, 4, 1]), ("Nacht", [0, 1, 2])],
        "Bezoek per week",
        id="stapel",
        kop_periode="Week",
    )


def _gestapeld_gedraaid():
    return gestapeld(
        MAANDEN,
        [("Stap 1", list(range(24))), ("Stap 2", [None if i % 5 == 0 else i for i in range(24)])],
        "Stappen",
        id="gedraaid",
    )


def _gestapeld_een_reeks_vies():
    return gestapeld(
        [VIES, "b & c"], [(VIES, [3, None])], VIES, id="vies", eenheid="%", kop_periode=VIES
    )


GRAFIEKEN = [
    _staaf_leeg,
    _staaf_te_weinig,
    _staaf_procent_lange_labels,
    _staaf_vies,
    _gestapeld_leeg,
    _gestapeld_legenda,
    _gestapeld_gedraaid,
    _gestapeld_een_reeks_vies,
]


@pytest.fixture(params=["nl", "en"])
def taal(request):
    with translation.override(request.param):
        yield request.param


@pytest.mark.parametrize("maak", GRAFIEKEN, ids=lambda f: f.__name__)
def test_chart_markup_equals_the_old_template(maak, taal):
    g = maak()
    verwacht = oud("impact/includes/grafiek.html", grafiek=g)
    assert normaal(svg_render.grafiek_html(g)) == normaal(verwacht)


@pytest.mark.parametrize("maak", GRAFIEKEN, ids=lambda f: f.__name__)
def test_without_table_and_with_a_figure_class_equals_the_old_template(maak, taal):
    g = maak()
    verwacht = oud("impact/includes/grafiek.html", grafiek=g, zonder_tabel=True, figuur_class=VIES)
    nieuw = svg_render.grafiek_html(g, zonder_tabel=True, figuur_class=VIES)
    assert normaal(nieuw) == normaal(verwacht)
    assert normaal(svg_render.tabel_html(g.tabel)) == normaal(
        oud("impact/includes/tabel.html", tabel=g.tabel)
    )


def test_the_cases_cover_hatching_rotated_labels_and_a_legend():
    """So that the comparisons above really exercise each branch of the markup."""
    assert _staaf_te_weinig().te_weinig
    assert _gestapeld_gedraaid().te_weinig
    assert any(label.draai for label in _gestapeld_gedraaid().labels)
    assert _gestapeld_legenda().legenda
    assert not _staaf_te_weinig().legenda
    assert not _staaf_leeg().rechthoeken
    assert not _gestapeld_leeg().rechthoeken


def test_special_characters_are_escaped_once():
    html = str(svg_render.grafiek_html(_staaf_vies()))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Groep&#x27;" in html
    assert "&amp;amp;" not in html  # not escaped twice
    assert 'id="a&quot;b&lt;c-titel"' in html


def test_accessible_and_without_style_or_event_attributes():
    html = str(svg_render.grafiek_html(_gestapeld_legenda()))
    assert 'role="img" aria-labelledby="stapel-titel stapel-desc"' in html
    assert '<title id="stapel-titel">Bezoek per week</title>' in html
    assert '<desc id="stapel-desc">' in html
    assert '<th scope="col">Week</th>' in html
    assert '<th scope="row">wk 1</th>' in html
    assert html.index("</figure>") < html.index("<table")  # the data table follows the chart
    assert "style=" not in html
    assert not re.search(r"\son\w+=", html)


def test_template_tags_draw_the_same():
    g = _gestapeld_legenda()
    t = Template(
        "{% load grafiek_html %}{% grafiek_html g zonder_tabel=True figuur_class='x' %}"
        "{% tabel_html g.tabel %}"
    )
    html = t.render(Context({"g": g}))
    assert html == svg_render.grafiek_html(g, zonder_tabel=True, figuur_class="x") + (
        svg_render.tabel_html(g.tabel)
    )


def test_people_per_month_table_equals_the_old_template(taal):
    import datetime

    rijen = [
        (datetime.date(2025, 11, 1), 12),
        (datetime.date(2025, 12, 1), None),
        (datetime.date(2026, 1, 1), 1234),
    ]
    verwacht = oud("impact/mensen_per_maand.html", mensen_per_maand=rijen)
    nieuw = Template("{% load grafiek_html %}{% mensen_per_maand_tabel rijen %}").render(
        Context({"rijen": iter(rijen)})  # the view hands over a zip: one pass
    )
    assert normaal(nieuw) == normaal(verwacht)
    assert 'aria-labelledby="kop-mensen-per-maand"' in nieuw


def test_facilitator_table_equals_the_old_template(taal):
    rijen = [
        {"user__roepnaam": VIES, "groepen": 3, "bijeenkomsten": 24},
        {"user__roepnaam": "Anne", "groepen": 1, "bijeenkomsten": 1001},
    ]
    verwacht = oud("impact/facilitators.html", d={"facilitators": rijen})
    nieuw = Template("{% load grafiek_html %}{% facilitator_tabel rijen %}").render(
        Context({"rijen": rijen})
    )
    assert normaal(nieuw) == normaal(verwacht)
    assert "<script>" not in nieuw
    assert '<th scope="row">&lt;script&gt;' in nieuw
