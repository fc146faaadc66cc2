"""Participation figures for coordinators: counts only, never names or words.

Every function runs a fixed number of aggregate queries, however many people, groups or
attendance rows there are; the heavy ones are set-based (joins and GROUP BY, no subquery
per person). Only the completed course participations of the period and their contact
windows come back as rows, to be counted in Python. Definitions (a period P = [begin,
einde], filters on the group's location and offer; the walk-in is left out of everything
about participants):

- **Active participant**: a person with a participant membership that is "taking part",
  started (``sinds``) before the end of P, in a group that runs during P (started on or
  before the end, not ended before the start). Counted once however many groups.
- **New participant**: active in P, and no participant membership (taking part) that had
  already started before P in a group that had already started before P. So their first
  group starts in P.
- **Enrolments**: participant memberships created in P, by their status now.
- **Attendance rate**: of the attendance rows registered for meetings in P (cancelled
  meetings and the walk-in left out), the share "present".
- **Completion rate**: participants of courses (Aanbod.Soort.CURSUS) whose group ended in
  P who were present at no less than the offer's ``voltooiing_percentage`` of the group's
  non-cancelled meetings. Counted per participation.
- **Retention**: of the people active in the previous period (``Periode.vorige()``), the
  share who are active in P as well.
- **Doorstroom**: people who had a participant membership before, and in P started a
  membership as volunteer (``vrijwilliger``) or as facilitator (co-facilitator).
- **Black hole**: of the people who completed a course that ended in P, the share with
  any contact in a window after the end of their group: 0-1 month (days 1-30), 1-3
  months (days 31-91) and 3-6 months (days 92-183). Contact = present at a nazit or any
  meeting, a thread, post or "I recognise this" in the community, or a new membership.
  Per window only the people whose window has fully passed count (their group's end +
  the window's last day is before today); when nobody's has, it is "not yet measurable".
  So a recent period shows the first month already while months 4-6 are still to come.

Privacy: a count of 1-4 people is replaced by None ("too little data"), and so is a
rate whose denominator is fewer than 5 people (deelnemers.privacy).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.db.models.functions import (
    Cast,
    ExtractIsoYear,
    ExtractWeek,
    TruncDate,
    TruncMonth,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from deelnemers.privacy import MIN_AGGREGATE, toonbaar
from groepen.models import (
    Aanbod,
    Aanwezigheid,
    InloopTelling,
    Lidmaatschap,
)
from nazorg.community_models import Bericht, Draad, HerkenIk
from nazorg.models import Herinnering

from .periode import Filters, Periode

NIET_MEETBAAR = _("not yet measurable")
GEEN_GEGEVENS = _("no data")

# (from day, to day) after the end of a course: "1, 3 and 6 months".
HORIZONNEN = [
    (1, 0, 30),
    (3, 30, 91),
    (6, 91, 183),
]
# Above this many weeks the walk-in chart shows months, so it stays readable on a phone.
MAX_WEKEN = 26


@dataclass(frozen=True)
class Cijfer:
    sleutel: str  # stable code, used in the CSV
    label: str
    waarde: int | float | None  # None: too little data
    eenheid: str = ""  # "%" for a share
    reden: str = ""  # instead of a figure: "no data", "not yet measurable"
    uitleg: str = ""

    @property
    def voor_grafiek(self):
        return str(self.reden) if self.reden else self.waarde

    @property
    def tekst(self) -> str:
        from .grafiek import tekst

        return tekst(self.voor_grafiek, self.eenheid)


@dataclass
class Deelname:
    periode: Periode
    filters: Filters
    kerncijfers: list[Cijfer]
    inschrijvingen: list[Cijfer]
    doorstroom: list[Cijfer]
    zwart_gat: list[Cijfer]
    zwart_gat_basis: Cijfer
    inloop: list[tuple[str, int | None]]
    inloop_per_maand: bool
    facilitators: list[dict] = field(default_factory=list)
    te_weinig_mensen: bool = False
    nog_geen_gegevens: bool = False


def _aantal(n: int) -> int | None:
    return n if toonbaar(n) else None


def _aandeel(teller: int, noemer: int, mensen: int | None = None) -> tuple:
    """(percentage or None, reason). ``mensen``: people behind the denominator."""
    mensen = noemer if mensen is None else mensen
    if noemer == 0:
        return None, GEEN_GEGEVENS
    if mensen < MIN_AGGREGATE:
        return None, ""
    return 100 * teller / noemer, ""


def _cijfer(sleutel, label, teller, noemer, mensen=None, uitleg=""):
    waarde, reden = _aandeel(teller, noemer, mensen)
    return Cijfer(sleutel, str(label), waarde, "%", reden, str(uitleg))


def lopend_q(periode: Periode, prefix: str = "") -> Q:
    return Q(**{f"{prefix}startdatum__lte": periode.einde}) & (
        Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gte": periode.begin})
    )


def _zonder_inloop(filters: Filters, prefix: str = "") -> Q:
    return filters.groep_q(prefix) & ~Q(**{f"{prefix}aanbod__soort": Aanbod.Soort.INLOOP})


def _actief_q(periode: Periode, filters: Filters) -> Q:
    """On a participant membership: it makes someone an active participant in the period."""
    return (
        lopend_q(periode, "groep__")
        & _zonder_inloop(filters, "groep__")
        & Q(sinds__lt=periode.einde_dt)
    )


def actieve_lidmaatschappen(periode: Periode, filters: Filters):
    """Participant memberships that make someone an active participant in the period."""
    return Lidmaatschap.objects.deelnemers().filter(_actief_q(periode, filters))


def _mensen(periode: Periode, filters: Filters) -> dict:
    """Active, new and retained people in one query: one pass over the participant
    memberships, grouped per person, then counted (no subquery per person)."""
    # Already taking part before the period, in a group that had started before it.
    eerder = Q(sinds__lt=periode.begin_dt, groep__startdatum__lt=periode.begin)
    per_persoon = (
        Lidmaatschap.objects.deelnemers()
        .values("user")
        .annotate(
            nu=Count("pk", filter=_actief_q(periode, filters)),
            toen=Count("pk", filter=_actief_q(periode.vorige(), filters)),
            al=Count("pk", filter=eerder),
        )
        .filter(Q(nu__gt=0) | Q(toen__gt=0))
        .order_by()
    )
    return per_persoon.aggregate(
        actief=Count("user", filter=Q(nu__gt=0)),
        nieuw=Count("user", filter=Q(nu__gt=0, al=0)),
        vorig=Count("user", filter=Q(toen__gt=0)),
        terug=Count("user", filter=Q(nu__gt=0, toen__gt=0)),
    )


def _inschrijvingen(periode: Periode, filters: Filters) -> dict:
    status = Lidmaatschap.Status
    return Lidmaatschap.objects.filter(
        _zonder_inloop(filters, "groep__"),
        rol=Lidmaatschap.Rol.DEELNEMER,
        sinds__gte=periode.begin_dt,
        sinds__lt=periode.einde_dt,
    ).aggregate(
        totaal=Count("pk"),
        actief=Count("pk", filter=Q(status=status.ACTIEF)),
        wachtlijst=Count("pk", filter=Q(status=status.WACHTLIJST)),
        uitgeschreven=Count("pk", filter=Q(status=status.UITGESCHREVEN)),
    )


def _opkomst(periode: Periode, filters: Filters) -> dict:
    return Aanwezigheid.objects.filter(
        _zonder_inloop(filters, "bijeenkomst__groep__"),
        bijeenkomst__begint_om__gte=periode.begin_dt,
        bijeenkomst__begint_om__lt=periode.einde_dt,
        bijeenkomst__geannuleerd=False,
    ).aggregate(
        aanwezig=Count("pk", filter=Q(status=Aanwezigheid.Status.AANWEZIG)),
        totaal=Count("pk"),
        mensen=Count("user", distinct=True),
    )


def _na_einde(dagen: int):
    return Cast(F("einde") + datetime.timedelta(days=dagen), DateField())


# Where someone can show a sign of life after their course: (model, the person, when it
# happened, whether that is a date rather than a moment, which rows count). See "Black
# hole" in the module docstring.
BRONNEN = [
    (Herinnering, "user", "moment__datum", True, Q(aanwezig=True)),
    (
        Aanwezigheid,
        "user",
        "bijeenkomst__begint_om",
        False,
        Q(status=Aanwezigheid.Status.AANWEZIG, bijeenkomst__geannuleerd=False),
    ),
    (Draad, "auteur", "aangemaakt_op", False, Q()),
    (Bericht, "auteur", "aangemaakt_op", False, Q()),
    (HerkenIk, "user", "aangemaakt_op", False, Q()),
    (Lidmaatschap, "user", "sinds", False, Q()),
]


def _cursus_q(periode: Periode, filters: Filters, prefix: str = "") -> Q:
    """On a membership: a participation of a course whose group ended in the period."""
    return filters.groep_q(f"{prefix}groep__") & Q(
        **{
            f"{prefix}status": Lidmaatschap.Status.ACTIEF,
            f"{prefix}rol": Lidmaatschap.Rol.DEELNEMER,
            f"{prefix}groep__aanbod__soort": Aanbod.Soort.CURSUS,
            f"{prefix}groep__einddatum__gte": periode.begin,
            f"{prefix}groep__einddatum__lte": periode.einde,
        }
    )


def _voltooid(leden):
    """The completed participations among ``leden`` as (membership, person, end) rows.

    One pass: each membership is joined to its group's meetings and, per meeting, to the
    person's own "present" (at most one row per meeting), then counted per membership;
    no subquery per row."""
    bij = "groep__bijeenkomsten"
    gehouden = Q(groep__bijeenkomsten__geannuleerd=False)
    eigen = FilteredRelation(
        f"{bij}__aanwezigheden",
        condition=Q(
            **{
                f"{bij}__aanwezigheden__user": F("user"),
                f"{bij}__aanwezigheden__status": Aanwezigheid.Status.AANWEZIG,
            }
        ),
    )
    return (
        leden.annotate(eigen=eigen)
        .values("pk", "user", einde=F("groep__einddatum"))
        .annotate(
            procent=F("groep__aanbod__voltooiing_percentage"),
            bijeenkomsten=Count(bij, filter=gehouden),
            aanwezig100=100 * Count("eigen", filter=gehouden),
        )
        .filter(bijeenkomsten__gt=0, aanwezig100__gte=F("procent") * F("bijeenkomsten"))
        .values_list("pk", "user", "einde")
        .order_by()
    )


def _contact(periode: Periode, filters: Filters, voor: datetime.date):
    """Signs of life after the end of a course participation (_cursus_q) whose group
    ended before ``voor``: the distinct (person, end of the group, window) with any, the
    window being the months of HORIZONNEN. One query, a UNION with a part per source;
    each part joins the source's rows to the course memberships of the same person, so
    only those people are looked at. Compared as dates, so it is the same on PostgreSQL
    and SQLite."""
    laatste = HORIZONNEN[-1][2]
    # Every window lies in here: a cheap, indexable first cut on the source's own column.
    ruim = Periode(
        periode.begin + datetime.timedelta(days=1),
        periode.einde + datetime.timedelta(days=laatste),
        "",
    )
    # The windows follow each other, so the first whose last day is not passed is the one.
    venster = Case(
        *[When(dag__lte=_na_einde(tot), then=maanden) for maanden, _van, tot in HORIZONNEN[:-1]],
        default=HORIZONNEN[-1][0],
    )
    delen = []
    for model, wie, veld, is_datum, welke in BRONNEN:
        if is_datum:
            dag = F(veld)
            binnen = {f"{veld}__gte": ruim.begin, f"{veld}__lte": ruim.einde}
        else:
            dag = TruncDate(veld)
            binnen = {f"{veld}__gte": ruim.begin_dt, f"{veld}__lt": ruim.einde_dt}
        lid = f"{wie}__lidmaatschappen"
        delen.append(
            # One filter() call, so the selection and the end date use the same join.
            model.objects.filter(
                welke,
                _cursus_q(periode, filters, f"{lid}__"),
                **binnen,
                **{f"{lid}__groep__einddatum__lt": voor},
            )
            .annotate(wie=F(wie), einde=F(f"{lid}__groep__einddatum"), dag=dag)
            .filter(dag__gt=F("einde"), dag__lte=_na_einde(laatste))
            .annotate(venster=venster)
            .values_list("wie", "einde", "venster")
            .distinct()
            .order_by()
        )
    return delen[0].union(*delen[1:], all=True)


def _voltooiing(periode: Periode, filters: Filters, vandaag: datetime.date) -> dict:
    """Completion and the black hole in three queries, none of them correlated: the
    participations, the completed ones, and the contact after the end."""
    leden = Lidmaatschap.objects.filter(_cursus_q(periode, filters))
    uit = leden.aggregate(deelnames=Count("pk"), deelnemers=Count("user", distinct=True))
    voltooid = list(_voltooid(leden))
    uit["voltooid"] = len(voltooid)
    uit["voltooiers"] = len({user for _pk, user, _einde in voltooid})
    # Contact is looked up for the participations whose first window has passed.
    eerste = vandaag - datetime.timedelta(days=HORIZONNEN[0][2])
    contact = set(_contact(periode, filters, eerste))
    for maanden, _van, tot in HORIZONNEN:
        grens = vandaag - datetime.timedelta(days=tot)
        voorbij = [(user, einde) for _pk, user, einde in voltooid if einde < grens]
        uit[f"meetbaar{maanden}"] = len({user for user, _einde in voorbij})
        uit[f"contact{maanden}"] = len(
            {user for user, einde in voorbij if (user, einde, maanden) in contact}
        )
    return uit


def _doorstroom(periode: Periode, filters: Filters) -> dict:
    eerder_deelnemer = Exists(
        Lidmaatschap.objects.filter(
            user=OuterRef("user"),
            rol=Lidmaatschap.Rol.DEELNEMER,
            sinds__lt=OuterRef("sinds"),
        ).exclude(status=Lidmaatschap.Status.WACHTLIJST)
    )
    return (
        Lidmaatschap.objects.actief()
        .filter(
            filters.groep_q("groep__"),
            Q(vrijwilliger=True) | Q(rol=Lidmaatschap.Rol.FACILITATOR),
            eerder_deelnemer,
            sinds__gte=periode.begin_dt,
            sinds__lt=periode.einde_dt,
        )
        .aggregate(
            totaal=Count("user", distinct=True),
            vrijwilliger=Count("user", distinct=True, filter=Q(vrijwilliger=True)),
            cofacilitator=Count("user", distinct=True, filter=Q(rol=Lidmaatschap.Rol.FACILITATOR)),
        )
    )


def _inloop(periode: Periode, filters: Filters) -> tuple[list, bool]:
    """Walk-in visits per ISO week (or per month for long periods), empty weeks as 0.

    Visitors are counted, not registered, yet a week with 1-4 visits is still hidden:
    the rule is the same for every count of people."""
    tellingen = InloopTelling.objects.filter(
        filters.groep_q("groep__"),
        groep__aanbod__soort=Aanbod.Soort.INLOOP,
        datum__gte=periode.begin,
        datum__lte=periode.einde,
    ).order_by()
    per_maand = periode.dagen > MAX_WEKEN * 7
    if per_maand:
        rijen = tellingen.annotate(m=TruncMonth("datum")).values("m").annotate(n=Sum("aantal"))
        gevonden = {r["m"]: r["n"] for r in rijen}
        reeks, dag = [], periode.begin.replace(day=1)
        while dag <= periode.einde:
            reeks.append((date_format(dag, "M Y"), _aantal(gevonden.get(dag, 0))))
            dag = (dag + datetime.timedelta(days=32)).replace(day=1)
        return reeks, True
    rijen = (
        tellingen.annotate(j=ExtractIsoYear("datum"), w=ExtractWeek("datum"))
        .values("j", "w")
        .annotate(n=Sum("aantal"))
    )
    gevonden = {(r["j"], r["w"]): r["n"] for r in rijen}
    reeks, dag = [], periode.begin - datetime.timedelta(days=periode.begin.weekday())
    while dag <= periode.einde:
        jaar, week, _dag = dag.isocalendar()
        label = gettext("wk %(week)s") % {"week": week}
        reeks.append((label, _aantal(gevonden.get((jaar, week), 0))))
        dag += datetime.timedelta(days=7)
    return reeks, False


def _facilitators(periode: Periode, filters: Filters) -> list[dict]:
    """Per facilitator (a colleague, so by roepnaam): groups running and meetings held
    since they joined."""
    in_periode = Q(
        groep__bijeenkomsten__begint_om__gte=periode.begin_dt,
        groep__bijeenkomsten__begint_om__lt=periode.einde_dt,
        groep__bijeenkomsten__geannuleerd=False,
    ) & Q(groep__bijeenkomsten__begint_om__gte=F("sinds"))  # since they joined as facilitator
    return list(
        Lidmaatschap.objects.facilitators()
        .filter(lopend_q(periode, "groep__"), filters.groep_q("groep__"))
        .values("user", "user__roepnaam")
        .annotate(
            groepen=Count("groep", distinct=True),
            bijeenkomsten=Count("groep__bijeenkomsten", filter=in_periode, distinct=True),
        )
        .order_by("-bijeenkomsten", "-groepen", "user__roepnaam")
    )


def deelname(periode: Periode, filters: Filters, vandaag: datetime.date | None = None):
    vandaag = vandaag or timezone.localdate()
    mensen = _mensen(periode, filters)
    inschr = _inschrijvingen(periode, filters)
    opkomst = _opkomst(periode, filters)
    voltooiing = _voltooiing(periode, filters, vandaag)
    door = _doorstroom(periode, filters)
    inloop, per_maand = _inloop(periode, filters)

    kerncijfers = [
        Cijfer(
            "actief",
            gettext("Active participants"),
            _aantal(mensen["actief"]),
            uitleg=gettext("People taking part in a group that ran in this period."),
        ),
        Cijfer(
            "nieuw",
            gettext("New participants"),
            _aantal(mensen["nieuw"]),
            uitleg=gettext("Active people whose first group started in this period."),
        ),
        _cijfer(
            "opkomst",
            _("Attendance"),
            opkomst["aanwezig"],
            opkomst["totaal"],
            opkomst["mensen"],
            _("Share 'present' of all attendance noted for meetings in this period."),
        ),
        _cijfer(
            "voltooiing",
            _("Completed a course"),
            voltooiing["voltooid"],
            voltooiing["deelnames"],
            voltooiing["deelnemers"],
            _("Of the participants of courses that ended in this period."),
        ),
        _cijfer(
            "behoud",
            _("Still taking part"),
            mensen["terug"],
            mensen["vorig"],
            uitleg=_("Of the people active in %(vorige)s, the share active again now.")
            % {"vorige": periode.vorige().label},
        ),
    ]
    inschrijvingen = [
        Cijfer("inschrijvingen", gettext("All enrolments"), _aantal(inschr["totaal"])),
        Cijfer("inschrijvingen_actief", gettext("Taking part"), _aantal(inschr["actief"])),
        Cijfer(
            "inschrijvingen_wachtlijst",
            gettext("On the waiting list"),
            _aantal(inschr["wachtlijst"]),
        ),
        Cijfer(
            "inschrijvingen_uitgeschreven",
            gettext("Cancelled"),
            _aantal(inschr["uitgeschreven"]),
        ),
    ]
    doorstroom = [
        Cijfer("doorstroom", gettext("Moved on to help"), _aantal(door["totaal"])),
        Cijfer("doorstroom_vrijwilliger", gettext("As volunteer"), _aantal(door["vrijwilliger"])),
        Cijfer(
            "doorstroom_cofacilitator",
            gettext("As co-facilitator"),
            _aantal(door["cofacilitator"]),
        ),
    ]
    zwart_gat = []
    for maanden, _van, _tot in HORIZONNEN:
        label = gettext("%(n)s months after the end") % {"n": maanden}
        if maanden == 1:
            label = gettext("1 month after the end")
        sleutel = f"contact_{maanden}m"
        meetbaar = voltooiing[f"meetbaar{maanden}"]
        if voltooiing["voltooiers"] and not meetbaar:
            zwart_gat.append(Cijfer(sleutel, label, None, "%", str(NIET_MEETBAAR)))
        else:
            zwart_gat.append(_cijfer(sleutel, label, voltooiing[f"contact{maanden}"], meetbaar))
    return Deelname(
        periode=periode,
        filters=filters,
        kerncijfers=kerncijfers,
        inschrijvingen=inschrijvingen,
        doorstroom=doorstroom,
        zwart_gat=zwart_gat,
        zwart_gat_basis=Cijfer(
            "voltooiers",
            gettext("People who completed a course"),
            _aantal(voltooiing["voltooiers"]),
        ),
        inloop=inloop,
        inloop_per_maand=per_maand,
        facilitators=_facilitators(periode, filters),
        te_weinig_mensen=0 < mensen["actief"] < MIN_AGGREGATE,
        nog_geen_gegevens=periode.nog_geen_gegevens(vandaag),
    )
