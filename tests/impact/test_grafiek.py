"""Server-rendered SVG charts: accessible, the same data in a table, no style attributes."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from impact.grafiek import gestapeld, staafdiagram, tekst


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _render(g):
    return render_to_string("impact/includes/grafiek.html", {"grafiek": g})


def test_bars_are_proportional_and_hidden_values_are_hatched():
    g = staafdiagram([("a", 10), ("b", None), ("c", 5)], "Test", id="t", kop_label="Wat")
    balken = [r for r in g.rechthoeken]
    assert balken[0].breedte == pytest.approx(2 * balken[2].breedte)
    assert balken[1].vulling == "url(#t-arcering)"
    assert g.te_weinig
    assert g.tabel.rijen == [("a", ["10"]), ("b", ["too little data"]), ("c", ["5"])]
    assert "too little data" in [label.tekst for label in g.labels]


def test_percentages_scale_to_100_and_reasons_show_as_text():
    g = staafdiagram([("x", 50), ("y", "not yet measurable")], "P", id="p", eenheid="%")
    assert len(g.rechthoeken) == 1
    assert g.tabel.rijen[0] == ("x", ["50%"])
    assert g.tabel.rijen[1] == ("y", ["not yet measurable"])
    assert not g.te_weinig


def test_rendered_svg_is_accessible_and_has_a_table():
    html = _render(staafdiagram([("a", 3), ("b", None)], "Visits", id="v", kop_label="Day"))
    assert 'role="img"' in html
    assert '<title id="v-titel">Visits</title>' in html
    assert 'aria-labelledby="v-titel v-desc"' in html
    assert "<caption>Visits</caption>" in html
    assert '<th scope="col">Day</th>' in html
    assert '<th scope="row">b</th><td class="num">too little data</td>' in html
    assert 'id="v-arcering"' in html
    assert "style=" not in html
    assert not re.search(r"\son\w+=", html)


def test_stacked_columns_and_totals():
    g = gestapeld(
        ["wk 1", "wk 2", "wk 3"],
        [("Morning", [2, 4, None]), ("Evening", [6, 4, 1])],
        "Visits",
        id="s",
    )
    assert g.tabel.kolommen == ["Period", "Morning", "Evening", "Total"]
    assert g.tabel.rijen[0] == ("wk 1", ["2", "6", "8"])
    assert g.tabel.rijen[2] == ("wk 3", ["too little data", "1", "too little data"])
    kolom1 = [r for r in g.rechthoeken if r.x == g.rechthoeken[0].x]
    assert sum(r.hoogte for r in kolom1) == pytest.approx(180)  # 8 is the highest total
    assert [kleur for kleur, _naam in g.legenda] == ["#8a3b12", "#1d4f91"]
    html = _render(g)
    assert "Hatched: too little data" in html
    # SVG coordinates never use a decimal comma, whatever the language.
    with translation.override("nl"):
        assert not re.search(r'\s[xy]="\d+,\d', _render(g))


def test_empty_series_does_not_break():
    g = gestapeld([], [("Visits", [])], "Nothing", id="e")
    assert g.tabel.rijen == []
    assert _render(g)
    g = staafdiagram([], "Nothing", id="f")
    assert _render(g)


def test_number_text():
    assert tekst(1234) == "1,234"
    assert tekst(72.727, "%") == "73%"
    assert tekst(None) == "too little data"
