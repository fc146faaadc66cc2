"""What the academy measures itself, next to the study's assumptions (issue 16).

People report outcomes in check-ins (doorgroei.models.Uitkomst). For three of the
value report's assumptions a check-in question measures the same thing:

- vrijwilliger_aandeel (the study: 15%): share who answered "yes" to doing volunteer work;
- werk_aandeel (the study: 5%): share who answered "yes" to having paid work;
- behandeling_effectiever (the study: 67%): of the people with contact with care, the
  share who say they have fewer contacts with care than before.

Per person only their latest check-in in the period counts, and a question they
skipped there does not count for that figure (no guessing from older check-ins). A
figure rests on the people who answered its question; with fewer than MIN_AGGREGATE of
them it is not shown and never used. With a location or offer filter, only people who
took part (not on the waiting list) in a matching group count. All three figures come
from one query, however many check-ins there are. An erased person's check-ins are
deleted (doorgroei/privacy_uitkomsten.py), so they are in no figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Q, Subquery

from deelnemers.privacy import MIN_AGGREGATE
from doorgroei.models import Uitkomst
from groepen.models import Lidmaatschap

PROCENT = Decimal("0.1")

# assumption key -> (Q for "counts as yes", Q for "answered this question")
METINGEN = {
    "vrijwilliger_aandeel": (Q(vrijwilligerswerk=True), Q(vrijwilligerswerk__isnull=False)),
    "werk_aandeel": (Q(betaald_werk=True), Q(betaald_werk__isnull=False)),
    "behandeling_effectiever": (
        Q(minder_zorg=Uitkomst.Zorg.MINDER),
        Q(minder_zorg__in=[Uitkomst.Zorg.MINDER, Uitkomst.Zorg.NIET_MINDER]),
    ),
}


@dataclass(frozen=True)
class Meting:
    mensen: int  # people whose latest check-in in the period answered the question
    ja: int

    @property
    def toonbaar(self) -> bool:
        return self.mensen >= MIN_AGGREGATE

    @property
    def procent(self) -> Decimal | None:
        """The share in percent, one decimal; None when too few people answered."""
        if not self.toonbaar:
            return None
        return (Decimal(100) * self.ja / self.mensen).quantize(PROCENT, rounding=ROUND_HALF_UP)


def laatste_per_persoon(periode, filters=None):
    """Each person's latest check-in in the period (one row per person)."""
    in_periode = Uitkomst.objects.filter(
        ingevuld_op__gte=periode.begin_dt, ingevuld_op__lt=periode.einde_dt
    )
    laatste = in_periode.filter(user=OuterRef("user")).order_by("-ingevuld_op", "-pk")
    rijen = in_periode.filter(pk=Subquery(laatste.values("pk")[:1]))
    if filters is not None and filters.actief:
        mensen = (
            Lidmaatschap.objects.filter(filters.groep_q("groep__"), rol=Lidmaatschap.Rol.DEELNEMER)
            .exclude(status=Lidmaatschap.Status.WACHTLIJST)
            .values("user")
        )
        rijen = rijen.filter(user__in=mensen)
    return rijen


def _tel(periode, filters, welke: dict) -> dict[str, Meting]:
    tellingen = {}
    for sleutel, (ja, beantwoord) in welke.items():
        tellingen[f"{sleutel}__ja"] = Count("pk", filter=ja)
        tellingen[f"{sleutel}__mensen"] = Count("pk", filter=beantwoord)
    uitkomst = laatste_per_persoon(periode, filters).aggregate(**tellingen)
    return {
        sleutel: Meting(mensen=uitkomst[f"{sleutel}__mensen"], ja=uitkomst[f"{sleutel}__ja"])
        for sleutel in welke
    }


def metingen(periode, filters=None) -> dict[str, Meting]:
    """The measured figure behind each measurable assumption, in one query."""
    return _tel(periode, filters, METINGEN)


# The participation dashboard shows every yes/no outcome people report, not only the
# three the value report can use; same rules (latest check-in, skipped = not counted, k).
DASHBOARD_METINGEN = {
    "vrijwilligerswerk": METINGEN["vrijwilliger_aandeel"],
    "betaald_werk": METINGEN["werk_aandeel"],
    "studie": (Q(studie=True), Q(studie__isnull=False)),
    "minder_zorg": METINGEN["behandeling_effectiever"],
    "meer_mensen": (Q(meer_mensen=True), Q(meer_mensen__isnull=False)),
    "meer_regie": (Q(regie=Uitkomst.Regie.MEER), Q(regie__isnull=False)),
}


def dashboard_metingen(periode, filters=None) -> dict[str, Meting]:
    """Every reported outcome for the participation dashboard, in one query."""
    return _tel(periode, filters, DASHBOARD_METINGEN)
