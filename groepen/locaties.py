"""Locations (groepen.models.Locatie): their opening times and their life cycle.

The walk-in's opening times are not a second schedule: they are the meetings of the
walk-in groups (Aanbod.Soort.INLOOP) at that place. A cancelled meeting is not an opening.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import Aanbod, Bijeenkomst, Groep, Locatie

VOORUITKIJKEN = datetime.timedelta(weeks=2)


def _op_locatie(locatie) -> Q:
    """Meetings at this place: their own place, or (without one) their group's."""
    return Q(plek=locatie) | Q(plek__isnull=True, locatie="", groep__plek=locatie)


def inloop_tijden(locatie: Locatie, van: datetime.datetime, tot: datetime.datetime):
    """The walk-in meetings at `locatie` that start in [van, tot), soonest first. One query;
    each has its group and offer loaded (for the name of the walk-in)."""
    return (
        Bijeenkomst.objects.filter(
            _op_locatie(locatie),
            groep__aanbod__soort=Aanbod.Soort.INLOOP,
            geannuleerd=False,
            begint_om__gte=van,
            begint_om__lt=tot,
        )
        .select_related("groep__aanbod")
        .order_by("begint_om", "pk")
    )


@dataclass(frozen=True)
class Gebruik:
    aanbod: int
    groepen: int
    bijeenkomsten: int

    @property
    def in_gebruik(self) -> bool:
        return bool(self.aanbod or self.groepen or self.bijeenkomsten)


def gebruik(locatie: Locatie) -> Gebruik:
    return Gebruik(
        aanbod=locatie.aanbod.count(),
        groepen=locatie.groepen.count(),
        bijeenkomsten=locatie.bijeenkomsten.count(),
    )


def wissel_archief(locatie_id: int) -> bool:
    """Archive a location, or bring it back. Returns True when it is now archived.
    Groups that met there keep pointing at it: their pages still say where they were."""
    with transaction.atomic():
        locatie = Locatie.objects.select_for_update().get(pk=locatie_id)
        locatie.gearchiveerd = not locatie.gearchiveerd
        locatie.save(update_fields=["gearchiveerd"])
    return locatie.gearchiveerd


def verwijder(locatie_id: int) -> bool:
    """Delete a location nobody ever used; one that offers, groups or meetings refer to is
    archived instead (the database refuses the delete too: on_delete=PROTECT).
    Returns True when it was deleted."""
    with transaction.atomic():
        locatie = Locatie.objects.select_for_update().get(pk=locatie_id)
        if gebruik(locatie).in_gebruik:
            if not locatie.gearchiveerd:
                locatie.gearchiveerd = True
                locatie.save(update_fields=["gearchiveerd"])
            return False
        locatie.delete()
    return True


def overzicht() -> dict:
    """The coordinator's list: in use first, archived after; how many groups meet there."""
    locaties = Locatie.objects.annotate(
        aantal_groepen=Count("groepen", distinct=True),
        aantal_aanbod=Count("aanbod", distinct=True),
    ).order_by("gearchiveerd", "naam")
    return {"locaties": list(locaties)}


def pagina(locatie: Locatie) -> dict:
    """What the location page shows: the place, and the walk-in's times of the coming
    two weeks."""
    nu = timezone.now()
    return {"locatie": locatie, "inloop": list(inloop_tijden(locatie, nu, nu + VOORUITKIJKEN))}


def koppel_teksten() -> int:
    """Turn free-text places into Locatie rows and link them, as migration 0011 does (the
    migration keeps its own copy: migrations must not import app code). For data made by
    older scripts (the demo). Returns how many rows were linked."""
    namen = Locatie.objects.values_list("pk", "naam")
    gevonden = {" ".join(n.split()).casefold(): pk for pk, n in namen}
    gekoppeld = 0
    for model in (Aanbod, Groep, Bijeenkomst):
        rijen = model.objects.exclude(locatie="").filter(plek__isnull=True).order_by("pk")
        for pk, tekst in rijen.values_list("pk", "locatie"):
            naam = " ".join(tekst.split())
            sleutel = naam.casefold()
            if sleutel not in gevonden:
                gevonden[sleutel] = Locatie.objects.create(naam=naam).pk
            gekoppeld += model.objects.filter(pk=pk).update(plek_id=gevonden[sleutel], locatie="")
    return gekoppeld
