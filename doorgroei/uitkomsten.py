"""Check-ins about how life is going (doorgroei.models.Uitkomst): the person's own.

The person does a check-in whenever they like, sees all of theirs and deletes any of
them. Three and twelve months after a course (any group with an end date) they took
part in until the end, the check-in is offered once on their home: for a few months, or
until they do a check-in, or until they say "not now" to that offer.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone

from groepen.models import Aanbod, Lidmaatschap

from .models import Uitkomst, UitkomstNuNiet

MOMENTEN = (12, 3)  # months after the end of a course; the later one first
# An offer stays on the home this many months; after that it would come out of nowhere.
VENSTER_MAANDEN = 3


def van(user):
    """The person's own check-ins, newest first: the only way views read them."""
    return Uitkomst.objects.filter(user=user).order_by("-ingevuld_op", "-pk")


def plus_maanden(datum: datetime.date, maanden: int) -> datetime.date:
    """The same day `maanden` later (or earlier); the month's last day when it is shorter."""
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 + maanden, 12)
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return datetime.date(jaar, maand + 1, dag)


@dataclass(frozen=True)
class Uitnodiging:
    groep_id: int
    groep_naam: str
    maanden: int


def _afgeronde_lidmaatschappen(user, vandaag: datetime.date):
    """The person's places in groups that ended recently enough to still be offered a
    check-in, with whether each offer was put aside and the date of their latest
    check-in: one query."""
    nu_niet = UitkomstNuNiet.objects.filter(user=user, groep=OuterRef("groep"))
    laatste = van(user).values("ingevuld_op")[:1]
    return (
        Lidmaatschap.objects.filter(
            user=user,
            rol=Lidmaatschap.Rol.DEELNEMER,
            status=Lidmaatschap.Status.ACTIEF,
            groep__einddatum__lt=vandaag,
            groep__einddatum__gte=_oudste(vandaag),
        )
        .exclude(groep__aanbod__soort=Aanbod.Soort.INLOOP)
        .annotate(
            nu_niet_3=Exists(nu_niet.filter(maanden=3)),
            nu_niet_12=Exists(nu_niet.filter(maanden=12)),
            laatste=Subquery(laatste),
        )
        .values(
            "groep_id", "nu_niet_3", "nu_niet_12", "laatste",
            naam=F("groep__naam"), einde=F("groep__einddatum"),
        )
    )  # fmt: skip


def _oudste(vandaag: datetime.date) -> datetime.date:
    """The earliest end of a course that can still be offered a check-in today."""
    return plus_maanden(vandaag, -(max(MOMENTEN) + VENSTER_MAANDEN)) - datetime.timedelta(days=1)


def _open_momenten(einde: datetime.date, vandaag: datetime.date):
    """(maanden, moment) of the offers after a course ending on `einde` that are open today."""
    for maanden in MOMENTEN:
        moment = plus_maanden(einde, maanden)
        if moment <= vandaag < plus_maanden(moment, VENSTER_MAANDEN):
            yield maanden, moment


def open_uitnodiging(user, vandaag: datetime.date | None = None) -> Uitnodiging | None:
    """The check-in to offer on the home now, if any (the most recent moment wins)."""
    vandaag = vandaag or timezone.localdate()
    return kies(_afgeronde_lidmaatschappen(user, vandaag), vandaag)


def kies(rijen, vandaag: datetime.date) -> Uitnodiging | None:
    """The offer to make, from rows as _afgeronde_lidmaatschappen gives them."""
    beste = None
    for rij in rijen:
        laatste = rij["laatste"] and timezone.localdate(rij["laatste"])
        for maanden, moment in _open_momenten(rij["einde"], vandaag):
            if rij[f"nu_niet_{maanden}"] or (laatste and laatste >= moment):
                continue
            if beste is None or moment > beste[0]:
                beste = (moment, Uitnodiging(rij["groep_id"], rij["naam"], maanden))
    return beste[1] if beste else None


def kandidaten(groepen, vandaag: datetime.date) -> list[tuple]:
    """(groep, maanden) of the offers open today, from the groups a person takes part in
    (active, as a participant, with `aanbod` loaded: the groups the home lists anyway),
    by the same rules as _afgeronde_lidmaatschappen and kies; no query. What is left to
    ask is whether each was put aside, and the person's latest check-in."""
    oudste = _oudste(vandaag)
    return [
        (groep, maanden)
        for groep in groepen
        if groep.einddatum is not None
        and oudste <= groep.einddatum < vandaag
        and groep.aanbod.soort != Aanbod.Soort.INLOOP
        for maanden, _moment in _open_momenten(groep.einddatum, vandaag)
    ]


def nu_niet(user, groep_id: int, maanden: int, vandaag: datetime.date | None = None) -> bool:
    """Put one offer aside. Only an offer that is open for this person can be put aside
    (anything else is a stale page or a made-up request: nothing is stored)."""
    open_ = open_uitnodiging(user, vandaag)
    if open_ is None or (open_.groep_id, open_.maanden) != (groep_id, maanden):
        return False
    UitkomstNuNiet.objects.get_or_create(user=user, groep_id=groep_id, maanden=maanden)
    return True
