"""Primitives for server-rendered SVG charts, shared by every chart in the app.

The charts themselves (herstelmodel/herstelpad.py for a participant's path, impact/
grafiek.py for the coordinator's bars and columns) decide what to draw; this module
holds what they have in common:

- colours: a palette that stays apart for colour-blind readers, at least 3:1 on white;
- a linear scale from data (numbers or datetimes) to SVG user units, clamped;
- shapes as plain data (``Rechthoek``, ``Lijn``, ``Label``) for templates to draw;
- coordinates as text (``getal``, ``punten``) and many small circles as ready markup
  (``cirkels``), because a template loop costs too much for hundreds of dots;
- a rough text width and label wrapping (there are no font metrics on the server).

Everything that reaches markup from here is a formatted number or passes through
escaping, so charts can be drawn without style attributes under the strict CSP.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# --- Colours --------------------------------------------------------------------------

# Okabe-Ito-like, darkened to at least 3:1 on white (and on the page background #fbf6ef);
# the first six stay apart (CIE Lab distance >= 18) also under simulated protanopia,
# deuteranopia and tritanopia. Neighbours in a stack differ in lightness as well as hue.
KLEUREN = [
    "#3862C2",  # blue          5.7:1
    "#A73200",  # vermilion     6.8:1
    "#105242",  # dark green    9.1:1
    "#D04897",  # reddish purple 4.2:1
    "#BC7000",  # orange        3.9:1
    "#1593D4",  # sky blue      3.4:1
    "#8800FF",  # violet        6.0:1
    "#998866",  # khaki         3.5:1
]
# Warm browns of the page: hatching and quiet text, and axis lines.
DONKER = "#5c4d40"
AS = "#8c7b6b"
WIT = "#ffffff"


def kleur(j: int) -> str:
    """The colour of series ``j`` (the palette repeats only after eight series)."""
    return KLEUREN[j % len(KLEUREN)]


# --- Scale ----------------------------------------------------------------------------


def schaal(van, tot, begin: float, eind: float) -> Callable[[object], float]:
    """A linear map from the data range [van, tot] onto [begin, eind] in user units.

    Values outside the range are clamped to its ends, so nothing is drawn outside the
    chart. Works for numbers and for datetimes (a timedelta divided by a timedelta is a
    number). An empty range maps everything onto ``begin``.
    """
    breedte = eind - begin

    def naar(waarde) -> float:
        if tot == van:
            return begin
        waarde = min(max(waarde, van), tot)
        return begin + (waarde - van) / (tot - van) * breedte

    return naar


# --- Shapes ---------------------------------------------------------------------------

KLEIN = 14  # axis labels: about 12px when a 320-unit chart is drawn on a 360px phone
GROOT = 15  # labels and values next to bars


@dataclass
class Rechthoek:
    x: float
    y: float
    breedte: float
    hoogte: float
    vulling: str
    rand: str = ""  # stroke colour, if any
    titel: str = ""  # tooltip (an SVG <title> child): what this part stands for


@dataclass
class Label:
    x: float
    y: float
    tekst: str
    anker: str = "start"  # SVG text-anchor
    klein: bool = False
    draai: int = 0  # rotation in degrees around (x, y); negative is counter-clockwise

    @property
    def grootte(self) -> int:
        return KLEIN if self.klein else GROOT


@dataclass
class Lijn:
    x1: float
    y1: float
    x2: float
    y2: float


# --- Coordinates as text --------------------------------------------------------------


def getal(waarde: float) -> str:
    """A coordinate with one decimal: precise enough on any screen, and short."""
    return f"{float(waarde):.1f}"


def punten(paren: Iterable[tuple[float, float]]) -> str:
    """The ``points`` of a polyline or polygon: "x,y x,y ..."."""
    return " ".join(f"{getal(x)},{getal(y)}" for x, y in paren)


def cirkels(stippen: Iterable[tuple[float, float, float]], klasse: str = "") -> SafeString:
    """Circles (x, y, radius) as markup; fill and stroke come from the enclosing <g>.

    Built as a string rather than in a template loop: there can be a few hundred, and
    format_html_join would cost ~15x as much. Only formatted floats and the escaped
    class go in, so nothing else can need escaping.
    """
    attribuut = f' class="{conditional_escape(klasse)}"' if klasse else ""
    return mark_safe(  # noqa: S308
        "".join(
            f'<circle{attribuut} cx="{getal(x)}" cy="{getal(y)}" r="{float(r):g}"></circle>'
            for x, y, r in stippen
        )
    )


# --- Text -----------------------------------------------------------------------------

TEKEN = 0.6  # estimated average glyph width, in em (generous, so labels do not clip)


def tekstbreedte(tekst: str, grootte: int = KLEIN) -> float:
    """A rough width of a text in user units (no font metrics on the server)."""
    return len(tekst) * grootte * TEKEN


def regels(label: str, ruimte: float, grootte: int) -> list[str]:
    """Wrap a label into lines that fit ``ruimte`` (at most two; the last one is cut)."""
    per_regel = max(int(ruimte / (grootte * TEKEN)), 8)
    uit = textwrap.wrap(label, per_regel) or [""]
    if len(uit) > 2:
        rest = " ".join(uit[1:])
        uit = [uit[0], textwrap.shorten(rest, per_regel, placeholder="…")]
    return uit
