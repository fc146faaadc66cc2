"""Attendance (aanwezigheid): the register per meeting, tallies, and completing a cursus.

Completion rule: a participant completed a cursus when the meetings they were present
at, divided by the group's meetings that were not cancelled, is at least the aanbod's
voltooiing_percentage (75% by default). Cancelled meetings count on neither side.
Only a cursus can be completed; groups and workshops have no such idea.

Every function here runs a fixed number of queries, however many people or meetings.
"""

import math
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap

STATUS = Aanwezigheid.Status


@dataclass(frozen=True)
class Voortgang:
    """How one participant is doing in one group, in plain numbers."""

    aanwezig: int  # meetings they were present at (not cancelled ones)
    gehouden: int  # meetings that have started so far (not cancelled)
    totaal: int  # all meetings of the group that were not cancelled
    percentage: int  # share needed to complete (from the aanbod)
    cursus: bool

    @property
    def nodig(self) -> int:
        """How many meetings someone needs to be present at to complete the cursus."""
        return math.ceil(self.percentage * self.totaal / 100)

    @property
    def voltooid(self) -> bool:
        return is_voltooid(self.aanwezig, self.totaal, self.percentage) if self.cursus else False


def is_voltooid(aanwezig: int, totaal: int, percentage: int) -> bool:
    """Integer maths, so exactly 75% counts (6 of 8) and rounding never decides."""
    return totaal > 0 and aanwezig * 100 >= percentage * totaal


@dataclass(frozen=True)
class Telling:
    """The tally of one meeting's register."""

    aanwezig: int = 0
    afgemeld: int = 0
    afwezig: int = 0

    @property
    def ingevuld(self) -> bool:
        return bool(self.aanwezig or self.afgemeld or self.afwezig)


# --- Meetings ------------------------------------------------------------------------


def kan_registreren(bijeenkomst: Bijeenkomst) -> bool:
    """Attendance can be kept from the day of the meeting on, never for a cancelled one,
    and never for the walk-in (visitors are counted, not named)."""
    return (
        not bijeenkomst.geannuleerd
        and bijeenkomst.groep.aanbod.met_inschrijving
        and timezone.localdate(bijeenkomst.begint_om) <= timezone.localdate()
    )


def bijeenkomsten_met_telling(groep: Groep, afgemeld_door=None) -> list[Bijeenkomst]:
    """All meetings of a group, each with `.telling` (a Telling), in one query; with
    `afgemeld_door` (a person) also `.afgemeld` for them, as bijeenkomsten_van()."""
    bijeenkomsten = (
        _met_afmelding(groep.bijeenkomsten.select_related("plek"), afgemeld_door)
        .annotate(
            n_aanwezig=Count("aanwezigheden", filter=Q(aanwezigheden__status=STATUS.AANWEZIG)),
            n_afgemeld=Count("aanwezigheden", filter=Q(aanwezigheden__status=STATUS.AFGEMELD)),
            n_afwezig=Count("aanwezigheden", filter=Q(aanwezigheden__status=STATUS.AFWEZIG)),
        )
        .order_by("begint_om")
    )
    result = list(bijeenkomsten)
    for b in result:
        b.groep = groep  # avoid a query per meeting for b.plaats
        b.telling = Telling(b.n_aanwezig, b.n_afgemeld, b.n_afwezig)
        b.registreerbaar = kan_registreren(b)
    return result


# --- Progress and completion ---------------------------------------------------------


def _aantal(queryset, per: str):
    """A scalar subquery: how many rows `queryset` has (0 when none). `per` is the field
    the rows share (the outer reference), so the count is one group."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(per).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _met_voortgang(leden, groep: Groep):
    """Annotate participant memberships of `groep` with their attendance numbers."""
    telbaar = Bijeenkomst.objects.filter(groep=groep, geannuleerd=False)
    return leden.annotate(
        n_aanwezig=_aantal(
            Aanwezigheid.objects.filter(
                user=OuterRef("user"),
                bijeenkomst__groep=groep,
                bijeenkomst__geannuleerd=False,
                status=STATUS.AANWEZIG,
            ),
            "user",
        ),
        n_gehouden=_aantal(telbaar.filter(begint_om__lte=timezone.now()), "groep"),
        n_totaal=_aantal(telbaar, "groep"),
    )


def _voortgang_uit(lid: Lidmaatschap, aanbod: Aanbod) -> Voortgang:
    return Voortgang(
        aanwezig=lid.n_aanwezig,
        gehouden=lid.n_gehouden,
        totaal=lid.n_totaal,
        percentage=aanbod.voltooiing_percentage,
        cursus=aanbod.soort == Aanbod.Soort.CURSUS,
    )


def deelnemers_met_voortgang(groep: Groep) -> list[Lidmaatschap]:
    """The group's active participants (by display name), each with `.voortgang`.

    One query, however many participants and meetings. `groep.aanbod` must be loaded.
    """
    leden = list(
        _met_voortgang(
            Lidmaatschap.objects.deelnemers().filter(groep=groep).select_related("user"), groep
        ).order_by("user__roepnaam", "pk")
    )
    for lid in leden:
        lid.voortgang = _voortgang_uit(lid, groep.aanbod)
    return leden


def voortgang_van(user, groep: Groep) -> Voortgang | None:
    """A person's own progress in a group, or None when they are not an active participant.

    One query. `groep.aanbod` must be loaded.
    """
    if not user.is_authenticated:
        return None
    lid = _met_voortgang(
        Lidmaatschap.objects.deelnemers().filter(groep=groep, user=user), groep
    ).first()
    return None if lid is None else _voortgang_uit(lid, groep.aanbod)


def mag_certificaat(groep: Groep, voortgang: Voortgang | None) -> bool:
    """A certificate exists for a participant who completed a cursus that offers one."""
    return bool(
        groep.aanbod.certificaat
        and groep.aanbod.soort == Aanbod.Soort.CURSUS
        and voortgang is not None
        and voortgang.voltooid
    )


def periode(groep: Groep) -> dict:
    """First and last meeting that took place (not cancelled): {"van": dt, "tot": dt}."""
    return groep.bijeenkomsten.filter(geannuleerd=False).aggregate(
        van=Min("begint_om"), tot=Max("begint_om")
    )


# --- The group page ------------------------------------------------------------------


def groep_pagina(user, groep: Groep) -> dict:
    """What the group page shows this person, decided by their permissions:

    - everyone who may open it: the offer, the facilitators and the meetings;
    - the group's facilitators: per meeting its tally, per participant their attendance;
    - members: the names of the participants; others (coordinators): counts only;
    - a participant: their own attendance, completion and certificate.

    A fixed number of queries, however many people and meetings.
    """
    mag_registreren = user.has_perm("groepen.register_attendance", groep)
    mag_namen_zien = user.has_perm("groepen.view_roster", groep)
    mag_afmelden = user.has_perm("groepen.report_absence", groep)
    facilitators, deelnemers, voortgang = _leden(user, groep, mag_registreren or mag_namen_zien)
    context = {
        "groep": groep,
        "aanbod": groep.aanbod,
        "facilitators": facilitators,
        # Participants are told who joined as facilitator after the group began, and
        # that this person reads only what is shared from then on.
        "nieuwe_facilitators": later_begonnen(groep, facilitators) if voortgang else [],
        "mag_registreren": mag_registreren,
        "mag_namen_zien": mag_namen_zien,
        "voortgang": voortgang,
        "certificaat": mag_certificaat(groep, voortgang),
        "mag_afmelden": mag_afmelden,
    }
    afgemeld_door = user if mag_afmelden else None
    if mag_registreren:
        bijeenkomsten = bijeenkomsten_met_telling(groep, afgemeld_door)
        context["deelnemers"] = deelnemers
    else:
        bijeenkomsten = bijeenkomsten_van(groep, afgemeld_door)
        if mag_namen_zien:
            context["deelnemers"] = deelnemers
        else:
            context["aantallen"] = aantallen(groep)
    context["komend"], context["geweest"] = verdeel(bijeenkomsten)
    return context


def _leden(user, groep: Groep, met_deelnemers: bool):
    """(facilitators, participants, the person's own Voortgang or None) from one query.

    The same rows as facilitators_van(), deelnemers_met_voortgang() (only when the page
    names the participants, else []) and voortgang_van(): the active memberships of the
    group, by display name, each participant with `.voortgang`. `groep.aanbod` must be
    loaded.
    """
    wie = Q(rol=Lidmaatschap.Rol.FACILITATOR)
    if met_deelnemers:
        wie |= Q(rol=Lidmaatschap.Rol.DEELNEMER)
    elif user.is_authenticated:
        wie |= Q(rol=Lidmaatschap.Rol.DEELNEMER, user=user)
    leden = _met_voortgang(
        Lidmaatschap.objects.actief().filter(wie, groep=groep).select_related("user"), groep
    ).order_by("user__roepnaam", "pk")
    facilitators, deelnemers, voortgang = [], [], None
    for lid in leden:
        if lid.rol == Lidmaatschap.Rol.FACILITATOR:
            facilitators.append(lid)
            continue
        lid.voortgang = _voortgang_uit(lid, groep.aanbod)
        if lid.user_id == user.pk:
            voortgang = lid.voortgang
        if met_deelnemers:
            deelnemers.append(lid)
    return facilitators, deelnemers, voortgang


def _met_afmelding(bijeenkomsten, user):
    """Annotate `.afgemeld`: whether the person said in advance they can't come."""
    if user is None:
        return bijeenkomsten
    return bijeenkomsten.annotate(
        afgemeld=Exists(
            Aanwezigheid.objects.filter(
                bijeenkomst=OuterRef("pk"), user=user, status=STATUS.AFGEMELD
            )
        )
    )


def bijeenkomsten_van(groep: Groep, afgemeld_door=None) -> list[Bijeenkomst]:
    """All meetings of the group, cancelled and moved ones included (they are marked);
    with `afgemeld_door` (a person) each has `.afgemeld` for them."""
    # The meeting's own place with it (b.plaats), not a query per meeting.
    bijeenkomsten = groep.bijeenkomsten.select_related("plek").order_by("begint_om")
    return list(_met_afmelding(bijeenkomsten, afgemeld_door))


def verdeel(bijeenkomsten: list[Bijeenkomst]) -> tuple[list, list]:
    """(coming up, soonest first; so far, most recent first)."""
    now = timezone.now()
    komend = [b for b in bijeenkomsten if b.begint_om >= now]
    geweest = [b for b in reversed(bijeenkomsten) if b.begint_om < now]
    return komend, geweest


def later_begonnen(groep: Groep, facilitators: list[Lidmaatschap]) -> list[Lidmaatschap]:
    """The facilitators who started after the group's first day (no query)."""
    return [f for f in facilitators if timezone.localdate(f.status_sinds) > groep.startdatum]


def aantallen(groep: Groep) -> dict:
    """Counts without names (for coordinators): participants and waiting list."""
    return Lidmaatschap.objects.filter(groep=groep, rol=Lidmaatschap.Rol.DEELNEMER).aggregate(
        deelnemers=Count("pk", filter=Q(status=Lidmaatschap.Status.ACTIEF)),
        wachtlijst=Count("pk", filter=Q(status=Lidmaatschap.Status.WACHTLIJST)),
    )


# --- The register --------------------------------------------------------------------


def register_deelnemers(bijeenkomst: Bijeenkomst) -> list[Lidmaatschap]:
    """The active participants of the meeting's group, by display name, each with
    `.opgeslagen`: their saved status for this meeting (or None). One query."""
    opgeslagen = Aanwezigheid.objects.filter(bijeenkomst=bijeenkomst, user=OuterRef("user")).values(
        "status"
    )[:1]
    return list(
        Lidmaatschap.objects.deelnemers()
        .filter(groep=bijeenkomst.groep_id)
        .select_related("user")
        .annotate(opgeslagen=Subquery(opgeslagen))
        .order_by("user__roepnaam", "pk")
    )


def sla_register_op(bijeenkomst: Bijeenkomst, statussen: dict[int, str]) -> Telling:
    """Save the whole register in one upsert. `statussen` maps user id -> status.

    Only active participants of the meeting's group are saved; any other id is ignored,
    so nobody outside the group ever gets an attendance row.
    """
    if not kan_registreren(bijeenkomst):
        raise ValueError("This meeting's attendance cannot be saved.")
    geldig = {s.value for s in STATUS}
    leden = set(
        Lidmaatschap.objects.deelnemers()
        .filter(groep=bijeenkomst.groep_id, user_id__in=list(statussen))
        .values_list("user_id", flat=True)
    )
    rijen = [
        Aanwezigheid(bijeenkomst=bijeenkomst, user_id=user_id, status=status)
        for user_id, status in statussen.items()
        if user_id in leden and status in geldig
    ]
    Aanwezigheid.objects.bulk_create(
        rijen,
        update_conflicts=True,
        unique_fields=["bijeenkomst", "user"],
        update_fields=["status", "bijgewerkt_op"],
    )
    return Telling(
        aanwezig=sum(r.status == STATUS.AANWEZIG for r in rijen),
        afgemeld=sum(r.status == STATUS.AFGEMELD for r in rijen),
        afwezig=sum(r.status == STATUS.AFWEZIG for r in rijen),
    )
