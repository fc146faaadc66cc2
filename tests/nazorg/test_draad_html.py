"""A thread's posts drawn in Python (nazorg/templatetags/draad_html.py): its short cuts give
exactly what the template filters they replace give, and what a person wrote is escaped.
Also the dates of the notifications page (nazorg/views/meldingen.py)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from nazorg.templatetags import draad_html

TEKSTEN = [
    "Vandaag voelde ik me gehoord.\nDank jullie.",
    "Geen link hier: 1.5 uur, half 3. Ok?",
    "<script>alert('x')</script> & \"quotes\"",
    "Kijk op www.mind.nl of https://example.com/pad?a=1&b=2.",
    "Mail me: iemand@example.nl, of bel.",
    "Zie WWW.Voorbeeld.ORG/hulp (morgen)",
    "Iets over http zonder link en een &amp; teken",
    "example.com\n\nnieuwe alinea",
    "  spaties   en\ttabs  ",
]


@pytest.mark.parametrize("tekst", TEKSTEN)
def test_text_is_the_same_as_urlize_then_linebreaks(tekst):
    sjabloon = Template("{{ tekst|urlize|linebreaks }}")
    assert draad_html._tekst(tekst) == sjabloon.render(Context({"tekst": tekst}))


def test_no_markup_from_a_post_gets_through():
    html = draad_html._tekst("<b>vet</b> <img src=x onerror=alert(1)>")
    assert "<b>" not in html
    assert "<img" not in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_dates_are_the_same_as_the_date_filter(taal):
    sjabloon = Template('{{ op|date:"j F, H:i" }}')
    begin = datetime.datetime(2026, 1, 1, 0, 5, tzinfo=datetime.UTC)
    with translation.override(taal):
        for dagen in range(0, 365, 17):
            for uren in (0, 7, 13, 23):
                op = begin + datetime.timedelta(days=dagen, hours=uren)
                # Stored in UTC; shown in the academy's time zone (summer and winter time).
                assert draad_html._datum(op) == sjabloon.render(Context({"op": op}))


def test_post_urls_are_the_reversed_ones():
    from django.urls import reverse

    for naam in ("bericht_bewerken", "herken_ik", "melden"):
        assert draad_html._urls(naam)(4207) == reverse(naam, args=[4207])


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_notification_dates_are_the_same_as_the_date_filter(taal):
    from nazorg.views.meldingen import _datum

    sjabloon = Template('{{ op|date:"j F Y, H:i" }}')
    begin = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)  # summer time starts
    with translation.override(taal):
        for uren in range(0, 24 * 220, 37):
            op = begin + datetime.timedelta(hours=uren)
            assert _datum(op) == sjabloon.render(Context({"op": op}))
