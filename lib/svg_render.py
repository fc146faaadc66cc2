"""Chart and table markup built in Python, in one piece (issue 17).

Drawing a chart with template loops (``{% for %}`` over every bar, label and table cell,
``{% include %}`` per chart) cost about a third of the coordinator dashboard's time and
over half of Mijn herstelpad's. The same markup is built here with plain string joins.

Escaping: every text that comes from data (labels, titles, table cells, ids, colours)
passes ``conditional_escape`` before it is joined; numbers pass ``getal`` (one decimal)
or ``int``. Only markup built from such parts is marked safe. Fixed strings that a
template would have drawn with ``{% translate %}`` are escaped too, as the template
did. Nothing here writes a style attribute (strict CSP): colours are presentation
attributes.

The shapes are the plain data of ``lib.svg`` (``Rechthoek``, ``Label``, ``Lijn``); a chart
is any object with the attributes of ``impact.grafiek.Grafiek`` (id, titel,
beschrijving, breedte, hoogte, rechthoeken, labels, lijnen, legenda, legenda_kop,
te_weinig, arcering_id, tabel), and a table any object with caption, kolommen, rijen.
The markup equals what the templates ``impact/includes/grafiek.html`` and ``tabel.html``
drew; they are kept in tests/fixtures/oude_templates, and tests/impact/test_grafiek_html.py
compares both for charts with hatching, turned labels, a legend and special characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .svg import AS, DONKER, WIT, getal

TEKST_KLEUR = "#2b2118"


def _e(waarde) -> str:
    return conditional_escape(waarde)


def lijnen(lijnen: Iterable) -> SafeString:
    """Axis and grid lines (``lib.svg.Lijn``), in the quiet axis colour."""
    return mark_safe(  # noqa: S308 - numbers only
        "".join(
            f'<line x1="{getal(lijn.x1)}" y1="{getal(lijn.y1)}" x2="{getal(lijn.x2)}" '
            f'y2="{getal(lijn.y2)}" stroke="{AS}" stroke-width="1"/>\n'
            for lijn in lijnen
        )
    )


def rechthoeken(rechthoeken: Iterable) -> SafeString:
    """Bars and column parts (``lib.svg.Rechthoek``), each with its tooltip title."""
    delen = []
    for r in rechthoeken:
        rand = f' stroke="{_e(r.rand)}" stroke-width="1"' if r.rand else ""
        titel = f"<title>{_e(r.titel)}</title>" if r.titel else ""
        delen.append(
            f'<rect x="{getal(r.x)}" y="{getal(r.y)}" width="{getal(r.breedte)}" '
            f'height="{getal(r.hoogte)}" fill="{_e(r.vulling)}"{rand}>{titel}</rect>\n'
        )
    return mark_safe("".join(delen))  # noqa: S308 - escaped texts and numbers


def labels(labels: Iterable) -> SafeString:
    """Texts (``lib.svg.Label``), turned around their anchor point when ``draai`` is set."""
    delen = []
    for t in labels:
        x, y = getal(t.x), getal(t.y)
        draai = f' transform="rotate({int(t.draai)} {x} {y})"' if t.draai else ""
        delen.append(
            f'<text x="{x}" y="{y}" text-anchor="{_e(t.anker)}" fill="{TEKST_KLEUR}" '
            f'font-size="{int(t.grootte)}"{draai}>{_e(t.tekst)}</text>\n'
        )
    return mark_safe("".join(delen))  # noqa: S308 - escaped texts and numbers


# A small square before a legend entry: its colour, or the hatching of "too little data".
_BLOK = (
    '<svg class="legenda-blok" viewBox="0 0 14 14" width="14" height="14" '
    'aria-hidden="true" focusable="false">'
)
_ARCERING_BLOK = (
    f'{_BLOK}<rect x=".5" y=".5" width="13" height="13" fill="{WIT}" stroke="{DONKER}"/>'
    f'<line x1="0" y1="14" x2="14" y2="0" stroke="{DONKER}" stroke-width="2"/>'
    f'<line x1="0" y1="7" x2="7" y2="0" stroke="{DONKER}" stroke-width="2"/>'
    f'<line x1="7" y1="14" x2="14" y2="7" stroke="{DONKER}" stroke-width="2"/></svg>'
)


def _legenda(g) -> str:
    if not (g.legenda or g.te_weinig):
        return ""
    kop = f'<span class="grafiek-legenda-kop">{_e(g.legenda_kop)}</span>' if g.legenda_kop else ""
    items = "".join(
        f'<li>{_BLOK}<rect width="14" height="14" fill="{_e(kleur)}"/></svg> {_e(naam)}</li>'
        for kleur, naam in g.legenda
    )
    if g.te_weinig:
        tekst = _e(gettext("Hatched: too little data (fewer than 5 people)"))
        items += f'<li class="legenda-te-weinig">{_ARCERING_BLOK} {tekst}</li>'
    return f'<div class="grafiek-legenda-kader">{kop}<ol class="grafiek-legenda">{items}</ol></div>'


def _arcering(g) -> str:
    """The hatching pattern that marks "too little data", only when the chart uses it."""
    if not g.te_weinig:
        return ""
    return (
        f'<defs><pattern id="{_e(g.arcering_id)}" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{WIT}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{DONKER}" stroke-width="3"/>'
        "</pattern></defs>\n"
    )


def grafiek_svg(g, figuur_class: str = "") -> SafeString:
    """The chart's <figure>: the SVG (role="img", title and desc) and its legend."""
    klasse = f"grafiek {_e(figuur_class)}" if figuur_class else "grafiek"
    gid = _e(g.id)
    return mark_safe(  # noqa: S308 - built from escaped parts only
        f'<figure class="{klasse}">\n'
        f'<svg class="grafiek-svg" viewBox="0 0 {int(g.breedte)} {int(g.hoogte)}" '
        f'width="100%" role="img" aria-labelledby="{gid}-titel {gid}-desc" focusable="false">\n'
        f'<title id="{gid}-titel">{_e(g.titel)}</title>\n'
        f'<desc id="{gid}-desc">{_e(g.beschrijving)}</desc>\n'
        f"{_arcering(g)}{lijnen(g.lijnen)}{rechthoeken(g.rechthoeken)}{labels(g.labels)}"
        f"</svg>\n{_legenda(g)}</figure>\n"
    )


def tabel_html(tabel) -> SafeString:
    """A chart's data table: a caption, column headers, a header cell for every row."""
    num = ' class="num"'
    koppen = "".join(
        f'<th scope="col"{num if i else ""}>{_e(kop)}</th>' for i, kop in enumerate(tabel.kolommen)
    )
    rijen = "".join(
        f'<tr><th scope="row">{_e(label)}</th>'
        + "".join(f'<td class="num">{_e(cel)}</td>' for cel in cellen)
        + "</tr>\n"
        for label, cellen in tabel.rijen
    )
    caption = _e(tabel.caption)
    return mark_safe(  # noqa: S308 - built from escaped parts only
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{caption}">\n'
        f'<table class="grafiek-tabel">\n<caption>{caption}</caption>\n'
        f"<thead><tr>{koppen}</tr></thead>\n<tbody>\n{rijen}</tbody>\n</table>\n</div>\n"
    )


def grafiek_html(g, *, zonder_tabel: bool = False, figuur_class: str = "") -> SafeString:
    """A chart followed by the same figures as a table (beside it when there is room).

    ``zonder_tabel`` leaves the table to the page (it draws ``tabel_html`` elsewhere).
    """
    tabel = "" if zonder_tabel else tabel_html(g.tabel)
    return format_html(
        '<div class="grafiek-blok">\n{}{}</div>\n', grafiek_svg(g, figuur_class), tabel
    )
