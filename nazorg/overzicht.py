"""The coordinator's follow-up overview: aggregates only, no names or addresses.

Bounded: whatever the history, the answers are counted for the 50 moments shown (found
first, newest first, on the date index), never for every moment before keeping 50.
"""

from django.db.models import Count, Exists, OuterRef, Q

from deelnemers.privacy import MIN_AGGREGATE

from .models import Herinnering, NazitMoment

S = Herinnering.Status
A = Herinnering.Antwoord
MOMENTEN = 50


def overzicht(aantal_fouten: int = 20) -> dict:
    """Counts per status, recent permanent failures (group, moment, reason) and answers
    per moment (people counted, shown from MIN_AGGREGATE on)."""
    per_status = dict(Herinnering.objects.values_list("status").annotate(n=Count("pk")).order_by())
    statussen = [(s, per_status.get(s.value, 0)) for s in S]
    fouten = list(
        Herinnering.objects.filter(status=S.MISLUKT)
        .select_related("groep", "moment")
        .only("pk", "laatste_fout", "pogingen", "verstuur_op", "groep__naam", "moment__datum")
        .order_by("-verstuur_op")[:aantal_fouten]
    )
    getoond = (
        NazitMoment.objects.filter(Exists(Herinnering.objects.filter(moment=OuterRef("pk"))))
        .order_by("-datum", "-pk")
        .values_list("pk", flat=True)[:MOMENTEN]
    )
    momenten = list(
        NazitMoment.objects.filter(pk__in=list(getoond))
        .select_related("groep")
        .annotate(
            aantal_mensen=Count("herinneringen__user", distinct=True),
            ja=Count("herinneringen", filter=Q(herinneringen__antwoord=A.JA)),
            misschien=Count("herinneringen", filter=Q(herinneringen__antwoord=A.MISSCHIEN)),
            nee=Count("herinneringen", filter=Q(herinneringen__antwoord=A.NEE)),
        )
        .order_by("-datum", "-pk")
    )
    for m in momenten:
        m.te_weinig = m.aantal_mensen < MIN_AGGREGATE
    return {"statussen": statussen, "fouten": fouten, "momenten": momenten, "min": MIN_AGGREGATE}
