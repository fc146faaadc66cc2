"""Charts as server-rendered SVG, without JavaScript, each with the same data as a table.

Stable API:

- ``staafdiagram(reeks, titel, *, id, eenheid="", beschrijving="", kop_label, kop_waarde,
  maximum=None)``: horizontal bars, one per ``(label, waarde)``; ``waarde`` None means
  "too little data" (drawn as a hatched bar with that text); a str is a reason instead
  of a figure (e.g. "not yet measurable"): no bar, the text is shown.
- ``gestapeld(periodes, reeksen, titel, *, id, eenheid="", beschrijving="", kop_periode)``:
  a column per period, stacked bottom-up in the order of ``reeksen`` (= the legend's order);
  ``reeksen`` is ``[(naam, [waarde per periode])]``. A part that is None is left out of its
  column, which gets a small hatched marker on top (not to scale); the table shows "too
  little data" for that part and for the period's total. The visible parts stay to scale.
- Both return a ``Grafiek``; render it with ``{% load grafiek_html %}{% grafiek_html g %}``,
  which draws the SVG and then the data table in one piece (lib/svg_render.py; options
  ``zonder_tabel=True`` and ``figuur_class=``), or the table alone with
  ``{% tabel_html g.tabel %}``.
- ``tekst(waarde, eenheid)`` formats one figure the way charts, tables and CSV show it.

``id`` must be unique on the page (it prefixes the SVG's ids). Values are numbers
(``eenheid="%"`` for a percentage 0-100). Colours (``KLEUREN``, eight, for colour-blind
readers too) are presentation attributes with at least 3:1 contrast on white, so no style
attributes are needed under the strict CSP. Sizes are chosen so that text is at least
about 12px when a chart is drawn 290px wide (a 360px phone); long bar labels wrap and
crowded period labels are thinned out or turned. Each bar part has a <title> tooltip.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.svg import (
    DONKER,
    GROOT,
    KLEIN,
    KLEUREN,
    Label,
    Lijn,
    Rechthoek,
    kleur,
    regels,
    schaal,
    tekstbreedte,
)

TE_WEINIG = _("too little data")

ARCERING = DONKER

# Sizes in SVG user units. The SVG is 320 units wide and at most 25rem on screen; on a
# 360px phone it is drawn about 290px wide, so 14 units are still about 12.7px.
# The font sizes (KLEIN, GROOT) come from lib.svg.
BREEDTE = 320
RIJ = 48  # height of one horizontal bar row: label line plus bar
REGEL = 19  # extra height for each further line of a wrapped bar label
BALK = 18
LABEL_Y = 16  # baseline of a bar's label within its row
BALK_Y = 22
WAARDE_RUIMTE = 64  # room right of the longest bar for its value text


def tekst(waarde, eenheid: str = "") -> str:
    if waarde is None:
        return str(TE_WEINIG)
    if isinstance(waarde, str):  # a reason instead of a figure, e.g. "not yet measurable"
        return waarde
    if eenheid == "%":
        return f"{number_format(round(waarde))}%"
    if isinstance(waarde, float) and not waarde.is_integer():
        return number_format(waarde, decimal_pos=1)
    return number_format(int(waarde), force_grouping=True)


@dataclass
class Tabel:
    caption: str
    kolommen: list[str]  # the first one heads the row labels
    rijen: list[tuple[str, list[str]]]


@dataclass
class Grafiek:
    id: str
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    tabel: Tabel
    rechthoeken: list[Rechthoek] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lijnen: list[Lijn] = field(default_factory=list)
    legenda: list[tuple[str, str]] = field(default_factory=list)  # (colour, name)
    legenda_kop: str = ""  # says how the legend's order maps onto the chart
    te_weinig: bool = False  # show the hatching in the legend

    @property
    def arcering_id(self) -> str:
        return f"{self.id}-arcering"

    @property
    def arcering(self) -> str:
        return f"url(#{self.arcering_id})"


def _beschrijving(beschrijving: str) -> str:
    return beschrijving or gettext("The table below the chart shows the same figures.")


def staafdiagram(
    reeks: list[tuple[str, float | int | None]],
    titel: str,
    *,
    id: str,
    eenheid: str = "",
    beschrijving: str = "",
    kop_label: str = "",
    kop_waarde: str = "",
    maximum: float | None = None,
) -> Grafiek:
    waarden = [w for _label, w in reeks if w is not None and not isinstance(w, str)]
    if maximum is None:
        maximum = 100 if eenheid == "%" else max(waarden, default=0)
    maximum = maximum or 1
    ruimte = BREEDTE - WAARDE_RUIMTE
    lengte = schaal(0, maximum, 0, ruimte)
    g = Grafiek(
        id=id,
        titel=str(titel),
        beschrijving=_beschrijving(beschrijving),
        breedte=BREEDTE,
        hoogte=RIJ,
        tabel=Tabel(
            caption=str(titel),
            kolommen=[str(kop_label or gettext("What")), str(kop_waarde or titel)],
            rijen=[(str(label), [tekst(w, eenheid)]) for label, w in reeks],
        ),
    )
    y = 0
    for label, waarde in reeks:
        tekstregels = regels(str(label), BREEDTE, GROOT)
        for r, regel in enumerate(tekstregels):
            g.labels.append(Label(0, y + LABEL_Y + r * REGEL, regel))
        balk_y = y + BALK_Y + (len(tekstregels) - 1) * REGEL
        omschrijving = f"{label}: {tekst(waarde, eenheid)}"
        if isinstance(waarde, str):
            breedte = 0
        elif waarde is None:
            g.te_weinig = True
            breedte = ruimte * 0.25
            g.rechthoeken.append(
                Rechthoek(0, balk_y, breedte, BALK, g.arcering, ARCERING, omschrijving)
            )
        else:
            breedte = lengte(waarde)
            if breedte:
                g.rechthoeken.append(
                    Rechthoek(0, balk_y, breedte, BALK, KLEUREN[0], titel=omschrijving)
                )
        g.labels.append(Label(breedte + 6, balk_y + 14, tekst(waarde, eenheid)))
        y += RIJ + (len(tekstregels) - 1) * REGEL
    g.hoogte = max(y, RIJ)
    return g


KOLOM_HOOGTE = 160
MARGE_BOVEN = 20  # also room for a hatched marker on top of the highest column
MARKER = 10  # height of a hatched "too little data" marker, not to scale
AS_LABEL = 18  # baseline of a horizontal axis label below the axis
RUIMTE_LABELS = 6  # minimum gap between two horizontal axis labels
DRAAI = 45


def gestapeld(  # noqa: C901 - the stacked chart's layout steps in reading order; issue 17 rebuilds it
    periodes: list[str],
    reeksen: list[tuple[str, list[float | int | None]]],
    titel: str,
    *,
    id: str,
    eenheid: str = "",
    beschrijving: str = "",
    kop_periode: str = "",
) -> Grafiek:
    """Columns stacked bottom-up in the order of ``reeksen`` (which is the legend's order).

    A part that is None (too little data) is left out of the column; the column then
    gets a small hatched marker on top, not to scale, and the table says "too little
    data" for that part and for the total. The visible parts keep their true heights.
    """
    periodes = [str(p) for p in periodes]
    n = len(periodes)
    meer = len(reeksen) > 1
    totalen, zichtbaar = [], []
    for i in range(n):
        deel = [r[1][i] for r in reeksen]
        zichtbaar.append(sum(w for w in deel if w is not None))
        totalen.append(None if any(w is None for w in deel) else sum(deel))
    maximum = max(zichtbaar, default=0) or 1
    hoogte = schaal(0, maximum, 0, KOLOM_HOOGTE)
    kolommen = [str(kop_periode or gettext("Period"))] + [str(naam) for naam, _w in reeksen]
    if meer:
        kolommen.append(gettext("Total"))
    rijen = []
    for i, periode in enumerate(periodes):
        cellen = [tekst(r[1][i], eenheid) for r in reeksen]
        if meer:
            cellen.append(tekst(totalen[i], eenheid))
        rijen.append((periode, cellen))

    # Horizontal axis: as many labels as fit, level if they fit every few columns,
    # else turned 45 degrees (then more of them fit).
    langste = max((tekstbreedte(p) for p in periodes), default=0)
    schaal_tekst = tekst(maximum, eenheid)
    links = max(tekstbreedte(schaal_tekst) + 8, 28)
    vak = (BREEDTE - links) / max(n, 1)
    stap_recht = math.ceil((langste + RUIMTE_LABELS) / vak) if n else 1
    stap_schuin = math.ceil(KLEIN * 1.5 / (vak * math.sin(math.radians(DRAAI)))) if n else 1
    schuin = stap_recht > max(stap_schuin, 1) + 1 and stap_recht > 2  # level if nearly as many
    if schuin:
        uitsteek = langste * math.cos(math.radians(DRAAI))
        # the first label must not stick out on the left
        links = max(links, uitsteek - (BREEDTE - links) / max(n, 1) / 2 + 2)
        vak = (BREEDTE - links) / max(n, 1)
        stap = max(math.ceil(KLEIN * 1.5 / (vak * math.sin(math.radians(DRAAI)))), 1)
        onder = AS_LABEL + langste * math.sin(math.radians(DRAAI)) + 4
    else:
        stap = max(stap_recht, 1)
        onder = AS_LABEL + 8
    basis = MARGE_BOVEN + KOLOM_HOOGTE

    desc = _beschrijving(beschrijving)
    g = Grafiek(
        id=id,
        titel=str(titel),
        beschrijving=desc,
        breedte=BREEDTE,
        hoogte=math.ceil(basis + onder),
        tabel=Tabel(caption=str(titel), kolommen=kolommen, rijen=rijen),
        legenda=[(kleur(j), str(naam)) for j, (naam, _w) in enumerate(reeksen)] if meer else [],
        legenda_kop=gettext("Stacked from the bottom up:") if meer else "",
    )
    kolom = max(vak * 0.7, 1)
    g.lijnen.append(Lijn(links, basis, BREEDTE, basis))
    g.lijnen.append(Lijn(links, MARGE_BOVEN, BREEDTE, MARGE_BOVEN))
    g.labels.append(Label(links - 4, basis + 4, "0", anker="end", klein=True))
    g.labels.append(Label(links - 4, MARGE_BOVEN + 5, schaal_tekst, anker="end", klein=True))
    scheiding = "#ffffff" if meer else ""  # a white line between stacked parts
    for i, periode in enumerate(periodes):
        x = links + i * vak + (vak - kolom) / 2
        y = basis
        verborgen = []
        for j, (naam, waarden) in enumerate(reeksen):
            w = waarden[i]
            if w is None:
                verborgen.append(str(naam))
                continue
            h = hoogte(w)
            if h > 0:
                y -= h
                omschrijving = (
                    f"{periode}, {naam}: {tekst(w, eenheid)}"
                    if meer
                    else (f"{periode}: {tekst(w, eenheid)}")
                )
                g.rechthoeken.append(
                    Rechthoek(x, y, kolom, h, kleur(j), rand=scheiding, titel=omschrijving)
                )
        if verborgen:
            g.te_weinig = True
            if meer:
                omschrijving = gettext("%(periode)s, %(reeksen)s: too little data") % {
                    "periode": periode,
                    "reeksen": ", ".join(verborgen),
                }
            else:
                omschrijving = gettext("%(periode)s: too little data") % {"periode": periode}
            g.rechthoeken.append(
                Rechthoek(x, y - MARKER, kolom, MARKER, g.arcering, ARCERING, omschrijving)
            )
        if i % stap == 0:
            midden = x + kolom / 2
            if schuin:
                g.labels.append(
                    Label(midden + 4, basis + AS_LABEL - 4, periode, "end", True, -DRAAI)
                )
            else:
                g.labels.append(Label(midden, basis + AS_LABEL, periode, "middle", True))
    if g.te_weinig:
        g.beschrijving = f"{desc} " + gettext(
            "A hatched block marks too little data (fewer than 5 people): that part is "
            "left out of its column, and the block is not drawn to scale."
        )
    return g
