"""The markup of Mijn herstelpad's chart, its tables and the timeline, built in Python (issue 17).

The chart's data comes from ``herstelpad.grafiek``, the timeline's from
``herstelpad.tijdlijn``; this module draws both in one piece, as the templates
``_grafiek.html``, ``_maand_tabel.html`` and ``_item.html`` (one include per entry) did
with loops, which took over half of the page's time. Those templates are kept in
tests/fixtures/oude_templates; tests/herstelmodel/test_herstelpad_html.py compares the
markup with them.

Escaping as in lib/svg_render.py: every text passes ``conditional_escape``; numbers are
written as the old template wrote them with localisation off (``str``). A plural
sentence is escaped as ``{% blocktranslate %}`` did it: the values are escaped, the
translated sentence (from our own catalogue) is not.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as datumformaat
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.formats import date_format
from django.utils.html import conditional_escape as _e
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from .models import Gevoel, Herkenningsmoment, Stap

BLAUW = "#1d4f91"  # herkenning moments
ROEST = "#8a3b12"  # reflections: dots and the line
DONKER = "#5c4d40"
STREEP = "#e3d5c5"
AS = "#8c7b6b"
WIT = "#ffffff"


def _n(waarde) -> str:
    """A number as the template wrote it inside ``{% localize off %}``."""
    return str(waarde)


# The formats this page writes for every entry, written out as Django's dateformat does
# them (same names of days and months, same padding): its general formatter costs tens
# of microseconds a date, and the timeline and tables write a few hundred dates.
_SNEL = {
    "c": lambda d: d.isoformat(),
    "d-m-Y": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year:04d}",
    "Y-m": lambda d: f"{d.year:04d}-{d.month:02d}",
    "F Y": lambda d: f"{MONTHS[d.month]} {d.year:04d}",
    "l j F Y": lambda d: f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month]} {d.year:04d}",
}


def _datum(waarde, formaat: str) -> str:
    """The ``|date`` filter: an aware datetime in local time, a date as it is."""
    if isinstance(waarde, datetime.datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    snel = _SNEL.get(formaat)
    return str(snel(waarde)) if snel else datumformaat(waarde, formaat)


def _label(keuzes, waarde):
    """``get_FOO_display()`` without building the choices dict on every call."""
    try:
        return keuzes(waarde).label
    except ValueError:
        return waarde


def _beschrijving(g) -> str:
    data = {"van": _e(_datum(g.van, "j F Y")), "tot": _e(_datum(g.tot, "j F Y"))}
    reflecties = ngettext(
        "From %(van)s to %(tot)s: %(n)s reflection",
        "From %(van)s to %(tot)s: %(n)s reflections",
        g.aantal_reflecties,
    ) % {**data, "n": _n(g.aantal_reflecties)}
    momenten = ngettext(
        "%(n)s moment of recognition.",
        "%(n)s moments of recognition.",
        g.aantal_momenten,
    ) % {"n": _n(g.aantal_momenten)}
    slot = (
        gettext("The table below counts them per month and per step.")
        if g.per_week
        else gettext("The table below shows the same.")
    )
    return f"{reflecties}, {momenten} {_e(slot)}"


def _svg(g) -> str:
    breedte = _n(g.breedte)
    delen = [
        f'<svg viewBox="0 0 {breedte} {_n(g.hoogte)}" role="img" '
        'aria-labelledby="grafiek-titel grafiek-uitleg" class="grafiek" focusable="false">\n'
        f'<title id="grafiek-titel">'
        f"{_e(gettext('Your path through the six steps over time'))}</title>\n"
        f'<desc id="grafiek-uitleg">{_beschrijving(g)}</desc>\n'
    ]
    delen += [
        f'<rect class="band" x="0" y="{_n(b.y)}" width="{breedte}" height="{_n(b.hoogte)}" '
        f'fill="{_e(b.kleur)}"></rect>\n'
        for b in g.banden
    ]
    delen.append(
        f'<rect x="0" y="{_n(g.momenten_y)}" width="{breedte}" height="{_n(g.momenten_hoogte)}" '
        f'fill="{WIT}"></rect>\n'
        f'<text x="{_n(g.links)}" y="{_n(g.momenten_tekst_y)}" font-size="12" fill="{DONKER}">'
        f"{_e(gettext('Moments of recognition'))}</text>\n"
    )
    for s in g.strepen:
        delen.append(
            f'<line x1="{_n(s.x)}" y1="0" x2="{_n(s.x)}" y2="{_n(g.momenten_y)}" '
            f'stroke="{STREEP}" stroke-width="1"></line>\n'
            f'<text x="{_n(s.x)}" y="{_n(g.datum_y)}" font-size="12" fill="{DONKER}" '
            f'text-anchor="middle">{_e(_datum(s.datum, s.formaat))}</text>\n'
        )
    delen.append(
        f'<line x1="0" y1="{_n(g.momenten_y)}" x2="{breedte}" y2="{_n(g.momenten_y)}" '
        f'stroke="{AS}" stroke-width="1"></line>\n'
    )
    delen += [
        f'<polygon class="moment" points="{_e(m.punten)}" fill="{BLAUW if m.herkend else WIT}" '
        f'stroke="{BLAUW}" stroke-width="1.5"></polygon>\n'
        for m in g.momenten
    ]
    if g.heeft_lijn:
        delen.append(
            f'<polyline points="{_e(g.lijn)}" fill="none" stroke="{ROEST}" stroke-width="1.25" '
            'stroke-opacity="0.55" stroke-linejoin="round"></polyline>\n'
        )
    rand = "1" if g.per_week else "1.5"
    delen.append(f'<g fill="{ROEST}" stroke="{WIT}" stroke-width="{rand}">{g.stippen}</g>\n')
    delen += [
        f'<text x="{_n(g.links)}" y="{_n(b.tekst_y)}" font-size="13" fill="#4a3d31" '
        f'stroke="{_e(b.kleur)}" stroke-width="3" stroke-linejoin="round" '
        f'paint-order="stroke">{_e(b.naam)}</text>\n'
        for b in g.banden
    ]
    delen.append("</svg>")
    return "".join(delen)


_ICOON = '<svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" focusable="false">'
_DRIEHOEK = '<polygon points="7,2 1.5,12 12.5,12"'


def _legenda(g) -> str:
    def item(vorm: str, tekst: str) -> str:
        return f"<li>{_ICOON}{vorm}</svg> {_e(tekst)}</li>\n"

    def stip(r: str) -> str:
        return f'<circle cx="7" cy="7" r="{r}" fill="{ROEST}"></circle>'

    if g.per_week:
        items = item(stip("2.5"), gettext("one reflection in that step, that week"))
        items += item(stip("4.5"), gettext("four or more in that step, that week"))
    else:
        items = item(stip("5"), gettext("a reflection, in the step you chose"))
    items += item(
        f'{_DRIEHOEK} fill="{BLAUW}" stroke="{BLAUW}"></polygon>',
        gettext("you recognised yourself"),
    )
    items += item(
        f'{_DRIEHOEK} fill="{WIT}" stroke="{BLAUW}" stroke-width="1.5"></polygon>',
        gettext("you did not feel recognised"),
    )
    return f'<figcaption>\n<ul class="snel grafiek-legenda">\n{items}</ul>\n</figcaption>\n'


def _tabel(kop_id: str, titel: str, koppen: list[str], rijen: list[str]) -> str:
    """A table in a scrollable region named by its caption; ``rijen`` are ready markup."""
    th = "".join(f'<th scope="col">{_e(kop)}</th>' for kop in koppen)
    return (
        f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{kop_id}">\n'
        f'<table>\n<caption id="{kop_id}">{_e(titel)}</caption>\n'
        f"<thead>\n<tr>{th}</tr>\n</thead>\n<tbody>\n{''.join(rijen)}</tbody>\n</table>\n</div>\n"
    )


def _maand_tabel(kop_id: str, titel: str, kolommen, maanden) -> str:
    """Counts per month (rows) and per kind (columns): the table of a chart per week."""
    rijen = [
        f'<tr><th scope="row"><time datetime="{_e(_datum(m.datum, "Y-m"))}">'
        f"{_e(_datum(m.datum, 'F Y'))}</time></th>"
        + "".join(f"<td>{int(a)}</td>" for a in m.aantallen)
        + "</tr>\n"
        for m in maanden
    ]
    koppen = [gettext("Month")] + [k.label for k in kolommen]
    return _tabel(kop_id, titel, koppen, rijen)


def _tijd(datum) -> str:
    return f'<time datetime="{_e(_datum(datum, "c"))}">{_e(_datum(datum, "d-m-Y"))}</time>'


def _tabellen(g) -> str:
    delen = []
    if g.per_week:
        titel = gettext("Your reflections per month, per step")
        delen.append(_maand_tabel("kop-tabel-reflecties", titel, list(Stap), g.maanden))
    elif g.punten:
        rijen = [
            f"<tr><td>{_tijd(p.datum)}</td><td>{_e(p.naam)}</td>"
            f"<td>{_e(p.gevoel_label or '–')}</td></tr>\n"
            for p in g.punten
        ]
        koppen = [gettext("Date"), gettext("Step"), gettext("Feeling")]
        delen.append(_tabel("kop-tabel-reflecties", gettext("Your reflections"), koppen, rijen))
    if g.momenten_per_week:
        titel = gettext("Your moments of recognition per month")
        soorten = list(Herkenningsmoment.Soort)
        delen.append(_maand_tabel("kop-tabel-momenten", titel, soorten, g.momenten_per_maand))
    elif g.momenten:
        rijen = [f"<tr><td>{_tijd(m.datum)}</td><td>{_e(m.label)}</td></tr>\n" for m in g.momenten]
        koppen = [gettext("Date"), gettext("What happened")]
        titel = gettext("Your moments of recognition")
        delen.append(_tabel("kop-tabel-momenten", titel, koppen, rijen))
    samenvatting = _e(gettext("Show as a table"))
    return (
        f'<details class="grafiek-tabel">\n<summary>{samenvatting}</summary>\n'
        f"{''.join(delen)}</details>\n"
    )


def grafiek_html(g) -> SafeString:
    """The whole chart: the figure (SVG and legend), then the table in a <details>."""
    return mark_safe(  # noqa: S308 - built from escaped parts only (see the module's doc)
        f'<figure class="herstelpad-grafiek narrow">\n{_svg(g)}\n{_legenda(g)}</figure>\n'
        f"{_tabellen(g)}"
    )


# --- The timeline ---------------------------------------------------------------------


def _zichtbaarheid(reflectie) -> str:
    if reflectie.zichtbaarheid == "groep":
        return gettext("shared with the group")
    if reflectie.zichtbaarheid == "facilitators":
        return gettext("shared with the facilitators")
    return gettext("only you")


def _plus(zin: str, **waarden) -> str:
    """A sentence with values, as ``{% blocktranslate with %}``: only the values escaped."""
    return zin % {k: _e(v) for k, v in waarden.items()}


def item_html(item) -> str:
    """One entry of the timeline (a reflection or a herkenning moment) as a card."""
    obj = item.obj
    wanneer = obj.aangemaakt_op
    datum_id = "" if item.is_reflectie else f' id="moment-{int(obj.pk)}-datum"'
    lang = _e(_datum(wanneer, "l j F Y"))
    kop = f'<time datetime="{_e(_datum(wanneer, "c"))}"{datum_id}>{lang}</time>'
    if obj.groep:
        kop += f" · {_e(obj.groep.naam)}"
    if obj.bijeenkomst:
        dag = date_format(timezone.localtime(obj.bijeenkomst.begint_om), "KORTE_DATUM_FORMAT")
        kop += " · " + _plus(gettext("meeting of %(dag)s"), dag=dag)
    delen = [f'<li class="card herstelpad-item">\n<p class="muted">\n{kop}\n</p>\n']
    if item.is_reflectie:
        delen.append(
            f'<p class="card-title"><a href="{_e(item.url)}">{_e(_label(Stap, obj.stap))}</a></p>\n'
        )
        if obj.gevoel:
            gevoel = _plus(gettext("Feeling: %(gevoel)s"), gevoel=_label(Gevoel, obj.gevoel))
            delen.append(f"<p>{gevoel}</p>\n")
        delen.append(
            f'<p><span class="badge">{_e(_zichtbaarheid(obj))}</span></p>\n'
            f'<p class="herstelpad-tekst">{_e(Truncator(obj.tekst).chars(160))}</p>\n'
        )
    else:
        delen.append(
            f'<p class="card-title">{_e(_label(Herkenningsmoment.Soort, obj.soort))}</p>\n'
        )
        if obj.oorzaak:
            wat = _plus(
                gettext("What made it click: %(wat)s"),
                wat=_label(Herkenningsmoment.Oorzaak, obj.oorzaak),
            )
            delen.append(f"<p>{wat}</p>\n")
        if obj.belemmering:
            zin = gettext("What stood in the way: %(wat)s")
            wat = _plus(zin, wat=_label(Herkenningsmoment.Belemmering, obj.belemmering))
            delen.append(f"<p>{wat}</p>\n")
        delen.append(f'<p><span class="badge">{_e(gettext("only you"))}</span></p>\n')
        if obj.notitie:
            notitie = _e(Truncator(obj.notitie).chars(160))
            delen.append(f'<p class="herstelpad-tekst">{notitie}</p>\n')
        url = reverse("herkenning_verwijderen", args=[obj.pk])
        delen.append(
            f'<p class="niet-printen"><a href="{_e(url)}" '
            f'aria-describedby="moment-{int(obj.pk)}-datum">'
            f"{_e(gettext('Delete this moment'))}</a></p>\n"
        )
    delen.append("</li>\n")
    return "".join(delen)


def tijdlijn_html(items) -> SafeString:
    """The timeline's cards (the <li>s of its list), built from escaped parts only."""
    return mark_safe("".join(item_html(item) for item in items))  # noqa: S308
