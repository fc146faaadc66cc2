"""Charts as server-rendered SVG, without JavaScript, each with the same data as a table.

Stable API:

- ``staafdiagram(reeks, titel, *, id, eenheid="", beschrijving="", kop_label, kop_waarde,
  maximum=None)``: horizontal bars, one per ``(label, waarde)``; ``waarde`` None means
  "too little data" (drawn as a hatched bar with that text); a str is a reason instead
  of a figure (e.g. "not yet measurable"): no bar, the text is shown.
- ``gestapeld(periodes, reeksen, titel, *, id, eenheid="", beschrijving="", kop_periode)``:
  a column per period, stacked by series; ``reeksen`` is ``[(naam, [waarde per periode])]``.
  A period where any series is None shows a hatched column and "too little data" in the table.
- Both return a ``Grafiek``; render it with
  ``{% include "impact/includes/grafiek.html" with grafiek=g %}``, which draws the SVG
  and then the data table (``impact/includes/tabel.html``, usable alone with ``tabel=``).
- ``tekst(waarde, eenheid)`` formats one figure the way charts, tables and CSV show it.

``id`` must be unique on the page (it prefixes the SVG's ids). Values are numbers
(``eenheid="%"`` for a percentage 0-100). Colours are presentation attributes with at
least 3:1 contrast on white, so no style attributes are needed under the strict CSP.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TE_WEINIG = _("too little data")

KLEUREN = ["#8a3b12", "#1d4f91", "#2e6b34", "#6b3f8a", "#7a5a00"]  # all >= 5:1 on white
ARCERING = "#5c4d40"

BREEDTE = 360
RIJ = 48  # height of one horizontal bar row: label line plus bar
BALK = 18
LABEL_Y = 16  # baseline of a bar's label within its row
BALK_Y = 22
WAARDE_RUIMTE = 120  # room right of the longest bar for its value text


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
class Rechthoek:
    x: float
    y: float
    breedte: float
    hoogte: float
    vulling: str
    rand: str = ""  # stroke colour, if any


@dataclass
class Label:
    x: float
    y: float
    tekst: str
    anker: str = "start"  # SVG text-anchor
    klein: bool = False


@dataclass
class Lijn:
    x1: float
    y1: float
    x2: float
    y2: float


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
    g = Grafiek(
        id=id,
        titel=str(titel),
        beschrijving=_beschrijving(beschrijving),
        breedte=BREEDTE,
        hoogte=max(RIJ * len(reeks), RIJ),
        tabel=Tabel(
            caption=str(titel),
            kolommen=[str(kop_label or gettext("What")), str(kop_waarde or titel)],
            rijen=[(str(label), [tekst(w, eenheid)]) for label, w in reeks],
        ),
    )
    for i, (label, waarde) in enumerate(reeks):
        y = i * RIJ
        g.labels.append(Label(0, y + LABEL_Y, str(label)))
        balk_y = y + BALK_Y
        if isinstance(waarde, str):
            breedte = 0
        elif waarde is None:
            g.te_weinig = True
            breedte = ruimte * 0.25
            g.rechthoeken.append(Rechthoek(0, balk_y, breedte, BALK, g.arcering, rand=ARCERING))
        else:
            breedte = max(ruimte * min(waarde / maximum, 1), 0)
            if breedte:
                g.rechthoeken.append(Rechthoek(0, balk_y, breedte, BALK, KLEUREN[0]))
        g.labels.append(Label(breedte + 6, balk_y + 15, tekst(waarde, eenheid)))
    return g


KOLOM_HOOGTE = 180
MARGE_BOVEN = 20
MARGE_ONDER = 40
MARGE_LINKS = 44
MAX_X_LABELS = 8


def gestapeld(
    periodes: list[str],
    reeksen: list[tuple[str, list[float | int | None]]],
    titel: str,
    *,
    id: str,
    eenheid: str = "",
    beschrijving: str = "",
    kop_periode: str = "",
) -> Grafiek:
    n = len(periodes)
    totalen = []
    for i in range(n):
        deel = [r[1][i] for r in reeksen]
        totalen.append(None if any(w is None for w in deel) else sum(deel))
    maximum = max((t for t in totalen if t is not None), default=0) or 1
    kolommen = [str(kop_periode or gettext("Period"))] + [str(naam) for naam, _w in reeksen]
    if len(reeksen) > 1:
        kolommen.append(gettext("Total"))
    rijen = []
    for i, periode in enumerate(periodes):
        cellen = [tekst(r[1][i], eenheid) for r in reeksen]
        if len(reeksen) > 1:
            cellen.append(tekst(totalen[i], eenheid))
        rijen.append((str(periode), cellen))
    hoogte = MARGE_BOVEN + KOLOM_HOOGTE + MARGE_ONDER
    g = Grafiek(
        id=id,
        titel=str(titel),
        beschrijving=_beschrijving(beschrijving),
        breedte=BREEDTE,
        hoogte=hoogte,
        tabel=Tabel(caption=str(titel), kolommen=kolommen, rijen=rijen),
        legenda=[(KLEUREN[j % len(KLEUREN)], str(naam)) for j, (naam, _w) in enumerate(reeksen)]
        if len(reeksen) > 1
        else [],
    )
    basis = MARGE_BOVEN + KOLOM_HOOGTE
    vak = (BREEDTE - MARGE_LINKS) / max(n, 1)
    kolom = max(vak * 0.7, 1)
    g.lijnen.append(Lijn(MARGE_LINKS, basis, BREEDTE, basis))
    g.lijnen.append(Lijn(MARGE_LINKS, MARGE_BOVEN, BREEDTE, MARGE_BOVEN))
    g.labels.append(Label(MARGE_LINKS - 4, basis + 4, "0", anker="end", klein=True))
    g.labels.append(
        Label(MARGE_LINKS - 4, MARGE_BOVEN + 4, tekst(maximum, eenheid), anker="end", klein=True)
    )
    stap = math.ceil(n / MAX_X_LABELS) if n else 1
    scheiding = "#ffffff" if len(reeksen) > 1 else ""  # a white line between stacked parts
    for i in range(n):
        x = MARGE_LINKS + i * vak + (vak - kolom) / 2
        if totalen[i] is None:
            g.te_weinig = True
            h = KOLOM_HOOGTE * 0.25
            g.rechthoeken.append(Rechthoek(x, basis - h, kolom, h, g.arcering, rand=ARCERING))
        else:
            y = basis
            for j, (_naam, waarden) in enumerate(reeksen):
                h = KOLOM_HOOGTE * waarden[i] / maximum
                if h > 0:
                    y -= h
                    kleur = KLEUREN[j % len(KLEUREN)]
                    g.rechthoeken.append(Rechthoek(x, y, kolom, h, kleur, rand=scheiding))
        if i % stap == 0:
            g.labels.append(
                Label(x + kolom / 2, basis + 16, str(periodes[i]), anker="middle", klein=True)
            )
    return g
