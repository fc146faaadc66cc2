"""The coordinator's follow-up overview: aggregates only, no names or addresses.

Bounded by what is shown, whatever the history: the moments come a page of MOMENTEN at a
time (newest first, on the date index; the rest behind "n more" and paging links), and
every count about reminders (per status, the answers, who came) is taken in one query over
the reminders of the moments on that page only, on the moment index.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q

from deelnemers.privacy import MIN_AGGREGATE

from .models import Herinnering, NazitMoment
from .planning import antwoorden

S = Herinnering.Status
MOMENTEN = 50


def _cijfers_per_moment(pks) -> dict:
    """moment pk -> its counts: people, answers, who came, reminders per status. One query
    (none without moments: an empty IN list is answered without the database)."""
    per_status = {f"status_{s.value}": Count("pk", filter=Q(status=s)) for s in S}
    rijen = (
        Herinnering.objects.filter(moment_id__in=pks)
        .values("moment_id")
        .annotate(
            aantal_mensen=Count("user", distinct=True),
            **antwoorden(),
            **per_status,
        )
        .order_by()
    )
    return {r["moment_id"]: r for r in rijen} if pks else {}


def overzicht(pagina=None, aantal_fouten: int = 20) -> dict:
    """Counts per status and answers per moment (people counted, shown from
    MIN_AGGREGATE on), both for the moments on page `pagina`; and the most recent
    permanent failures (group, moment, reason)."""
    fouten = list(
        Herinnering.objects.filter(status=S.MISLUKT)
        .select_related("groep", "moment")
        .only("pk", "laatste_fout", "pogingen", "verstuur_op", "groep__naam", "moment__datum")
        .order_by("-verstuur_op")[:aantal_fouten]
    )
    heeft_herinneringen = Exists(Herinnering.objects.filter(moment=OuterRef("pk")))
    met_herinneringen = (
        NazitMoment.objects.filter(heeft_herinneringen)
        .select_related("groep")
        .order_by("-datum", "-pk")
    )
    paginator = Paginator(met_herinneringen, MOMENTEN)
    # How many in all, for "n more": as a filter inside the count, the Exists is a probe
    # per moment on the reminders' moment index; as a WHERE, PostgreSQL hashes every
    # reminder there ever was (13 per moment) to answer the same question.
    paginator.count = NazitMoment.objects.aggregate(n=Count("pk", filter=Q(heeft_herinneringen)))[
        "n"
    ]  # a cached_property: the Paginator asks no COUNT of its own
    # get_page: a page number that is not one, or past the end, shows the nearest page.
    pagina = paginator.get_page(pagina)
    momenten = list(pagina.object_list)
    cijfers = _cijfers_per_moment([m.pk for m in momenten])
    per_status = dict.fromkeys(S, 0)
    for m in momenten:
        r = cijfers.get(m.pk, {})
        m.aantal_mensen = r.get("aantal_mensen", 0)
        m.ja, m.misschien, m.nee = r.get("ja", 0), r.get("misschien", 0), r.get("nee", 0)
        m.gekomen = r.get("gekomen", 0)
        m.aanwezigheid_bekend = bool(r.get("ingevuld"))
        m.te_weinig = m.aantal_mensen < MIN_AGGREGATE
        for s in S:
            per_status[s] += r.get(f"status_{s.value}", 0)
    return {
        "statussen": list(per_status.items()),
        "fouten": fouten,
        "momenten": momenten,
        "pagina": pagina,
        "meer": pagina.paginator.count - len(momenten),
        "min": MIN_AGGREGATE,
    }
