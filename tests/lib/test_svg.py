"""lib.svg: the primitives both chart engines (herstelpad, impact) draw with."""

import datetime

import pytest

from lib import svg


def test_scale_maps_numbers_linearly_and_clamps():
    x = svg.schaal(0, 50, 10, 110)
    assert (x(0), x(25), x(50)) == (10, 60, 110)
    assert (x(-5), x(80)) == (10, 110)  # never outside the chart


def test_scale_maps_datetimes():
    begin = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    x = svg.schaal(begin, begin + datetime.timedelta(days=10), 0, 100)
    assert x(begin + datetime.timedelta(days=5)) == pytest.approx(50)
    assert x(begin - datetime.timedelta(days=1)) == 0


def test_scale_of_an_empty_range_stays_at_the_start():
    assert svg.schaal(3, 3, 7, 20)(3) == 7


def test_coordinates_have_one_decimal():
    assert svg.getal(3) == "3.0"
    assert svg.punten([(1, 2.25), (3.04, 4)]) == "1.0,2.2 3.0,4.0"


def test_circles_are_markup_with_an_escaped_class():
    markup = svg.cirkels([(1, 2, 5), (3.333, 4, 2.5)], 'stip"><script>')
    assert markup == (
        '<circle class="stip&quot;&gt;&lt;script&gt;" cx="1.0" cy="2.0" r="5"></circle>'
        '<circle class="stip&quot;&gt;&lt;script&gt;" cx="3.3" cy="4.0" r="2.5"></circle>'
    )
    assert svg.cirkels([]) == ""


def test_circles_refuse_anything_but_numbers():
    with pytest.raises((TypeError, ValueError)):
        svg.cirkels([('1"/><script>', 2, 3)])


def test_palette_repeats_after_eight_series():
    assert len(svg.KLEUREN) == 8
    assert svg.kleur(0) == svg.kleur(8) == svg.KLEUREN[0]


def test_labels_wrap_into_at_most_two_lines():
    assert svg.regels("kort", 320, 15) == ["kort"]
    lang = "een heel lang label dat echt niet op een enkele regel van de grafiek past " * 2
    regels = svg.regels(lang, 120, 15)
    assert len(regels) == 2
    assert regels[1].endswith("…")
    assert svg.regels("", 100, 15) == [""]


def test_text_width_grows_with_length_and_size():
    assert svg.tekstbreedte("abcd", 10) == 2 * svg.tekstbreedte("ab", 10)
    assert svg.tekstbreedte("ab", 20) == 2 * svg.tekstbreedte("ab", 10)


def test_label_size_follows_klein():
    assert svg.Label(0, 0, "x", klein=True).grootte == svg.KLEIN
    assert svg.Label(0, 0, "x").grootte == svg.GROOT


def test_both_chart_engines_build_on_these_primitives():
    from herstelmodel import herstelpad
    from impact import grafiek

    assert grafiek.Rechthoek is svg.Rechthoek
    assert grafiek.KLEUREN is svg.KLEUREN
    assert herstelpad.svg is svg
