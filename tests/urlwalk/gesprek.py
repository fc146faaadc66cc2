"""One-to-one conversations: an ervaringsdeskundige's own slots are theirs (404 for
anyone else), a booking is the booker's; publishing times needs a facilitator role,
the monthly counts a coordinator."""

import datetime

from django.utils import timezone

from groepen.models import Gespreksboeking, Gespreksslot, Lidmaatschap

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def gesprek(w):
    """The world's conversation offer: the facilitator's booked slot (booked by the
    deelnemer) and a free slot of the other group's facilitator. Made once per world."""
    if not hasattr(w, "gesprek"):
        from tests.factories import AanbodFactory

        aanbod = AanbodFactory(soort="gesprek", titel="Gesprek met een ervaringsdeskundige")
        morgen = timezone.now() + datetime.timedelta(days=1)
        mijn = Gespreksslot.objects.create(
            aanbod=aanbod,
            ervaringsdeskundige=w.facilitator,
            begint_om=morgen,
            eindigt_om=morgen + datetime.timedelta(hours=1),
            plaats="Kamer 2",
        )
        ander = w.andere_groep.lidmaatschappen.filter(rol=Lidmaatschap.Rol.FACILITATOR).first()
        vrij = Gespreksslot.objects.create(
            aanbod=aanbod,
            ervaringsdeskundige=ander.user,
            begint_om=morgen + datetime.timedelta(hours=2),
            eindigt_om=morgen + datetime.timedelta(hours=3),
            plaats="Telefonisch",
        )
        boeking = Gespreksboeking.objects.create(slot=mijn, deelnemer=w.deelnemer)
        w.gesprek = {"aanbod": aanbod, "mijn": mijn, "vrij": vrij, "boeking": boeking}
    return w.gesprek


def _pk(sleutel):
    return lambda w: {"pk": gesprek(w)[sleutel].pk}


EIGEN_SLOT = {A: LOGIN, OUT: 404, D: 404, F: 200, C: 404}

EXPECTED = {
    "gesprekken": Case({A: LOGIN, OUT: 403, D: 403, F: 200, C: 403}),
    "gesprek_cijfers": Case({A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}),
    "gespreksslot": Case(EIGEN_SLOT, kwargs=_pk("mijn")),
    "gespreksslot_annuleren": Case(EIGEN_SLOT, kwargs=_pk("mijn")),
    "gesprek_notitie": Case(EIGEN_SLOT, kwargs=_pk("mijn")),
    "gesprek_boeken": Case(logged_in(200), kwargs=_pk("vrij")),
    "gesprek_annuleren": Case({A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}, kwargs=_pk("boeking")),
    "gesprek_ander_moment": Case(logged_in(200), kwargs=_pk("aanbod")),
}
