"""What participants see of the offer, and reporting in advance that you can't come.

Read models for the offer pages (a fixed number of queries each, however many aanbod,
groups or people there are) and the small write action behind "I can't come".
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import gesprek, inschrijving
from .models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap

# Reporting absence in advance: the group's active participants only.
AFMELDEN = "groepen.report_absence"

EERSTE_BIJEENKOMSTEN = 3
INLOOP_VOORUITKIJKEN = datetime.timedelta(weeks=4)
KOMENDE_AFMELDBAAR = 6


def groepen_in_aanbod():
    """Groups a participant can find in the offer: those of aanbod that is not archived."""
    return Groep.objects.filter(aanbod__gearchiveerd=False).select_related("aanbod", "plek")


def open_groepen():
    """Groups in the offer that have not finished yet (planned or running)."""
    vandaag = timezone.localdate()
    return groepen_in_aanbod().filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))


def _met_plaatsen(groepen):
    deelnemers = Q(
        lidmaatschappen__rol=Lidmaatschap.Rol.DEELNEMER,
        lidmaatschappen__status=Lidmaatschap.Status.ACTIEF,
    )
    wachtend = Q(lidmaatschappen__status=Lidmaatschap.Status.WACHTLIJST)
    return groepen.annotate(
        bezet=Count("lidmaatschappen", filter=deelnemers),
        wachtend=Count("lidmaatschappen", filter=wachtend),
    ).order_by("startdatum", "naam")


@dataclass(frozen=True)
class Plaatsen:
    """Places left in a group, as a participant would want to know it."""

    vrij: int | None  # None: no limit

    @property
    def onbeperkt(self):
        return self.vrij is None

    @property
    def vol(self):
        return self.vrij == 0


def _plaatsen(groep) -> Plaatsen:
    if groep.capaciteit is None:
        return Plaatsen(None)
    # Someone already waiting gets a free place before anyone new.
    return Plaatsen(max(groep.capaciteit - groep.bezet - groep.wachtend, 0))


def _eigen_aanmeldingen(user, groep_ids) -> dict:
    # A visitor without an account has no enrolments (and no query is made for them).
    if not user.is_authenticated:
        return {}
    return _eigen(user, Q(groep__in=groep_ids))


def _eigen(user, waar: Q) -> dict:
    leden = inschrijving.met_positie(
        Lidmaatschap.objects.filter(waar, user=user).exclude(
            status=Lidmaatschap.Status.UITGESCHREVEN
        )
    )
    return {lid.groep_id: lid for lid in leden}


def eigen_in_open_groepen(user) -> dict:
    """The person's own place per group that has not finished (what the offer list shows
    of them), by group id: one query, as many rows as their own groups, however large the
    offer. Groups the list does not show (archived aanbod) may be in it: the list looks up
    only its own groups."""
    vandaag = timezone.localdate()
    return _eigen(user, Q(groep__einddatum__isnull=True) | Q(groep__einddatum__gte=vandaag))


def _inloop_momenten(aanbod_ids) -> dict:
    """Per walk-in aanbod: its opening times as (begin, end) examples, one per weekday and
    time, Monday first."""
    if not aanbod_ids:
        return {}
    nu = timezone.now()
    bijeenkomsten = Bijeenkomst.objects.komend().filter(
        groep__aanbod__in=aanbod_ids, begint_om__lt=nu + INLOOP_VOORUITKIJKEN
    )
    momenten = {}
    for b in bijeenkomsten.values("begint_om", "eindigt_om", "groep__aanbod"):
        begin, eind = timezone.localtime(b["begint_om"]), timezone.localtime(b["eindigt_om"])
        sleutel = (begin.weekday(), begin.time(), eind.time())
        momenten.setdefault(b["groep__aanbod"], {}).setdefault(sleutel, (begin, eind))
    return {aanbod: [m[k] for k in sorted(m)] for aanbod, m in momenten.items()}


def _verrijk(aanbod_lijst, user):
    """Attach places, the person's own status and start/place summaries (no queries but
    the two below, whatever the number of aanbod and groups)."""
    groepen = [g for a in aanbod_lijst for g in a.open_groepen]
    eigen = _eigen_aanmeldingen(user, [g.pk for g in groepen])
    inloop = _inloop_momenten([a.pk for a in aanbod_lijst if a.soort == Aanbod.Soort.INLOOP])
    vandaag = timezone.localdate()
    for a in aanbod_lijst:
        for g in a.open_groepen:
            g.plaatsen = _plaatsen(g)
            g.mijn = eigen.get(g.pk)
            g.kan_aanmelden = inschrijving.belemmering(g, g.mijn) is None
            g.gestart = g.startdatum <= vandaag
        starts = [g.startdatum for g in a.open_groepen if g.startdatum > vandaag]
        a.volgende_start = min(starts, default=None)
        a.loopt_al = any(g.gestart for g in a.open_groepen)
        a.plaats = a.plek or a.locatie or next((g.plaats for g in a.open_groepen if g.plaats), "")
        a.inloop_momenten = inloop.get(a.pk, [])
    return aanbod_lijst


def _aanbod_queryset(met_bijeenkomsten=False):
    groepen = _met_plaatsen(open_groepen())
    if met_bijeenkomsten:
        eerste = Bijeenkomst.objects.komend().select_related("plek")
        eerste = eerste.order_by("begint_om")[:EERSTE_BIJEENKOMSTEN]
        groepen = groepen.prefetch_related(
            Prefetch("bijeenkomsten", queryset=eerste, to_attr="eerste_bijeenkomsten")
        )
    return (
        Aanbod.objects.actief()
        .select_related("plek")
        .prefetch_related(Prefetch("groepen", queryset=groepen, to_attr="open_groepen"))
    )


def overzicht(user, waar=None) -> dict:
    """The offer page: what is coming (courses, groups, workshops) and the walk-in.
    `waar`: an optional filter on Aanbod (groepen.openbaar.Filter)."""
    heeft_open_groep = Exists(open_groepen().filter(aanbod=OuterRef("pk")))
    # A conversation offer has no groups: it is listed with its free times (gesprek.py).
    zonder_groep = Q(soort__in=[Aanbod.Soort.INLOOP, Aanbod.Soort.GESPREK])
    aanbod = _aanbod_queryset().filter(zonder_groep | Q(heeft_open_groep))
    aanbod = list(aanbod.filter(waar) if waar is not None else aanbod)
    _verrijk(aanbod, user)
    gesprekken = [a for a in aanbod if a.is_gesprek]
    vrij = gesprek.vrije_slots([a.pk for a in gesprekken])
    for a in gesprekken:
        a.vrije_slots = sum(len(slots) for _dag, slots in vrij.get(a.pk, []))
    vandaag = timezone.localdate()
    komend = [a for a in aanbod if a.met_inschrijving]
    # What is running now (you can still join) first, then by the next start date.
    komend.sort(key=lambda a: (vandaag if a.loopt_al else a.volgende_start, a.titel.lower()))
    return {
        "aanbod_lijst": komend,
        "inloop_lijst": [a for a in aanbod if a.soort == Aanbod.Soort.INLOOP],
        "gesprek_lijst": gesprekken,
    }


def detail(user, pk) -> dict:
    """One aanbod with its open groups and their first meetings. Archived: 404."""
    aanbod = get_object_or_404(_aanbod_queryset(met_bijeenkomsten=True), pk=pk)
    _verrijk([aanbod], user)
    context = {"aanbod": aanbod, "groepen": aanbod.open_groepen}
    if aanbod.is_gesprek:
        context["gesprek_dagen"] = gesprek.vrije_slots([aanbod.pk]).get(aanbod.pk, [])
    return context


def groep_in_aanbod(pk) -> Groep:
    """One group of the offer, with its places left; 404 when its aanbod is archived."""
    groep = get_object_or_404(_met_plaatsen(groepen_in_aanbod()), pk=pk)
    groep.plaatsen = _plaatsen(groep)
    return groep


def eigen_lidmaatschap(user, groep):
    return Lidmaatschap.objects.filter(user=user, groep=groep).first()


def eigen_aanmelding(user, groep_pk) -> Lidmaatschap:
    """The person's own enrolment or waiting-list place in a group; 404 when there is none."""
    return get_object_or_404(
        Lidmaatschap.objects.filter(
            user=user,
            rol=Lidmaatschap.Rol.DEELNEMER,
            status__in=[Lidmaatschap.Status.ACTIEF, Lidmaatschap.Status.WACHTLIJST],
        ).select_related("groep__aanbod"),
        groep_id=groep_pk,
    )


def mijn_aanmeldingen(user) -> dict:
    """The person's enrolments and waiting-list places, and their next meetings."""
    volgende = (
        Bijeenkomst.objects.komend()
        .filter(groep=OuterRef("groep"))
        .order_by("begint_om")
        .values("begint_om")
    )
    leden = list(
        inschrijving.met_positie(
            Lidmaatschap.objects.filter(
                user=user,
                rol=Lidmaatschap.Rol.DEELNEMER,
                status__in=[Lidmaatschap.Status.ACTIEF, Lidmaatschap.Status.WACHTLIJST],
            )
        )
        .select_related("groep__aanbod", "groep__plek")
        .annotate(volgende=Subquery(volgende[:1]))
        .order_by("groep__startdatum", "groep__naam")
    )
    vandaag = timezone.localdate()
    huidig, eerder = [], []
    for lid in leden:
        afgerond = lid.groep.einddatum is not None and lid.groep.einddatum < vandaag
        (eerder if afgerond else huidig).append(lid)
    afgemeld = Aanwezigheid.objects.filter(
        bijeenkomst=OuterRef("pk"), user=user, status=Aanwezigheid.Status.AFGEMELD
    )
    actief = [lid.groep_id for lid in huidig if lid.status == Lidmaatschap.Status.ACTIEF]
    bijeenkomsten = list(
        Bijeenkomst.objects.komend()
        .filter(groep__in=actief)
        .select_related("groep__plek", "plek")
        .annotate(afgemeld=Exists(afgemeld))
        .order_by("begint_om")[:KOMENDE_AFMELDBAAR]
    )
    return {
        "aanmeldingen": [lid for lid in huidig if lid.status == Lidmaatschap.Status.ACTIEF],
        "wachtlijst": [lid for lid in huidig if lid.status == Lidmaatschap.Status.WACHTLIJST],
        "afgerond": [lid for lid in eerder if lid.status == Lidmaatschap.Status.ACTIEF],
        "bijeenkomsten": bijeenkomsten,
    }


class AfmeldFout(Exception):
    """Why reporting absence for this meeting is not possible."""


def meld_af(user, bijeenkomst: Bijeenkomst, ongedaan: bool = False) -> None:
    """Let the group know you can't come (or, with ongedaan, that you can after all)."""
    if bijeenkomst.geannuleerd:
        raise AfmeldFout(_("This meeting has been cancelled, so there is nothing to do."))
    if bijeenkomst.begint_om <= timezone.now():
        raise AfmeldFout(
            _("This meeting has already started or taken place. You can only do this beforehand.")
        )
    if ongedaan:
        Aanwezigheid.objects.filter(
            bijeenkomst=bijeenkomst, user=user, status=Aanwezigheid.Status.AFGEMELD
        ).delete()
    else:
        Aanwezigheid.objects.update_or_create(
            bijeenkomst=bijeenkomst,
            user=user,
            defaults={"status": Aanwezigheid.Status.AFGEMELD},
        )
