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
    """What a facilitator needs at a glance. Six queries, however many groups,
    meetings, intervisie meetings or conversations there are."""
    groepen = list(_met_cijfers(Groep.objects.met_rol(user, Lidmaatschap.Rol.FACILITATOR)))
    groep_ids = [g.pk for g in groepen]
    deze_week = list(
        Bijeenkomst.objects.deze_week()
        .filter(groep__in=groep_ids, geannuleerd=False)
        .select_related("groep__aanbod", "groep__plek", "plek")
    )
    nu = timezone.now()
    for b in deze_week:
        b.begonnen = b.begint_om <= nu
    return {
        "groepen": groepen,
        "deze_week": deze_week,
        "te_doen": te_doen(groep_ids),
        "volgende_intervisie": volgende_intervisie(user),
        # Booked conversations to come, and held ones still without a note (two queries).
        "gesprekslots": [
            s
            for s in gesprek.mijn_slots(user)
            if s.boeking and (not s.voorbij or s.boeking.notitie_bijgewerkt_op is None)
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


def te_doen(groep_ids, nu=None) -> list[Bijeenkomst]:
    """Meetings of these groups that took place in the last TE_DOEN_DAGEN days (today's
    once started), not cancelled and not the walk-in, whose attendance register or session
    log is still missing; most recent first. Each has `.register_open` and `.log_open`.

    The register only counts as missing when the group has participants to fill in.
    One query.
    """
    nu = timezone.localtime(nu)
    begin = (nu - datetime.timedelta(days=TE_DOEN_DAGEN)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    heeft_deelnemers = Exists(Lidmaatschap.objects.deelnemers().filter(groep=OuterRef("groep")))
    bijeenkomsten = (
        Bijeenkomst.objects.filter(
            groep__in=groep_ids, geannuleerd=False, begint_om__gte=begin, begint_om__lt=nu
        )
        .exclude(groep__aanbod__soort=Aanbod.Soort.INLOOP)
        .annotate(
            register_open=heeft_deelnemers & ~_register_ingevuld(),
            log_open=~Exists(Sessielog.objects.filter(bijeenkomst=OuterRef("pk"))),
        )
        .filter(Q(register_open=True) | Q(log_open=True))
        .select_related("groep")
        .order_by("-begint_om", "-pk")
    )
    vandaag = nu.date()
    result = list(bijeenkomsten)
    for b in result:
        b.vandaag = timezone.localdate(b.begint_om) == vandaag
    return result


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
