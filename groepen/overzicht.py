"""Read models for the role homes. Each function runs a fixed number of queries."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from .models import Bijeenkomst, Groep, Lidmaatschap


def _volgende_bijeenkomst():
    return Subquery(
        Bijeenkomst.objects.filter(
            groep=OuterRef("pk"), begint_om__gte=timezone.now(), geannuleerd=False
        )
        .order_by("begint_om")
        .values("begint_om")[:1]
    )


def _met_cijfers(groepen):
    return groepen.select_related("aanbod").annotate(
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
    groepen = list(
        Groep.objects.met_rol(user, Lidmaatschap.Rol.DEELNEMER)
        .select_related("aanbod")
        .annotate(volgende=_volgende_bijeenkomst())
    )
    komend = list(
        Bijeenkomst.objects.komend()
        .filter(groep__in=[g.pk for g in groepen])
        .select_related("groep")[:5]
    )
    return {"groepen": groepen, "komende_bijeenkomsten": komend}


def overzicht_facilitator(user) -> dict:
    groepen = list(_met_cijfers(Groep.objects.met_rol(user, Lidmaatschap.Rol.FACILITATOR)))
    deze_week = list(
        Bijeenkomst.objects.deze_week()
        .filter(groep__in=[g.pk for g in groepen], geannuleerd=False)
        .select_related("groep__aanbod")
    )
    return {"groepen": groepen, "deze_week": deze_week}


def overzicht_academie() -> dict:
    """Academy-wide figures for coordinators: counts only, never anyone's words."""
    lopende_groepen = Groep.objects.lopend_op(timezone.localdate())
    cijfers = {
        "actieve_deelnemers": Lidmaatschap.objects.deelnemers()
        .filter(groep__in=lopende_groepen)
        .values("user")
        .distinct()
        .count(),
        "lopende_groepen": lopende_groepen.count(),
        "facilitators": Lidmaatschap.objects.facilitators().values("user").distinct().count(),
        "bijeenkomsten_deze_week": Bijeenkomst.objects.deze_week()
        .filter(geannuleerd=False)
        .count(),
    }
    groepen = list(_met_cijfers(Groep.objects.all()).order_by("-startdatum", "naam")[:50])
    return {"cijfers": cijfers, "groepen": groepen}
