"""The public home: what a stranger needs to dare to come (issue 14).

Who we are, when the walk-in is open this week, what starts soon, how to get in touch
and the crisis numbers. A fixed number of queries, however much offer there is, and no
personal data: a walk-in is counted, not registered, and a group is shown by its name.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from deelnemers.academie import huidige_academie
from groepen import openbaar
from groepen.models import Aanbod, Bijeenkomst, Groep
from lib.jsonld import ld_json

WEEK = datetime.timedelta(days=7)
# The home shows this many groups that start soon; the offer page has the rest.
KOMEND_OP_HOME = 4


def inloop_deze_week():
    """The walk-in's openings of the coming seven days, soonest first (one query)."""
    nu = timezone.now()
    return list(
        Bijeenkomst.objects.komend()
        .filter(
            groep__aanbod__soort=Aanbod.Soort.INLOOP,
            groep__aanbod__gearchiveerd=False,
            begint_om__lt=nu + WEEK,
        )
        .select_related("groep__aanbod", "groep__plek", "plek")
        .order_by("begint_om", "pk")
    )


def binnenkort():
    """Groups of published offers (the kinds you sign up for) that start from today."""
    vandaag = timezone.localdate()
    zonder_inschrijving = [Aanbod.Soort.INLOOP, Aanbod.Soort.GESPREK]
    return list(
        Groep.objects.filter(aanbod__gearchiveerd=False, startdatum__gte=vandaag)
        .exclude(aanbod__soort__in=zonder_inschrijving)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))
        .select_related("aanbod", "plek")
        .order_by("startdatum", "naam")[:KOMEND_OP_HOME]
    )


def home(request) -> dict:
    academie = huidige_academie()
    url = request.build_absolute_uri("/")
    organisatie = openbaar.organisatie_ld(academie, url)
    organisatie.update(
        {
            "@context": "https://schema.org",
            "description": academie.introductie[:300],
            "address": academie.contact_adres,
        }
    )
    return {**openbaar.bewaard("home", _gegevens), "structured_data": ld_json(organisatie)}


def _gegevens() -> dict:
    inloop = inloop_deze_week()
    for b in inloop:
        b.waar = b.plek or b.locatie or b.groep.plaats
    return {"inloop": inloop, "binnenkort": binnenkort()}
