"""The offer as anyone sees it, also without an account: filters, first names of the
facilitators, and schema.org data for search engines and calendar apps.

Nothing here reads a participant: the only person data on a public page is the roepnaam
of the facilitators of a group (they stand for the group, by first name only).
"""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractHour
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from deelnemers.academie import CACHE_FOUTEN

from .models import (
    Aanbod,
    Bijeenkomst,
    Gespreksboeking,
    Gespreksslot,
    Groep,
    Lidmaatschap,
    Locatie,
)

logger = logging.getLogger(__name__)

# Day parts by the hour a meeting starts (local time): before 12, before 17, later.
DAGDELEN = {
    "ochtend": (_("morning"), 0, 12),
    "middag": (_("afternoon"), 12, 17),
    "avond": (_("evening"), 17, 24),
}


@dataclass(frozen=True)
class Filter:
    """What a visitor chose on the offer page. A value that does not exist is ignored
    (an old link or a typed URL shows the whole offer, never an error)."""

    soort: str = ""
    dagdeel: str = ""
    locatie: Locatie | None = None
    naasten: bool = False

    @property
    def sleutel(self) -> str:
        plek = self.locatie.pk if self.locatie else ""
        return f"{self.soort}:{self.dagdeel}:{plek}:{int(self.naasten)}"

    @property
    def actief(self) -> bool:
        return bool(self.soort or self.dagdeel or self.locatie or self.naasten)

    def q(self) -> Q:
        waar = Q()
        if self.soort:
            waar &= Q(soort=self.soort)
        if self.naasten:
            waar &= Q(voor_naasten=True)
        if self.locatie is not None:
            op_plek = Groep.objects.filter(aanbod=OuterRef("pk"), plek=self.locatie)
            waar &= Q(plek=self.locatie) | Q(Exists(op_plek))
        if self.dagdeel:
            _label, van, tot = DAGDELEN[self.dagdeel]
            # ExtractHour uses the current (local) time zone, like the visitor's clock.
            momenten = (
                Bijeenkomst.objects.komend()
                .annotate(uur=ExtractHour("begint_om"))
                .filter(groep__aanbod=OuterRef("pk"), uur__gte=van, uur__lt=tot)
            )
            waar &= Q(Exists(momenten))
        return waar


def filter_uit(get, locaties) -> Filter:
    """Read the GET parameters; `locaties` are the places a visitor can choose from."""
    soort = get.get("soort", "")
    dagdeel = get.get("dagdeel", "")
    try:
        plek_id = int(get.get("locatie", ""))
    except ValueError:
        plek_id = None
    return Filter(
        soort=soort if soort in Aanbod.Soort.values else "",
        dagdeel=dagdeel if dagdeel in DAGDELEN else "",
        locatie=next((p for p in locaties if p.pk == plek_id), None),
        naasten=get.get("naasten") == "1",
    )


def kiesbare_locaties() -> list:
    """Places in use by the offer: the location filter lists only these."""
    in_aanbod = Q(aanbod__gearchiveerd=False, aanbod__isnull=False)
    groep_in_aanbod = Q(groepen__aanbod__gearchiveerd=False, groepen__isnull=False)
    return list(Locatie.objects.actief().filter(in_aanbod | groep_in_aanbod).distinct())


def met_facilitators(groepen) -> None:
    """Attach `facilitators`: the roepnamen of each group's active facilitators (one
    query, only that column)."""
    rijen = (
        Lidmaatschap.objects.filter(
            groep__in=[g.pk for g in groepen],
            rol=Lidmaatschap.Rol.FACILITATOR,
            status=Lidmaatschap.Status.ACTIEF,
        )
        .order_by("user__roepnaam")
        .values_list("groep_id", "user__roepnaam")
    )
    namen = {}
    for groep_id, roepnaam in rijen:
        if roepnaam:
            namen.setdefault(groep_id, []).append(roepnaam)
    for g in groepen:
        g.facilitators = namen.get(g.pk, [])


def plaats_ld(plaats) -> dict:
    """A schema.org Place for a Locatie (or the old free text)."""
    if isinstance(plaats, Locatie):
        return {
            "@type": "Place",
            "name": plaats.naam,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": plaats.straat,
                "postalCode": plaats.postcode,
                "addressLocality": plaats.plaats,
                "addressCountry": "NL",
            },
        }
    return {"@type": "Place", "name": str(plaats)} if plaats else {}


def _tijd(datum: datetime.date | datetime.datetime):
    return datum.isoformat()


def aanbod_ld(aanbod, groepen, organisatie: dict, adres_url: str) -> list:
    """One schema.org Event per group (a course is an Event too for calendar apps), or
    for a walk-in each coming opening."""
    events = []
    for g in groepen:
        eerste = getattr(g, "eerste_bijeenkomsten", [])
        events.append(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": f"{aanbod.titel}: {g.naam}",
                "description": aanbod.beschrijving[:300],
                "url": adres_url,
                "startDate": _tijd(eerste[0].begint_om if eerste else g.startdatum),
                "endDate": _tijd(g.einddatum) if g.einddatum else None,
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "eventStatus": "https://schema.org/EventScheduled",
                "location": plaats_ld(g.plaats or aanbod.plaats),
                "organizer": organisatie,
                "inLanguage": "nl",
            }
        )
    for begin, eind in getattr(aanbod, "inloop_momenten", []):
        events.append(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": aanbod.titel,
                "url": adres_url,
                "startDate": _tijd(begin),
                "endDate": _tijd(eind),
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "isAccessibleForFree": True,
                "location": plaats_ld(aanbod.plaats),
                "organizer": organisatie,
            }
        )
    return events


def organisatie_ld(academie, url: str) -> dict:
    return {
        "@type": "Organization",
        "name": academie.naam,
        "url": url,
        "email": academie.contact_email,
        "telephone": academie.contact_telefoon,
    }


# --- Cache -----------------------------------------------------------------------------
# The read models of the public home, the offer list, an offer's page and a location's
# page (not their HTML: that holds a CSRF token and messages of one visitor) are kept for
# visitors without an account. Any change to the offer, its groups, meetings, places,
# enrolments, conversation slots and bookings, or a facilitator's first name makes a new
# version key, at once and after its transaction commits, so nobody is shown a stale
# offer; time alone (a meeting that began) is caught by the short lifetime.
CACHE_VERSIE = "groepen:openbaar:versie"
CACHE_SECONDEN = 300


def _versie() -> str:
    versie = cache.get(CACHE_VERSIE)
    if versie is None:
        versie = uuid.uuid4().hex
        cache.add(CACHE_VERSIE, versie, None)
        versie = cache.get(CACHE_VERSIE) or versie
    return versie


def bewaard(naam: str, maak):
    """The value of maak() for this version of the offer, made at most once per
    CACHE_SECONDEN. With the cache away, maak() answers (never an error)."""
    try:
        sleutel = f"groepen:openbaar:{_versie()}:{naam}"
        waarde = cache.get(sleutel)
    except CACHE_FOUTEN:
        logger.warning("Cache unreachable; the public offer is read from the database.")
        return maak()
    if waarde is None:
        waarde = maak()
        try:
            cache.set(sleutel, waarde, CACHE_SECONDEN)
        except CACHE_FOUTEN:
            logger.warning("Cache unreachable; the public offer is not kept.")
    return waarde


def vergeet() -> None:
    try:
        cache.set(CACHE_VERSIE, uuid.uuid4().hex, None)
    except CACHE_FOUTEN:
        # The old version dies with its lifetime (CACHE_SECONDEN).
        logger.warning("Cache unreachable; the public offer could not be refreshed.")


def gewijzigd() -> None:
    """Call after a change the signals do not see (bulk_create, QuerySet.update): now
    (this process sees the change at once) and after the commit (a visitor's request
    between the change and the commit may have kept the old offer)."""
    vergeet()
    transaction.on_commit(vergeet)


def _na_wijziging(**_kwargs):
    gewijzigd()


def _na_naamwijziging(update_fields=None, **_kwargs):
    # An offer's page shows its facilitators' first names; a login (last_login only)
    # or the daily activity mark must not empty the cache.
    if update_fields is None or "roepnaam" in update_fields:
        gewijzigd()


def verbind() -> None:
    # Conversation slots and bookings: the offer list counts a conversation's free times
    # and its page lists them.
    for model in (
        Aanbod,
        Groep,
        Bijeenkomst,
        Locatie,
        Lidmaatschap,
        Gespreksslot,
        Gespreksboeking,
    ):
        uid = f"groepen.openbaar.{model.__name__}"
        post_save.connect(_na_wijziging, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_na_wijziging, sender=model, dispatch_uid=uid + ".delete")
    post_save.connect(
        _na_naamwijziging, sender=get_user_model(), dispatch_uid="groepen.openbaar.User.save"
    )
