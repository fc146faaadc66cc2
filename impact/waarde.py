"""The societal value report ("maatschappelijke waarde") for funders.

The method follows the study of two recovery facilities (seed 003, chapter 7): a
conservative value per participant per year, built from five lines, each a product of a
few assumptions. Every assumption has a default from the study, a unit, a valid range
and a source; a coordinator may change any of them (impact.models.Aanname keeps each
change as a new version, the newest one counts).

Formulas (percentages are stored as whole percents, 33 = 33%):

- less professional support = minutes per week / 60 x weeks x hourly rate
- less day care             = day-parts per week x weeks x price per day-part x share
- volunteering and work     = volunteer share x hours per week x weeks x value per hour
                              + work share x benefit per month x 12 x reduction
- more effective treatment  = share in treatment x share treated more effectively x base cost
- housing                   = share x yearly cost of sheltered housing

Value per participant per year = the sum of the lines (each rounded to cents).
Value for a period = value per participant per year x active participants in the period
x (days in the period / 365). With the study's defaults the per-participant value is
1,150 + 2,003.76 + 626.04 + 670 + 2,000 = 6,449.80 euro (the study prints the day-care
line rounded down to 2,003, hence its "about 6,449").

Measured figures (issue 16): for the assumptions in impact/gemeten.py the academy also
measures a figure from people's own check-ins. The coordinator chooses per assumption
which one the report uses (stored on the assumption's version, so it is versioned with
the value); a measured figure from fewer than 5 people is never used, the assumed one
counts then.

These are estimates that make the value of the academy tangible, not invoices.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Subquery

from .gemeten import METINGEN, Meting, metingen
from .models import Aanname

# The study's assumptions and lines are data in impact/studie.py; forms, views, the PDF
# and the tests read them through this module.
from .studie import (  # noqa: F401 - re-exported
    AANNAMES,
    PER_SLEUTEL,
    PM_EFFECTEN,
    REGELS,
    SCHATTING,
    STUDIE,
    AannameDef,
    RegelDef,
)

CENT = Decimal("0.01")
HONDERD = Decimal(100)
DAGEN_PER_JAAR = 365


def _pct(waarde: Decimal) -> Decimal:
    return waarde / HONDERD


def schoon(getal: Decimal) -> Decimal:
    """No trailing zeros, never exponent notation: 40000.0000 -> 40000, 1.4100 -> 1.41."""
    if getal == getal.to_integral_value():
        return getal.quantize(Decimal(1))
    return getal.normalize()


def _cent(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def _bedragen(a: dict[str, Decimal]) -> dict[str, Decimal]:
    """Euro per participant per year for each line, from assumption values by key."""
    vrijwilliger = (
        _pct(a["vrijwilliger_aandeel"])
        * a["vrijwilliger_uren"]
        * a["vrijwilliger_weken"]
        * a["vrijwilliger_uurwaarde"]
    )
    werk = _pct(a["werk_aandeel"]) * a["werk_uitkering"] * 12 * _pct(a["werk_vermindering"])
    return {
        "begeleiding": a["begeleiding_minuten"]
        / 60
        * a["begeleiding_weken"]
        * a["begeleiding_uurtarief"],
        "dagbesteding": a["dagbesteding_dagdelen"]
        * a["dagbesteding_weken"]
        * a["dagbesteding_prijs"]
        * _pct(a["dagbesteding_aandeel"]),
        "participatie": vrijwilliger + werk,
        "behandeling": _pct(a["behandeling_aandeel"])
        * _pct(a["behandeling_effectiever"])
        * a["behandeling_besparing"],
        "wonen": _pct(a["wonen_aandeel"]) * a["wonen_kosten"],
    }


def standaard_waarden() -> dict[str, Decimal]:
    return {a.sleutel: a.standaard for a in AANNAMES}


def huidige_versies() -> dict[str, Aanname]:
    """The newest version of every changed assumption, in one query."""
    nieuwste = (
        Aanname.objects.filter(sleutel=OuterRef("sleutel"))
        .order_by("-gewijzigd_op", "-pk")
        .values("pk")[:1]
    )
    rijen = Aanname.objects.filter(sleutel__in=PER_SLEUTEL, pk=Subquery(nieuwste)).select_related(
        "gewijzigd_door"
    )
    return {r.sleutel: r for r in rijen}


def huidige_waarden(versies: dict[str, Aanname] | None = None) -> dict[str, Decimal]:
    """Every assumption's value in force: the newest version, else the study's default."""
    versies = huidige_versies() if versies is None else versies
    waarden = standaard_waarden()
    for sleutel, versie in versies.items():
        waarden[sleutel] = schoon(versie.waarde)
    return waarden


def gekozen_gemeten(versies: dict[str, Aanname]) -> set[str]:
    """The assumptions for which the coordinator chose the measured figure."""
    return {k for k, v in versies.items() if v.gemeten and k in METINGEN}


@dataclass
class AannameRegel:
    definitie: AannameDef
    waarde: Decimal  # the value the report computes with
    versie: Aanname | None
    aangenomen: Decimal | None = None  # the assumed value in force (default: waarde)
    meting: Meting | None = None  # only for assumptions the academy measures
    gemeten_gekozen: bool = False

    @property
    def aangenomen_waarde(self) -> Decimal:
        return self.waarde if self.aangenomen is None else self.aangenomen

    @property
    def gewijzigd(self) -> bool:
        """The assumed value differs from the study's."""
        return self.aangenomen_waarde != self.definitie.standaard

    @property
    def gemeten(self) -> bool:
        """The report uses the measured figure (chosen, and from enough people)."""
        return self.gemeten_gekozen and self.meting is not None and self.meting.toonbaar


@dataclass
class Regel:
    definitie: RegelDef
    bedrag: Decimal
    aannames: list[AannameRegel]


@dataclass
class Waarde:
    regels: list[Regel]
    per_deelnemer: Decimal


def per_deelnemer(
    waarden: dict[str, Decimal] | None = None,
    versies: dict[str, Aanname] | None = None,
    metingen: dict[str, Meting] | None = None,
) -> Waarde:
    """The value per participant per year, line by line, with each line's assumptions.

    With `metingen`, an assumption for which the measured figure was chosen computes
    with that figure when enough people are behind it."""
    versies = huidige_versies() if versies is None and waarden is None else (versies or {})
    waarden = huidige_waarden(versies) if waarden is None else waarden
    metingen = metingen or {}
    gekozen = gekozen_gemeten(versies)
    reken = dict(waarden)
    for sleutel, meting in metingen.items():
        if sleutel in gekozen and meting.toonbaar:
            reken[sleutel] = meting.procent
    bedragen = {k: _cent(v) for k, v in _bedragen(reken).items()}
    regels = [
        Regel(
            definitie=r,
            bedrag=bedragen[r.sleutel],
            aannames=[
                AannameRegel(
                    a,
                    reken[a.sleutel],
                    versies.get(a.sleutel),
                    aangenomen=waarden[a.sleutel],
                    meting=metingen.get(a.sleutel),
                    gemeten_gekozen=a.sleutel in gekozen,
                )
                for a in AANNAMES
                if a.regel == r.sleutel
            ],
        )
        for r in REGELS
    ]
    return Waarde(regels=regels, per_deelnemer=sum(bedragen.values(), Decimal(0)))


def totaal_voor_periode(per_jaar: Decimal, deelnemers: int, dagen: int) -> Decimal:
    """per participant per year x active participants x (days in the period / 365)."""
    return _cent(per_jaar * deelnemers * Decimal(dagen) / DAGEN_PER_JAAR)


def wijzig(
    user,
    nieuwe_waarden: dict[str, Decimal],
    bron: str = "",
    gemeten: dict[str, bool] | None = None,
) -> list[str]:
    """Store a new version of every assumption whose value, or whose choice between the
    assumed and the measured figure (`gemeten`), differs from the one in force. A key
    left out keeps its value and its choice.

    Returns the keys that changed. Each change is audited by key, never by value or text.
    """
    from django.db import transaction
    from django.utils import timezone

    from audit.log import record
    from audit.models import AuditEvent

    versies = huidige_versies()
    huidig = huidige_waarden(versies)
    gekozen = gekozen_gemeten(versies)
    keuzes = {k: v for k, v in (gemeten or {}).items() if k in METINGEN}
    nu = timezone.now()
    nieuw = []
    for k in PER_SLEUTEL:
        v = nieuwe_waarden.get(k)
        v = huidig[k] if v is None else v
        g = keuzes.get(k, k in gekozen)
        if v != huidig[k] or g != (k in gekozen):
            nieuw.append(
                Aanname(
                    sleutel=k, waarde=v, bron=bron, gemeten=g, gewijzigd_op=nu, gewijzigd_door=user
                )
            )
    with transaction.atomic():
        Aanname.objects.bulk_create(nieuw)
        for rij in nieuw:
            record(AuditEvent.Soort.AANNAME, actor=user, sleutel=rij.sleutel)
    return [r.sleutel for r in nieuw]


def zet_terug(user, sleutel: str) -> bool:
    """Back to the study's value: also a new version, so the history stays complete."""
    definitie = PER_SLEUTEL[sleutel]
    return bool(wijzig(user, {sleutel: definitie.standaard}, bron=""))


def geschiedenis():
    """All versions, newest first (paginate in the view)."""
    return Aanname.objects.filter(sleutel__in=PER_SLEUTEL).select_related("gewijzigd_door")


def actieve_deelnemers(periode, filters=None) -> int:
    """Active participants exactly as the participation dashboard counts them
    (impact.deelname.actieve_lidmaatschappen): distinct people taking part in a group
    that ran during the period; the walk-in and the waiting list do not count."""
    from .deelname import actieve_lidmaatschappen
    from .periode import Filters

    lidmaatschappen = actieve_lidmaatschappen(periode, filters or Filters())
    return lidmaatschappen.values("user").distinct().count()


@dataclass
class Rapport:
    periode: object
    filters: object
    waarde: Waarde
    deelnemers: int | None  # None: 1 to 4 people, too few to show
    totaal: Decimal | None

    @property
    def dagen(self) -> int:
        return self.periode.dagen

    @property
    def gemeten(self) -> list[AannameRegel]:
        """The assumptions the academy also measures, with their measured figure."""
        return [a for r in self.waarde.regels for a in r.aannames if a.meting is not None]


def rapport(periode, filters=None) -> Rapport:
    """Everything the report shows, in three queries whatever the amount of data: the
    assumptions in force, the measured figures and the active participants."""
    from deelnemers.privacy import toonbaar

    versies = huidige_versies()
    waarde = per_deelnemer(huidige_waarden(versies), versies, metingen(periode, filters))
    aantal = actieve_deelnemers(periode, filters)
    if not toonbaar(aantal):
        return Rapport(periode, filters, waarde, None, None)
    totaal = totaal_voor_periode(waarde.per_deelnemer, aantal, periode.dagen)
    return Rapport(periode, filters, waarde, aantal, totaal)
