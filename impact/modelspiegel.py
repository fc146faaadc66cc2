"""The model mirror ("modelspiegel"): the six-step model seen for the whole academy.

Coordinators see where people are in the model over time, what helps herkenning and what
stands in its way, and a few signals where recovery seems to stall, each paired with what
the model suggests doing about it. Everything is counted in SQL (grouped counts of
distinct people), so the number of queries does not depend on the amount of data, and
no text anyone wrote is ever read. Every count of 1 to 4 people is hidden
(deelnemers.privacy): the figure becomes None and shows as "too little data".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from deelnemers.privacy import MIN_AGGREGATE, toonbaar
from herstelmodel.models import Herkenningsmoment, Reflectie, Stap

from . import samenvatting
from .periode import Filters, Periode

# Signal 1: at least this many reflections, spread over at least this long, all on one
# early step. Short stays are normal; a long one may mean the step needs more room.
VAST_MIN_REFLECTIES = 3
VAST_MIN_DAGEN = 42
VROEGE_STAPPEN = (Stap.PROJECTIE, Stap.HERKENNING)
# Signal 2: this long without any reflection or herkenning note after "not recognised".
STIL_NA_DAGEN = 28


def verberg(aantal: int) -> int | None:
    """A count of people as shown: None when it could point at individuals."""
    return aantal if toonbaar(aantal) else None


def _filter(filters: Filters | None) -> Q:
    if filters is None or not filters.actief:
        return Q()
    return filters.groep_q("groep__")


def maanden(periode: Periode) -> list[datetime.date]:
    """First day of every calendar month that overlaps the period."""
    eerste = periode.begin.replace(day=1)
    uit = []
    while eerste <= periode.einde:
        uit.append(eerste)
        eerste = (eerste + datetime.timedelta(days=32)).replace(day=1)
    return uit


@dataclass
class Verdeling:
    maanden: list[datetime.date]
    # per step: per month the number of distinct people (None = too little data)
    per_stap: dict[int, list[int | None]]
    # per month: distinct people who wrote any reflection (None = too little data)
    mensen: list[int | None]

    @property
    def leeg(self) -> bool:
        return not any(self.mensen) and all(
            not any(w for w in reeks if w) for reeks in self.per_stap.values()
        )


def stappen_verdeling(periode: Periode, filters: Filters | None = None) -> Verdeling:
    """Per month: how many distinct people wrote reflections on each step. Closed months
    come from their summaries (impact/samenvatting.py), the rest is counted directly."""
    cijfers = samenvatting.per_maand(periode, filters or Filters(), ("stappen",))
    lijst = maanden(periode)
    leeg = samenvatting.leeg()
    per_maand = [cijfers.get(m, leeg) for m in lijst]
    return Verdeling(
        maanden=lijst,
        per_stap={
            stap.value: [verberg(c["stappen"][str(stap.value)]) for c in per_maand] for stap in Stap
        },
        mensen=[verberg(c["mensen"]) for c in per_maand],
    )


def maand_label(maand: datetime.date) -> str:
    return date_format(maand, "KORTE_MAAND_JAAR_FORMAT")


@dataclass
class Telling:
    code: str
    label: str
    mensen: int | None  # distinct people (None = too little data)
    momenten: int | None  # notes, shown only when the people count may be shown


def herkenning(periode: Periode, filters: Filters | None = None) -> dict[str, list[Telling]]:
    """What made it click (herkend) and what stood in the way (niet herkend), one query."""
    rijen = (
        Herkenningsmoment.objects.filter(
            _filter(filters),
            aangemaakt_op__gte=periode.begin_dt,
            aangemaakt_op__lt=periode.einde_dt,
        )
        .values("soort", "oorzaak", "belemmering")
        .annotate(mensen=Count("auteur", distinct=True), momenten=Count("pk"))
        .order_by()
    )
    gevonden = {(r["soort"], r["oorzaak"] or r["belemmering"]): r for r in rijen}

    def _tellingen(soort, keuzes):
        uit = []
        for code, label in keuzes:
            rij = gevonden.get((soort, code), {"mensen": 0, "momenten": 0})
            mensen = verberg(rij["mensen"])
            uit.append(
                Telling(code, label, mensen, rij["momenten"] if mensen is not None else None)
            )
        return uit

    H = Herkenningsmoment
    return {
        "oorzaken": _tellingen(H.Soort.HERKEND, H.Oorzaak.choices),
        "belemmeringen": _tellingen(H.Soort.NIET_HERKEND, H.Belemmering.choices),
    }


@dataclass
class Signaal:
    code: str
    titel: str
    uitleg: str
    aantal: int | None  # people (None = too little data)
    interventie: str
    groepen: list[tuple[str, int]] | None = None  # only for the group signal


def _vast_op_stap(periode: Periode, filters: Filters | None) -> dict[int, int]:
    """Per early step: the people whose reflections in the period (at least
    VAST_MIN_REFLECTIES, spread over VAST_MIN_DAGEN or more) were all on that step.
    One pass over the reflections for all early steps together."""
    per_persoon = (
        Reflectie.objects.filter(
            _filter(filters),
            aangemaakt_op__gte=periode.begin_dt,
            aangemaakt_op__lt=periode.einde_dt,
        )
        .values("auteur")
        .annotate(
            # COUNT(*), not of the key: then the index on the date with the author and
            # the step holds everything this asks (an index-only scan).
            n=Count("*"),
            laagste=Min("stap"),
            hoogste=Max("stap"),
            duur=ExpressionWrapper(
                Max("aangemaakt_op") - Min("aangemaakt_op"), output_field=DurationField()
            ),
        )
        .filter(
            n__gte=VAST_MIN_REFLECTIES,
            laagste=F("hoogste"),
            laagste__in=VROEGE_STAPPEN,
            duur__gte=datetime.timedelta(days=VAST_MIN_DAGEN),
        )
        .order_by()
    )
    tellingen = per_persoon.aggregate(
        **{f"stap{stap}": Count("auteur", filter=Q(laagste=stap)) for stap in VROEGE_STAPPEN}
    )
    return {stap: tellingen[f"stap{stap}"] for stap in VROEGE_STAPPEN}


def _stil_na_niet_herkend(periode: Periode, filters: Filters | None, vandaag) -> int:
    """People whose last note in the period was "not recognised" and who wrote nothing since."""
    from django.db.models import Exists, OuterRef

    grens = min(
        periode.einde_dt, timezone.make_aware(datetime.datetime.combine(vandaag, datetime.time.min))
    )
    grens -= datetime.timedelta(days=STIL_NA_DAGEN)
    # "Later" than a note in the period is after its start too: saying so lets the
    # database skip everything older.
    later = {"aangemaakt_op__gt": OuterRef("aangemaakt_op"), "aangemaakt_op__gte": periode.begin_dt}
    later_reflectie = Reflectie.objects.filter(auteur=OuterRef("auteur"), **later)
    later_moment = Herkenningsmoment.objects.filter(auteur=OuterRef("auteur"), **later)
    return (
        Herkenningsmoment.objects.filter(
            _filter(filters),
            soort=Herkenningsmoment.Soort.NIET_HERKEND,
            aangemaakt_op__gte=periode.begin_dt,
            aangemaakt_op__lt=grens,
        )
        .filter(~Exists(later_reflectie), ~Exists(later_moment))
        .values("auteur")
        .distinct()
        .count()
    )


def _onveilige_groepen(periode: Periode, filters: Filters | None) -> list[tuple[str, int]]:
    rijen = (
        Herkenningsmoment.objects.filter(
            _filter(filters),
            groep__isnull=False,
            belemmering=Herkenningsmoment.Belemmering.NIET_VEILIG,
            aangemaakt_op__gte=periode.begin_dt,
            aangemaakt_op__lt=periode.einde_dt,
        )
        .values("groep", "groep__naam")
        .annotate(mensen=Count("auteur", distinct=True))
        .filter(mensen__gte=MIN_AGGREGATE)
        .order_by("-mensen", "groep__naam")
    )
    return [(r["groep__naam"], r["mensen"]) for r in rijen]


def signalen(periode: Periode, filters: Filters | None = None, vandaag=None) -> list[Signaal]:
    """Concrete signals where recovery may stall, each with the model's suggestion (3 queries)."""
    vandaag = vandaag or timezone.localdate()
    weken = VAST_MIN_DAGEN // 7
    vast = _vast_op_stap(periode, filters)
    uit = [
        Signaal(
            "vast_projectie",
            _("Staying with projection"),
            _(
                "People whose reflections in this period (at least %(n)s, spread over "
                "%(weken)s weeks or more) were all about projection."
            )
            % {"n": VAST_MIN_REFLECTIES, "weken": weken},
            verberg(vast[Stap.PROJECTIE]),
            _(
                "Projection happens without people noticing. Check whether groups give room "
                "to name what stirs people up in others, and to talk about it without judgement."
            ),
        ),
        Signaal(
            "vast_herkenning",
            _("Recognition without a next step"),
            _(
                "People whose reflections in this period (at least %(n)s, spread over "
                "%(weken)s weeks or more) were all about recognition."
            )
            % {"n": VAST_MIN_REFLECTIES, "weken": weken},
            verberg(vast[Stap.HERKENNING]),
            _(
                "Recognition is the turning point; acknowledgement needs a safe, equal group. "
                "Give time to feelings without fixing them, and watch that nobody is placed "
                "above the others."
            ),
        ),
        Signaal(
            "stil_na_niet_herkend",
            _("Silent after not feeling recognised"),
            _(
                "People whose last note was 'I did not feel recognised' and who wrote nothing "
                "in the %(dagen)s days after it."
            )
            % {"dagen": STIL_NA_DAGEN},
            verberg(_stil_na_niet_herkend(periode, filters, vandaag)),
            _(
                "Not feeling recognised can make people drop out. Offer contact outside the "
                "meetings, such as a follow-up meeting or the community, and encourage sharing "
                "experiences in equal groups so more stories can touch people."
            ),
        ),
    ]
    groepen = _onveilige_groepen(periode, filters)
    uit.append(
        Signaal(
            "niet_veilig",
            _("Groups where it did not feel safe"),
            _(
                "Groups where at least %(min)s different people noted that it did not feel "
                "safe. Smaller numbers are not shown."
            )
            % {"min": MIN_AGGREGATE},
            len(groepen),
            _(
                "Safety and equality carry everything. Talk with the facilitators of these "
                "groups, for example in intervision, about group dynamics, boundaries and "
                "their double role."
            ),
            groepen=groepen,
        )
    )
    return uit


def modelspiegel(periode: Periode, filters: Filters | None = None, vandaag=None) -> dict:
    """Everything the page and the CSV show (6 queries, whatever the amount of data)."""
    return {
        "verdeling": stappen_verdeling(periode, filters),
        "herkenning": herkenning(periode, filters),
        "signalen": signalen(periode, filters, vandaag),
    }


def grafieken(data: dict) -> dict:
    """The charts (each with its data table) for the page, from modelspiegel()."""
    from .grafiek import gestapeld, staafdiagram

    verdeling = data["verdeling"]
    mensen = _("People")
    return {
        "stappen": gestapeld(
            [maand_label(m) for m in verdeling.maanden],
            [(Stap(s).label, verdeling.per_stap[s]) for s in sorted(verdeling.per_stap)],
            _("People per step, per month"),
            id="stappen",
            kop_periode=_("Month"),
            beschrijving=_(
                "For each month, how many different people wrote a reflection on each step. "
                "The table below the chart shows the same figures."
            ),
        ),
        "oorzaken": staafdiagram(
            [(t.label, t.mensen) for t in data["herkenning"]["oorzaken"]],
            _("What made recognition happen"),
            id="oorzaken",
            kop_label=_("What made it click"),
            kop_waarde=mensen,
        ),
        "belemmeringen": staafdiagram(
            [(t.label, t.mensen) for t in data["herkenning"]["belemmeringen"]],
            _("What stood in the way of recognition"),
            id="belemmeringen",
            kop_label=_("What stood in the way"),
            kop_waarde=mensen,
        ),
    }
