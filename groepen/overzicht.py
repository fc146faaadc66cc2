"""Read models for the role homes. Each function runs a fixed number of queries."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import gesprek
from .models import (
    Aanbod,
    Aanwezigheid,
    Bijeenkomst,
    Groep,
    Intervisiebijeenkomst,
    Intervisiegroep,
    Lidmaatschap,
    Sessielog,
)
from .models.bijeenkomst import week_van

# Meetings of the last two weeks whose register or session log is missing show as "to do".
TE_DOEN_DAGEN = 14


def _volgende_bijeenkomst():
    return Subquery(
        Bijeenkomst.objects.filter(
            groep=OuterRef("pk"), begint_om__gte=timezone.now(), geannuleerd=False
        )
        .order_by("begint_om")
        .values("begint_om")[:1]
    )


def _met_cijfers(groepen):
    return groepen.select_related("aanbod", "plek").annotate(
        aantal_deelnemers=Count(
            "lidmaatschappen",
            filter=Q(
                lidmaatschappen__rol=Lidmaatschap.Rol.DEELNEMER,
                lidmaatschappen__status=Lidmaatschap.Status.ACTIEF,
            ),
        ),
        volgende=_volgende_bijeenkomst(),
    )


def overzicht_deelnemer(user) -> dict:
    # The home lists name, kind and state (no next meeting: those come in `komend`).
    groepen = list(Groep.objects.met_rol(user, Lidmaatschap.Rol.DEELNEMER).select_related("aanbod"))
    komend = list(
        Bijeenkomst.objects.komend()
        .filter(groep__in=[g.pk for g in groepen])
        .select_related("groep__plek", "plek")[:5]
    )
    return {
        "groepen": groepen,
        "komende_bijeenkomsten": komend,
        # Booked one-to-one conversations still to come (one query).
        "gesprekken": gesprek.mijn_boekingen(user),
    }


def overzicht_facilitator(user) -> dict:
    """What a facilitator needs at a glance. Four queries, however many groups,
    meetings, intervisie meetings or conversations there are."""
    groepen = list(_met_cijfers(Groep.objects.met_rol(user, Lidmaatschap.Rol.FACILITATOR)))
    deze_week, te_doen_lijst = _bijeenkomsten(
        [g.pk for g in groepen], groepen={g.pk: g for g in groepen}
    )
    return {
        "groepen": groepen,
        "deze_week": deze_week,
        "te_doen": te_doen_lijst,
        "volgende_intervisie": volgende_intervisie(user),
        # Booked conversations to come, and held ones still without a note (one query).
        "gesprekslots": [
            s
            for s in gesprek.geboekte_slots(user)
            if not s.voorbij or s.boeking.notitie_bijgewerkt_op is None
        ],
    }


def _register_ingevuld():
    """A facilitator saved the register: a row other than an advance "can't come", or any
    row saved once the meeting had started (advance notices are only possible before)."""
    return Exists(
        Aanwezigheid.objects.filter(bijeenkomst=OuterRef("pk")).filter(
            ~Q(status=Aanwezigheid.Status.AFGEMELD) | Q(bijgewerkt_op__gte=OuterRef("begint_om"))
        )
    )


def _met_open(bijeenkomsten):
    """`.register_open` (the group has participants to fill in and the register is
    missing) and `.log_open` (no session log yet)."""
    heeft_deelnemers = Exists(Lidmaatschap.objects.deelnemers().filter(groep=OuterRef("groep")))
    return bijeenkomsten.annotate(
        register_open=heeft_deelnemers & ~_register_ingevuld(),
        log_open=~Exists(Sessielog.objects.filter(bijeenkomst=OuterRef("pk"))),
    )


def _te_doen_begin(nu):
    return (nu - datetime.timedelta(days=TE_DOEN_DAGEN)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )


def _bijeenkomsten(groep_ids, nu=None, groepen=None) -> tuple[list[Bijeenkomst], list[Bijeenkomst]]:
    """This week's meetings of these groups (not cancelled, in order, each with
    `.begonnen`) and their to-do list (as te_doen), from one query: both are meetings
    of the same groups, and the to-do's two checks cost little on a week's meetings.
    `groepen`: {pk: group} with offer and place loaded, when the caller has them (the
    meetings get those, rather than a copy of each per meeting)."""
    nu = timezone.localtime(nu)
    week_begin, week_eind = week_van(nu)
    begin = _te_doen_begin(nu)
    rijen = list(
        _met_open(
            Bijeenkomst.objects.filter(groep__in=groep_ids, geannuleerd=False).filter(
                Q(begint_om__gte=week_begin, begint_om__lt=week_eind)
                | Q(begint_om__gte=begin, begint_om__lt=nu)
            )
        )
        .select_related(*(["plek"] if groepen else ["groep__aanbod", "groep__plek", "plek"]))
        .order_by("begint_om", "pk")
    )
    if groepen:
        for b in rijen:
            b.groep = groepen[b.groep_id]
    deze_week = [b for b in rijen if week_begin <= b.begint_om < week_eind]
    for b in deze_week:
        b.begonnen = b.begint_om <= nu
    te_doen_lijst = [
        b
        for b in reversed(rijen)
        if begin <= b.begint_om < nu
        and b.groep.aanbod.soort != Aanbod.Soort.INLOOP
        and (b.register_open or b.log_open)
    ]
    vandaag = nu.date()
    for b in te_doen_lijst:
        b.vandaag = timezone.localdate(b.begint_om) == vandaag
    return deze_week, te_doen_lijst


def te_doen(groep_ids, nu=None) -> list[Bijeenkomst]:
    """Meetings of these groups that took place in the last TE_DOEN_DAGEN days (today's
    once started), not cancelled and not the walk-in, whose attendance register or session
    log is still missing; most recent first. Each has `.register_open`, `.log_open` and
    `.vandaag`.

    The register only counts as missing when the group has participants to fill in.
    One query.
    """
    return _bijeenkomsten(groep_ids, nu)[1]


def volgende_intervisie(user, nu=None) -> Intervisiebijeenkomst | None:
    """The next intervisie meeting of a group the person is an active member of. One query."""
    return (
        Intervisiebijeenkomst.objects.filter(
            groep__in=Intervisiegroep.objects.zichtbaar_voor(user).values("pk"),
            begint_om__gte=nu or timezone.now(),
        )
        .select_related("groep")
        .order_by("begint_om", "pk")
        .first()
    )


def overzicht_academie() -> dict:
    """Academy-wide figures for coordinators: counts only, never anyone's words.

    Bounded by what is shown, not by history: the running groups' ids come first (on the
    date indexes), so their participants are counted on the (groep, status, rol) index for
    those groups only, not by scanning every membership there ever was; the groups table
    counts participants per shown row (a subquery evaluated for the 50 rows kept), not for
    every group before keeping 50.
    """
    lopend = list(Groep.objects.lopend_op(timezone.localdate()).values_list("pk", flat=True))
    cijfers = {
        # No running group: no query (an empty IN list is answered without the database).
        "actieve_deelnemers": Lidmaatschap.objects.deelnemers()
        .filter(groep__in=lopend)
        .values("user")
        .distinct()
        .count(),
        "lopende_groepen": len(lopend),
        "facilitators": Lidmaatschap.objects.facilitators().values("user").distinct().count(),
        "bijeenkomsten_deze_week": Bijeenkomst.objects.deze_week()
        .filter(geannuleerd=False)
        .count(),
    }
    deelnemers = (
        Lidmaatschap.objects.deelnemers()
        .filter(groep=OuterRef("pk"))
        .order_by()
        .values("groep")
        .annotate(n=Count("pk"))
        .values("n")
    )
    groepen = list(
        Groep.objects.select_related("aanbod", "plek")
        .annotate(
            aantal_deelnemers=Coalesce(Subquery(deelnemers), 0),
            volgende=_volgende_bijeenkomst(),
        )
        .order_by("-startdatum", "naam")[:50]
    )
    # A running group with nothing planned ahead is easily forgotten: flag it (no query,
    # the next meeting is already annotated and the status follows from the dates).
    for g in groepen:
        g.zonder_volgende = g.volgende is None and g.status == Groep.Status.LOPEND
    return {
        "cijfers": cijfers,
        "groepen": groepen,
        "zonder_volgende": sum(g.zonder_volgende for g in groepen),
    }
