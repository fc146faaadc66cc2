"""'Mijn herstelpad': a person's own reflections and herkenning moments over time.

Only the person's own entries (Reflectie.objects.van(user), Herkenningsmoment by author)
are ever read here. The chart is computed from dates and steps alone, in one query,
without decrypting any text; the timeline decrypts only the entries on its page.

The chart is deliberately not a ladder: the six steps are six bands of equal weight,
step 1 at the top, so "up" does not read as "better", and a line back and forth
between the dots is the normal shape of recovery.

The page's size is bounded, however much somebody wrote: up to DETAIL_GRENS entries in
the chart's year each get their own dot (and row in the table); beyond that the chart
shows one column per week (a dot in every step written in that week, sized by how
often; the line follows the week's most frequent step) and the table counts per month.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import CharField, IntegerField, Value
from django.urls import reverse
from django.utils import timezone

from groepen.models import Groep, Lidmaatschap
from lib import svg

from .herstelpad_html import grafiek_html, tijdlijn_html
from .models import Gevoel, Herkenningsmoment, Reflectie, Stap

PER_PAGINA = 25
GRAFIEK_DAGEN = 365
# Up to this many reflections (or moments) in the chart's year: one dot (row) each.
# More: per week in the chart, per month in the table.
DETAIL_GRENS = 60
KORTSTE_PERIODE = datetime.timedelta(days=14)

REFLECTIE = "r"
HERKENNING = "h"


def reflectie_url(pk: int) -> str:
    return reverse("reflectie_detail", kwargs={"pk": pk})


def reflectie_nieuw_url() -> str:
    return reverse("reflectie_nieuw")


# --- Group filter ---------------------------------------------------------------------


def groepen_van(user) -> list[Groep]:
    """The groups a person is or was part of (not the waiting list): for the filter."""
    lid = Lidmaatschap.objects.filter(user=user).exclude(status=Lidmaatschap.Status.WACHTLIJST)
    return list(Groep.objects.filter(pk__in=lid.values("groep")).order_by("-startdatum", "naam"))


def gekozen_groep(groepen: list[Groep], waarde) -> Groep | None:
    """The group from the ?groep= parameter, if it is one of the person's; else none."""
    try:
        pk = int(waarde)
    except (TypeError, ValueError):
        return None
    return next((g for g in groepen if g.pk == pk), None)


def _eigen(user, groep):
    reflecties = Reflectie.objects.van(user)
    herkenningen = Herkenningsmoment.objects.filter(auteur=user)
    if groep is not None:
        reflecties = reflecties.filter(groep=groep)
        herkenningen = herkenningen.filter(groep=groep)
    return reflecties, herkenningen


# --- The chart --------------------------------------------------------------------------

# Geometry of the SVG (viewBox units). Bands first, then a row for herkenning moments,
# then the dates.
BREEDTE = 340
LINKS, RECHTS = 8, 332
BOVEN = 4
BAND_HOOGTE = 40
MOMENTEN_Y = BOVEN + 6 * BAND_HOOGTE
MOMENTEN_HOOGTE = 36
DATUM_Y = MOMENTEN_Y + MOMENTEN_HOOGTE + 16
HOOGTE = DATUM_Y + 8
BAND_KLEUREN = ("#fbf6ef", "#f6e3d3")  # one colour family, no step stands out


@dataclass
class Band:
    stap: Stap
    y: int
    kleur: str

    @property
    def naam(self):
        return self.stap.label

    @property
    def tekst_y(self):
        return self.y + 15

    @property
    def hoogte(self):
        return BAND_HOOGTE


@dataclass
class Punt:
    """One reflection; or, per week, all reflections of one step in that week."""

    datum: datetime.datetime | datetime.date
    stap: Stap
    gevoel: str
    x: float
    y: float
    aantal: int = 1
    r: float = 5

    @property
    def naam(self):
        return self.stap.label

    @property
    def gevoel_label(self):
        return Gevoel(self.gevoel).label if self.gevoel in Gevoel.values else ""


@dataclass
class Moment:
    datum: datetime.datetime
    soort: str
    x: float

    @property
    def herkend(self):
        return self.soort == Herkenningsmoment.Soort.HERKEND

    @property
    def label(self):
        return Herkenningsmoment.Soort(self.soort).label

    @property
    def punten(self):
        """A small triangle on the time axis."""
        y = MOMENTEN_Y + 26
        return f"{self.x:.1f},{y - 9} {self.x - 5.5:.1f},{y} {self.x + 5.5:.1f},{y}"


@dataclass
class Streep:
    datum: datetime.date
    formaat: str
    x: float


@dataclass
class Maand:
    """One row of the summary table: counts per step (or per kind of moment)."""

    datum: datetime.date
    aantallen: list[int]


@dataclass
class Grafiek:
    van: datetime.datetime | None = None
    tot: datetime.datetime | None = None
    banden: list[Band] = field(default_factory=list)
    punten: list[Punt] = field(default_factory=list)
    momenten: list[Moment] = field(default_factory=list)
    strepen: list[Streep] = field(default_factory=list)
    aantal_reflecties: int = 0
    aantal_momenten: int = 0
    # Per week / per month when there are many (then `lijn_punten` are the week's most
    # frequent step, and the table rows are `maanden` / `momenten_per_maand`).
    per_week: bool = False
    momenten_per_week: bool = False
    lijn_punten: list[Punt] | None = None
    maanden: list[Maand] = field(default_factory=list)
    momenten_per_maand: list[Maand] = field(default_factory=list)
    breedte: int = BREEDTE
    hoogte: int = HOOGTE
    links: int = LINKS
    rechts: int = RECHTS
    momenten_y: int = MOMENTEN_Y
    momenten_hoogte: int = MOMENTEN_HOOGTE
    datum_y: int = DATUM_Y

    @property
    def leeg(self):
        return not self.punten and not self.momenten

    @property
    def lijn(self):
        punten = self.punten if self.lijn_punten is None else self.lijn_punten
        return svg.punten((p.x, p.y) for p in punten)

    @property
    def stippen(self):
        """The dots as SVG markup (there can be a few hundred); colours come from the <g>."""
        return svg.cirkels(((p.x, p.y, p.r) for p in self.punten), "stip")

    @property
    def heeft_lijn(self):
        return len(self.punten if self.lijn_punten is None else self.lijn_punten) > 1

    @property
    def stappen(self):
        return list(Stap)

    @property
    def soorten(self):
        return list(Herkenningsmoment.Soort)

    @property
    def momenten_tekst_y(self):
        return MOMENTEN_Y + 13

    @property
    def html(self):
        """The chart and its tables as one piece of markup (herstelpad_html.py)."""
        return grafiek_html(self)


def _grafiek_data(user, groep, sinds):
    """ONE query: (kind, date, step, feeling-or-soort) of the own entries since `sinds`."""
    reflecties, herkenningen = _eigen(user, groep)
    r = (
        reflecties.filter(aangemaakt_op__gte=sinds)
        .order_by()
        .annotate(soort_=Value(REFLECTIE, output_field=CharField()))
        .values_list("soort_", "aangemaakt_op", "stap", "gevoel")
    )
    h = (
        herkenningen.filter(aangemaakt_op__gte=sinds)
        .order_by()
        .annotate(
            soort_=Value(HERKENNING, output_field=CharField()),
            stap_=Value(0, output_field=IntegerField()),
        )
        .values_list("soort_", "aangemaakt_op", "stap_", "soort")
    )
    return sorted(r.union(h, all=True), key=lambda rij: rij[1])


def _strepen(van: datetime.datetime, tot: datetime.datetime, x_van) -> list[Streep]:
    """Month starts for a long period, Mondays for a short one."""
    begin, eind = timezone.localtime(van).date(), timezone.localtime(tot).date()
    strepen = []
    if (eind - begin).days > 62:
        dag = (begin.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        while dag <= eind:
            strepen.append(Streep(dag, "M", 0))
            dag = (dag + datetime.timedelta(days=32)).replace(day=1)
    else:
        dag = begin + datetime.timedelta(days=(7 - begin.weekday()) % 7 or 7)
        while dag <= eind:
            strepen.append(Streep(dag, "j M", 0))
            dag += datetime.timedelta(days=7)
    tz = timezone.get_current_timezone()
    for streep in strepen:
        streep.x = x_van(datetime.datetime.combine(streep.datum, datetime.time(), tzinfo=tz))
    return strepen


def _stip_y(stap: int) -> int:
    return BOVEN + (stap - 1) * BAND_HOOGTE + 28


def _straal(aantal: int) -> float:
    """Dot size per week: a little bigger with more reflections, in three sizes."""
    return 2.5 if aantal == 1 else 3.5 if aantal <= 3 else 4.5


def _maanden(van, tot, rijen, sleutels) -> list[Maand]:
    """Every month from `van` to `tot` (also the empty ones), counts per key.

    `rijen` are (local date, key)."""
    tellingen = Counter((dag.replace(day=1), sleutel) for dag, sleutel in rijen)
    maand = timezone.localtime(van).date().replace(day=1)
    laatste = timezone.localtime(tot).date().replace(day=1)
    maanden = []
    while maand <= laatste:
        maanden.append(Maand(maand, [tellingen[maand, k] for k in sleutels]))
        maand = (maand + datetime.timedelta(days=32)).replace(day=1)
    return maanden


def grafiek(user, groep=None, nu=None) -> Grafiek:  # noqa: C901 - one chart read top to bottom; issue 17 moves it into one chart module
    nu = nu or timezone.now()
    rijen = _grafiek_data(user, groep, nu - datetime.timedelta(days=GRAFIEK_DAGEN))
    banden = [
        Band(stap, BOVEN + i * BAND_HOOGTE, BAND_KLEUREN[i % 2]) for i, stap in enumerate(Stap)
    ]
    if not rijen:
        return Grafiek(banden=banden)
    van = min(rijen[0][1], nu - KORTSTE_PERIODE)
    tot = nu
    marge = 6
    tz = timezone.get_current_timezone()
    tijd = svg.schaal(van, tot, LINKS + marge, RECHTS - marge)

    def x_van(moment):
        return round(tijd(moment), 1)

    def week_x(week: datetime.date):
        midden = datetime.datetime.combine(week, datetime.time(), tzinfo=tz)
        return x_van(midden + datetime.timedelta(days=3, hours=12))

    def weekbegin(dag: datetime.date) -> datetime.date:
        return dag - datetime.timedelta(days=dag.weekday())

    reflecties = [
        (datum, stap, gevoel) for soort, datum, stap, gevoel in rijen if soort == REFLECTIE
    ]
    herkenningen = [(datum, extra) for soort, datum, _, extra in rijen if soort == HERKENNING]
    uitkomst = Grafiek(
        van,
        tot,
        banden,
        aantal_reflecties=len(reflecties),
        aantal_momenten=len(herkenningen),
        per_week=len(reflecties) > DETAIL_GRENS,
        momenten_per_week=len(herkenningen) > DETAIL_GRENS,
    )

    if not uitkomst.per_week:
        uitkomst.punten = [
            Punt(datum, Stap(stap), gevoel, x_van(datum), _stip_y(stap))
            for datum, stap, gevoel in reflecties
        ]
    else:
        # Per week: a dot in every step written in; the line follows the step written
        # in most (on a tie, the most recent of those), so going back and forth shows.
        dagen = [(datum.astimezone(tz).date(), stap) for datum, stap, _ in reflecties]
        weken: dict[datetime.date, list[int]] = {}
        for dag, stap in dagen:
            weken.setdefault(weekbegin(dag), []).append(stap)
        uitkomst.lijn_punten = []
        for week, stappen in weken.items():
            tellingen = Counter(stappen)
            laatst = {stap: i for i, stap in enumerate(stappen)}
            meest = max(tellingen, key=lambda stap: (tellingen[stap], laatst[stap]))
            x = week_x(week)
            for stap in sorted(tellingen):
                punt = Punt(week, Stap(stap), "", x, _stip_y(stap), tellingen[stap])
                punt.r = _straal(punt.aantal)
                uitkomst.punten.append(punt)
                if stap == meest:
                    uitkomst.lijn_punten.append(punt)
        uitkomst.maanden = _maanden(van, tot, dagen, [s.value for s in Stap])

    if not uitkomst.momenten_per_week:
        uitkomst.momenten = [Moment(datum, soort, x_van(datum)) for datum, soort in herkenningen]
    else:
        dagen = [(datum.astimezone(tz).date(), soort) for datum, soort in herkenningen]
        soorten: dict[datetime.date, set[str]] = {}
        for dag, soort in dagen:
            soorten.setdefault(weekbegin(dag), set()).add(soort)
        for week, deze in soorten.items():
            x = week_x(week)
            beide = len(deze) > 1
            for soort in sorted(deze):  # "herkend" first, a little to the left if both
                schuif = (-2.5 if soort == Herkenningsmoment.Soort.HERKEND else 2.5) * beide
                uitkomst.momenten.append(Moment(week, soort, round(x + schuif, 1)))
        uitkomst.momenten_per_maand = _maanden(
            van, tot, dagen, [s.value for s in Herkenningsmoment.Soort]
        )

    uitkomst.strepen = [s for s in _strepen(van, tot, x_van) if LINKS + 14 <= s.x <= RECHTS - 14]
    return uitkomst


# --- The timeline ---------------------------------------------------------------------


@dataclass
class Item:
    soort: str
    obj: object

    @property
    def is_reflectie(self):
        return self.soort == REFLECTIE

    @property
    def datum(self):
        return self.obj.aangemaakt_op

    @property
    def url(self):
        return reflectie_url(self.obj.pk) if self.is_reflectie else None


@dataclass
class Tijdlijn:
    items: list[Item]
    pagina: int
    ouder: int | None
    nieuwer: int | None

    @property
    def html(self):
        """The cards of this page as one piece of markup (herstelpad_html.py)."""
        return tijdlijn_html(self.items)


# Far beyond anyone's timeline, and keeps the SQL OFFSET inside a bigint.
MAX_PAGINA = 100_000


def pagina_nummer(waarde) -> int:
    try:
        return min(max(1, int(waarde)), MAX_PAGINA)
    except (TypeError, ValueError):
        return 1


def tijdlijn(user, groep=None, pagina: int = 1) -> Tijdlijn:
    """Reflections and herkenning moments merged, newest first, 25 per page.

    One UNION query of (kind, pk, date) finds the page; then the page's reflections and
    moments are fetched by pk (their texts are the only ones decrypted).
    """
    reflecties, herkenningen = _eigen(user, groep)
    r = reflecties.order_by().annotate(soort_=Value(REFLECTIE, output_field=CharField()))
    h = herkenningen.order_by().annotate(soort_=Value(HERKENNING, output_field=CharField()))
    stroom = (
        r.values_list("soort_", "pk", "aangemaakt_op")
        .union(h.values_list("soort_", "pk", "aangemaakt_op"), all=True)
        .order_by("-aangemaakt_op", "soort_", "-pk")
    )
    begin = (pagina - 1) * PER_PAGINA
    sleutels = list(stroom[begin : begin + PER_PAGINA + 1])
    ouder = pagina + 1 if len(sleutels) > PER_PAGINA else None
    sleutels = sleutels[:PER_PAGINA]

    per_soort = {
        soort: [pk for _, pk, _ in rijen]
        for soort, rijen in groupby(sorted(sleutels, key=lambda s: s[0]), key=lambda s: s[0])
    }
    objecten = {}
    if per_soort.get(REFLECTIE):
        for obj in (
            Reflectie.objects.van(user)
            .filter(pk__in=per_soort[REFLECTIE])
            .select_related("groep", "bijeenkomst")
        ):
            objecten[REFLECTIE, obj.pk] = obj
    if per_soort.get(HERKENNING):
        for obj in (
            Herkenningsmoment.objects.filter(auteur=user, pk__in=per_soort[HERKENNING])
        ).select_related("groep", "bijeenkomst"):
            objecten[HERKENNING, obj.pk] = obj
    items = [
        Item(soort, objecten[soort, pk]) for soort, pk, _ in sleutels if (soort, pk) in objecten
    ]
    return Tijdlijn(items, pagina, ouder, pagina - 1 if pagina > 1 else None)
