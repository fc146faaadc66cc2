"""Walk-in (inloop) counts: anonymous visitor numbers per day and day-part.

Visitors have no account and leave no name: a host only taps +1 or -1. Two hosts tapping
at the same moment must both count, so a tap is a single atomic
UPDATE ... SET aantal = aantal + 1 on a row that is made first if it is missing
(INSERT ... ON CONFLICT DO NOTHING, so two first taps cannot collide on the unique
constraint). A count never goes below 0: the decrement only updates a row above 0.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from deelnemers.rules import is_coordinator

from .models import Aanbod, Groep, InloopTelling, Lidmaatschap
from .models.kennismaking import actieve_hosts

DAGDELEN = InloopTelling.Dagdeel
HISTORIE_DAGEN = 14
MAX_AANTAL = 1000


def telbare_groepen(user):
    """The walk-ins a person may count: the ones they facilitate or host (an active host
    role for that walk-in, or for every walk-in), or all of them for a coordinator.

    The queryset form of the permission groepen.count_inloop
    (is_facilitator_of | is_host_of | is_coordinator), so a list needs one query, not
    one per group. A host need not be a member of the walk-in group.
    """
    if not user.is_authenticated or not user.is_active:
        return Groep.objects.none()
    groepen = Groep.objects.filter(aanbod__soort=Aanbod.Soort.INLOOP).select_related(
        "aanbod", "plek"
    )
    if is_coordinator(user):
        return groepen
    faciliteert = Lidmaatschap.objects.facilitators().filter(user=user).values("groep")
    host = actieve_hosts().filter(user=user)
    return groepen.filter(
        Q(pk__in=faciliteert)
        | Q(Exists(host.filter(groep__isnull=True)))
        | Q(pk__in=host.filter(groep__isnull=False).values("groep"))
    )


def met_totaal_vandaag(groepen, vandaag: datetime.date | None = None):
    vandaag = vandaag or timezone.localdate()
    return groepen.annotate(
        vandaag_totaal=Coalesce(
            Sum("inloop_tellingen__aantal", filter=Q(inloop_tellingen__datum=vandaag)), 0
        )
    ).order_by("naam", "pk")


def _telling(groep: Groep, datum: datetime.date, dagdeel: str):
    """The row for one day-part, made if missing (no race on the unique constraint)."""
    InloopTelling.objects.bulk_create(
        [InloopTelling(groep=groep, datum=datum, dagdeel=dagdeel, aantal=0)],
        ignore_conflicts=True,
    )
    return InloopTelling.objects.filter(groep=groep, datum=datum, dagdeel=dagdeel)


def tel(groep: Groep, dagdeel: str, stap: int, datum: datetime.date | None = None) -> int:
    """Add one visitor (stap=1) or take one off (stap=-1). Returns the new count."""
    if stap not in (1, -1):
        raise ValueError("stap must be 1 or -1")
    datum = datum or timezone.localdate()
    rij = _telling(groep, datum, dagdeel)
    if stap == 1:
        rij.filter(aantal__lt=MAX_AANTAL).update(
            aantal=F("aantal") + 1, bijgewerkt_op=timezone.now()
        )
    else:
        rij.filter(aantal__gt=0).update(aantal=F("aantal") - 1, bijgewerkt_op=timezone.now())
    return rij.values_list("aantal", flat=True).get()


def corrigeer(groep: Groep, datum: datetime.date, dagdeel: str, aantal: int) -> None:
    """Set the number for a day-part, e.g. counted on paper or after a mistake."""
    _telling(groep, datum, dagdeel).update(aantal=aantal, bijgewerkt_op=timezone.now())


@dataclass
class Dag:
    datum: datetime.date
    per_dagdeel: list[int]

    @property
    def totaal(self) -> int:
        return sum(self.per_dagdeel)


@dataclass
class Dagdeel:
    waarde: str
    label: str
    aantal: int
    nu: bool = False


def overzicht(groep: Groep, vandaag: datetime.date | None = None) -> dict:
    """Today per day-part and the last 14 days (today included), in one query."""
    vandaag = vandaag or timezone.localdate()
    eerste = vandaag - datetime.timedelta(days=HISTORIE_DAGEN - 1)
    aantallen = {
        (datum, dagdeel): aantal
        for datum, dagdeel, aantal in InloopTelling.objects.filter(
            groep=groep, datum__range=(eerste, vandaag)
        ).values_list("datum", "dagdeel", "aantal")
    }
    dagen = [
        Dag(
            datum=datum,
            per_dagdeel=[aantallen.get((datum, d.value), 0) for d in DAGDELEN],
        )
        for datum in (vandaag - datetime.timedelta(days=i) for i in range(HISTORIE_DAGEN))
    ]
    nu = huidig_dagdeel()
    vandaag_dagdelen = [
        Dagdeel(d.value, d.label, aantallen.get((vandaag, d.value), 0), nu=d.value == nu)
        for d in DAGDELEN
    ]
    return {
        "vandaag": vandaag,
        "dagdelen": vandaag_dagdelen,
        "vandaag_totaal": sum(d.aantal for d in vandaag_dagdelen),
        "dagen": dagen,
        "periode_totaal": sum(dag.totaal for dag in dagen),
        "dagdeel_labels": [d.label for d in DAGDELEN],
    }


def huidig_dagdeel(moment: datetime.datetime | None = None) -> str:
    """The day-part it is now, so the page can put it first for the host."""
    uur = timezone.localtime(moment).hour
    if uur < 12:
        return DAGDELEN.OCHTEND
    if uur < 18:
        return DAGDELEN.MIDDAG
    return DAGDELEN.AVOND
