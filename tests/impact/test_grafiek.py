"""Server-rendered SVG charts: accessible, the same data in a table, no style attributes."""

import re

import pytest
from django.utils import translation

from impact.grafiek import BREEDTE, KLEUREN, MARKER, gestapeld, staafdiagram, tekst
from lib.svg_render import grafiek_html


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _render(g):
    return str(grafiek_html(g))


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
    assert sum(r.hoogte for r in kolom1) == pytest.approx(160)  # 8 is the highest total
    assert [kleur for kleur, _naam in g.legenda] == KLEUREN[:2]
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


def _luminantie(kleur):
    def lineair(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lineair(kleur[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_six_steps_get_six_distinct_colours_with_contrast():
    reeksen = [(f"Step {j}", [10, 20]) for j in range(1, 7)]
    g = gestapeld(["Jan", "Feb"], reeksen, "Steps", id="z")
    kleuren = [kleur for kleur, _naam in g.legenda]
    assert len(set(k.lower() for k in kleuren)) == 6
    assert [naam for _kleur, naam in g.legenda] == [f"Step {j}" for j in range(1, 7)]
    # the drawn parts of a column use the legend's colours, bottom-up in legend order
    kolom = sorted((r for r in g.rechthoeken if r.x == g.rechthoeken[0].x), key=lambda r: -r.y)
    assert [r.vulling for r in kolom] == kleuren
    assert len(KLEUREN) >= 8
    assert len(set(k.lower() for k in KLEUREN)) == len(KLEUREN)
    for kleur in KLEUREN:
        assert (1.05) / (_luminantie(kleur) + 0.05) >= 3, kleur  # 3:1 against white
        assert (_luminantie("#fbf6ef") + 0.05) / (_luminantie(kleur) + 0.05) >= 3, kleur


def test_legend_works_without_colour():
    reeksen = [(f"Step {j}", [10]) for j in range(1, 7)]
    html = _render(gestapeld(["Jan"], reeksen, "Steps", id="l"))
    assert "Stacked from the bottom up:" in html
    legenda = html[html.index('<ol class="grafiek-legenda">') :]
    posities = [legenda.index(f"</svg> Step {j}</li>") for j in range(1, 7)]
    assert posities == sorted(posities)


def test_a_partly_hidden_month_still_draws_its_visible_parts():
    g = gestapeld(
        ["Jan", "Feb"],
        [("A", [10, 10]), ("B", [None, 10]), ("C", [10, 10])],
        "Steps",
        id="h",
    )
    jan = [r for r in g.rechthoeken if r.x == g.rechthoeken[0].x]
    gekleurd = [r for r in jan if not r.vulling.startswith("url(")]
    gearceerd = [r for r in jan if r.vulling == "url(#h-arcering)"]
    assert [r.vulling for r in gekleurd] == [KLEUREN[0], KLEUREN[2]]  # A and C, to scale
    assert gekleurd[0].hoogte == pytest.approx(gekleurd[1].hoogte)
    # February (30) is the highest: January's visible 20 is two thirds of it.
    feb = [r for r in g.rechthoeken if r.x != jan[0].x]
    assert sum(r.hoogte for r in gekleurd) == pytest.approx(sum(r.hoogte for r in feb) * 2 / 3)
    assert len(gearceerd) == 1
    assert gearceerd[0].hoogte == MARKER
    assert gearceerd[0].y + gearceerd[0].hoogte == pytest.approx(min(r.y for r in gekleurd))
    assert gearceerd[0].titel == "Jan, B: too little data"
    assert g.te_weinig
    assert "hatched block marks too little data" in g.beschrijving
    # the table tells the truth: the hidden part and the total are not given
    assert g.tabel.rijen[0] == ("Jan", ["10", "too little data", "10", "too little data"])
    assert g.tabel.rijen[1] == ("Feb", ["10", "10", "10", "30"])
    html = _render(g)
    assert "<title>Jan, B: too little data</title>" in html
    assert "<title>Jan, A: 10</title>" in html
    assert "style=" not in html


def test_a_fully_hidden_period_is_a_small_marker():
    g = gestapeld(["w1", "w2"], [("Visits", [None, 40])], "Visits", id="w")
    w1 = [r for r in g.rechthoeken if r.x == g.rechthoeken[0].x]
    assert len(w1) == 1
    assert w1[0].vulling == "url(#w-arcering)"
    assert w1[0].hoogte == MARKER
    assert w1[0].titel == "w1: too little data"
    assert g.legenda == []
    assert g.te_weinig


def _tekstgrootte_op(g, breedte_px):
    return min(label.grootte for label in g.labels) * breedte_px / g.breedte


def test_labels_stay_readable_on_a_phone():
    maanden = [f"Mon {2025 + m // 12}" for m in range(14)]
    reeksen = [(f"Step {j}", [5 + j] * 14) for j in range(1, 7)]
    g = gestapeld(maanden, reeksen, "Steps", id="m")
    # a 360px phone draws the chart about 290px wide (page and panel padding)
    assert _tekstgrootte_op(g, 290) >= 12
    as_labels = [label for label in g.labels if label.tekst in maanden]
    assert 3 <= len(as_labels) < len(maanden)  # thinned out, but present
    assert as_labels[0].tekst == maanden[0]
    assert all(label.draai == -45 for label in as_labels)  # turned: they would not fit level
    html = _render(g)
    assert 'transform="rotate(-45 ' in html
    assert f'viewBox="0 0 {BREEDTE} {g.hoogte}"' in html
    # labels stay inside the chart
    for label in as_labels:
        assert 0 < label.x <= BREEDTE
        assert label.y < g.hoogte


def test_few_short_periods_stay_level_and_all_labelled():
    g = gestapeld(["Q1", "Q2", "Q3", "Q4"], [("Visits", [1, 2, 3, 4])], "V", id="q")
    as_labels = [label for label in g.labels if label.tekst.startswith("Q")]
    assert [label.tekst for label in as_labels] == ["Q1", "Q2", "Q3", "Q4"]
    assert all(label.draai == 0 for label in as_labels)
    assert 'transform="rotate' not in _render(g)


def test_long_bar_labels_wrap_inside_the_chart():
    lang = "the stories were too far from mine and from what I know myself"
    g = staafdiagram([(lang, 12), ("short", 3)], "Why", id="b")
    assert _tekstgrootte_op(g, 290) >= 12
    regels = [label for label in g.labels if label.tekst not in ("12", "3", "short")]
    assert len(regels) == 2
    assert all(len(label.tekst) * label.grootte * 0.6 <= BREEDTE for label in regels)
    balken = g.rechthoeken
    assert balken[0].y > regels[1].y  # the bar sits below its second label line
    assert balken[1].y + balken[1].hoogte <= g.hoogte
    assert balken[0].titel == f"{lang}: 12"
