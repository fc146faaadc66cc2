"""Intervisie: facilitators (join_intervisie) and coordinators (manage_intervisie).

Notes and the group page are for active members only: everyone else gets 404, the
coordinator included. The world fixture has no intervisiegroep, so the kwargs functions
make one with the facilitator fixture as its member (and one meeting).
"""

import datetime

from django.utils import timezone

from . import LOGIN, Case

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _groep(world):
    from groepen.models import Intervisiegroep, IntervisieLid

    groep, _ = Intervisiegroep.objects.get_or_create(naam="Intervisie walk")
    IntervisieLid.objects.get_or_create(groep=groep, user=world.facilitator)
    return groep


def _groep_kwargs(world):
    return {"pk": _groep(world).pk}


def _bijeenkomst_kwargs(world):
    from groepen.models import Intervisiebijeenkomst

    bijeenkomst = Intervisiebijeenkomst.objects.create(
        groep=_groep(world),
        begint_om=timezone.now() - datetime.timedelta(days=3),
        methode=Intervisiebijeenkomst.Methode.INCIDENT,
        vraag="Een vraag",
    )
    return {"pk": bijeenkomst.pk}


LEDEN = {A: LOGIN, OUT: 404, D: 404, F: 200, C: 404}
COORDINATOREN = {A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}

EXPECTED = {
    "intervisie": Case({A: LOGIN, OUT: 403, D: 403, F: 200, C: 200}),
    # Joining: facilitators (already a member: back to the group page).
    "intervisie_deelnemen": Case(
        {A: LOGIN, OUT: 403, D: 403, F: 302, C: 403}, kwargs=_groep_kwargs, method="post"
    ),
    "intervisie_groep": Case(LEDEN, kwargs=_groep_kwargs),
    "intervisie_verlaten": Case(LEDEN, kwargs=_groep_kwargs),
    "intervisie_bijeenkomst": Case(LEDEN, kwargs=_bijeenkomst_kwargs),
    "intervisie_beheer": Case(COORDINATOREN, kwargs=_groep_kwargs),
    "intervisie_cijfers": Case(COORDINATOREN),
}
