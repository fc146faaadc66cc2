"""The figures as they were computed before the monthly summaries (impact/samenvatting.py),
straight over the period: the yardstick the summaries must equal exactly."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Lidmaatschap
from herstelmodel.models import Reflectie, Stap
from impact import deelname, modelspiegel, samenvatting


def _zonder_inloop(filters, prefix):
    return filters.groep_q(prefix) & ~Q(**{f"{prefix}aanbod__soort": Aanbod.Soort.INLOOP})


def inschrijvingen(periode, filters):
    status = Lidmaatschap.Status
    return Lidmaatschap.objects.filter(
        _zonder_inloop(filters, "groep__"),
        rol=Lidmaatschap.Rol.DEELNEMER,
        sinds__gte=periode.begin_dt,
        sinds__lt=periode.einde_dt,
    ).aggregate(
        totaal=Count("pk"),
        actief=Count("pk", filter=Q(status=status.ACTIEF)),
        wachtlijst=Count("pk", filter=Q(status=status.WACHTLIJST)),
        uitgeschreven=Count("pk", filter=Q(status=status.UITGESCHREVEN)),
    )


def opkomst(periode, filters):
    return Aanwezigheid.objects.filter(
        _zonder_inloop(filters, "bijeenkomst__groep__"),
        bijeenkomst__begint_om__gte=periode.begin_dt,
        bijeenkomst__begint_om__lt=periode.einde_dt,
        bijeenkomst__geannuleerd=False,
    ).aggregate(
        aanwezig=Count("pk", filter=Q(status=Aanwezigheid.Status.AANWEZIG)),
        totaal=Count("pk"),
        mensen=Count("user", distinct=True),
    )


def stappen(periode, filters):
    """(per step: per month, per month) as shown: None for 1-4 people."""
    basis = Reflectie.objects.filter(
        filters.groep_q("groep__") if filters.actief else Q(),
        aangemaakt_op__gte=periode.begin_dt,
        aangemaakt_op__lt=periode.einde_dt,
    ).annotate(maand=TruncMonth("aangemaakt_op"))
    lijst = modelspiegel.maanden(periode)
    index = {m: i for i, m in enumerate(lijst)}

    def plek(maand):
        return index[timezone.localtime(maand).date()]

    per_stap = {stap.value: [0] * len(lijst) for stap in Stap}
    for rij in basis.values("maand", "stap").annotate(n=Count("auteur", distinct=True)).order_by():
        per_stap[rij["stap"]][plek(rij["maand"])] = rij["n"]
    mensen = [0] * len(lijst)
    for rij in basis.values("maand").annotate(n=Count("auteur", distinct=True)).order_by():
        mensen[plek(rij["maand"])] = rij["n"]
    verberg = modelspiegel.verberg
    return (
        {k: [verberg(n) for n in v] for k, v in per_stap.items()},
        [verberg(n) for n in mensen],
    )


def vergelijk(periode, filters, vandaag: datetime.date | None = None):
    """Assert that the dashboard's and the model mirror's figures equal the direct ones."""
    d = deelname.deelname(periode, filters, vandaag)
    ref_inschr = inschrijvingen(periode, filters)
    assert [c.waarde for c in d.inschrijvingen] == [
        deelname._aantal(ref_inschr[k]) for k in ("totaal", "actief", "wachtlijst", "uitgeschreven")
    ], (periode, filters)
    ref = opkomst(periode, filters)
    verwacht = deelname._aandeel(ref["aanwezig"], ref["totaal"], ref["mensen"])
    cijfer = next(c for c in d.kerncijfers if c.sleutel == "opkomst")
    assert (cijfer.waarde, str(cijfer.reden)) == (verwacht[0], str(verwacht[1])), (periode, filters)
    # The raw sums too, not only what is shown (a hidden share hides a difference).
    maanden = samenvatting.per_maand(periode, filters, ("opkomst", "inschrijvingen"), vandaag)
    assert deelname._inschrijvingen(maanden) == ref_inschr, (periode, filters)
    som = {k: sum(c["opkomst"][k] for c in maanden.values()) for k in ("aanwezig", "totaal")}
    assert som == {"aanwezig": ref["aanwezig"], "totaal": ref["totaal"]}, (periode, filters)
    verdeling = modelspiegel.stappen_verdeling(periode, filters)
    assert (verdeling.per_stap, verdeling.mensen) == stappen(periode, filters), (periode, filters)
    return d, verdeling
