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
  volunteer role (groepen.Vrijwilligersrol), counted in total, "as volunteer" (a role of
  any kind), and per kind: co-facilitator, host, moderator, buddy. A facilitator or
  volunteer membership started in P counts as well (the history from before roles, and
  the coordinator's direct way of adding a facilitator); see _doorstroom.
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
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    ExtractIsoYear,
    ExtractWeek,
    TruncMonth,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from deelnemers.privacy import MIN_AGGREGATE, toonbaar
from groepen.models import (
    Aanbod,
    InloopTelling,
    Lidmaatschap,
    Vrijwilligersrol,
)

from . import samenvatting
from .periode import Filters, Periode
from .zwart_gat import HORIZONNEN
from .zwart_gat import voltooiing as _voltooiing

NIET_MEETBAAR = _("not yet measurable")
GEEN_GEGEVENS = _("no data")

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


def _inschrijvingen(maanden: dict) -> dict:
    """Participant memberships begun in the period, by status now: summed over the
    months of impact/samenvatting.py."""
    sleutels = ("totaal", "actief", "wachtlijst", "uitgeschreven")
    return {k: sum(c["inschrijvingen"][k] for c in maanden.values()) for k in sleutels}


def _opkomst(periode: Periode, filters: Filters, maanden: dict) -> dict:
    """Attendance rows of the period's meetings, summed over the months; ``mensen`` is
    only compared with MIN_AGGREGATE, so it says 5 or 0 (impact/samenvatting.py)."""
    uit = {k: sum(c["opkomst"][k] for c in maanden.values()) for k in ("aanwezig", "totaal")}
    genoeg = samenvatting.opkomst_mensen_genoeg(periode, filters, maanden)
    uit["mensen"] = MIN_AGGREGATE if genoeg else 0
    return uit


# Doorstroom per kind of help, the codes the one query below gives back per person.
DOORSTROOM_ROLLEN = {
    "gastheer": Vrijwilligersrol.Soort.GASTHEER,
    "moderator": Vrijwilligersrol.Soort.MODERATOR,
    "buddy": Vrijwilligersrol.Soort.BUDDY,
}
_LID_FACILITATOR, _LID_VRIJWILLIGER, _LID_BEIDE = "lid_f", "lid_v", "lid_fv"


def _doorstroom(periode: Periode, filters: Filters) -> dict:
    """People who took part (a participant membership, not a waiting-list place) before,
    and started helping in P. One query: the (person, kind) pairs come back as rows, a
    handful per period, and are counted per figure here.

    Helping is a volunteer role (groepen.Vrijwilligersrol) that starts in P, and, for the
    history before roles and the coordinator's direct way of adding a facilitator, a
    facilitator or volunteer membership that started in P (a membership that a
    co-facilitator role made is left out: the role counts, on its own start date).
    """
    eerder_deelnemer = Lidmaatschap.objects.filter(
        user=OuterRef("user"), rol=Lidmaatschap.Rol.DEELNEMER
    ).exclude(status=Lidmaatschap.Status.WACHTLIJST)
    rollen = (
        Vrijwilligersrol.objects.filter(
            filters.groep_q("groep__"),
            Exists(eerder_deelnemer.filter(sinds__date__lt=OuterRef("begint_op"))),
            begint_op__gte=periode.begin,
            begint_op__lte=periode.einde,
        )
        .order_by()
        .values_list("user_id", "soort")
    )
    van_een_rol = Vrijwilligersrol.objects.filter(
        user=OuterRef("user"),
        groep=OuterRef("groep"),
        soort=Vrijwilligersrol.Soort.COFACILITATOR,
    )
    facilitator = Q(rol=Lidmaatschap.Rol.FACILITATOR)
    lidmaatschappen = (
        Lidmaatschap.objects.actief()
        .filter(
            filters.groep_q("groep__"),
            Q(vrijwilliger=True) | facilitator,
            Exists(eerder_deelnemer.filter(sinds__lt=OuterRef("sinds"))),
            sinds__gte=periode.begin_dt,
            sinds__lt=periode.einde_dt,
        )
        .exclude(Exists(van_een_rol))
        .annotate(
            code=Case(
                When(facilitator & Q(vrijwilliger=True), then=Value(_LID_BEIDE)),
                When(facilitator, then=Value(_LID_FACILITATOR)),
                default=Value(_LID_VRIJWILLIGER),
                output_field=CharField(),
            )
        )
        .order_by()
        .values_list("user_id", "code")
    )
    paren = set(rollen.union(lidmaatschappen))
    rolsoorten = set(Vrijwilligersrol.Soort.values)

    def mensen(codes) -> int:
        return len({user for user, code in paren if code in codes})

    uitkomst = {
        "totaal": len({user for user, _code in paren}),
        # "As volunteer": any role of any kind (and the old volunteer flag).
        "vrijwilliger": mensen(rolsoorten | {_LID_VRIJWILLIGER, _LID_BEIDE}),
        "cofacilitator": mensen(
            {Vrijwilligersrol.Soort.COFACILITATOR, _LID_FACILITATOR, _LID_BEIDE}
        ),
    }
    for sleutel, soort in DOORSTROOM_ROLLEN.items():
        uitkomst[sleutel] = mensen({soort})
    return uitkomst


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
            reeks.append(
                (date_format(dag, "KORTE_MAAND_JAAR_FORMAT"), _aantal(gevonden.get(dag, 0)))
            )
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
    maanden = samenvatting.per_maand(periode, filters, ("opkomst", "inschrijvingen"), vandaag)
    inschr = _inschrijvingen(maanden)
    opkomst = _opkomst(periode, filters, maanden)
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
        Cijfer("doorstroom_gastheer", gettext("As host of the walk-in"), _aantal(door["gastheer"])),
        Cijfer("doorstroom_moderator", gettext("As moderator"), _aantal(door["moderator"])),
        Cijfer("doorstroom_buddy", gettext("As buddy"), _aantal(door["buddy"])),
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
