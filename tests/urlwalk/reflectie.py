"""Reflections: writing (anyone logged in), reading (author and those it was shared with),
changing (author only: 404 for everyone else), and what was shared with a group."""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def gedeelde_reflectie(world):
    """The deelnemer's reflection on the last meeting, shared with the facilitators."""
    from django.utils import timezone

    from herstelmodel.models import Reflectie, Stap, Zichtbaarheid

    reflectie = Reflectie.objects.create(
        auteur=world.deelnemer,
        groep=world.groep,
        bijeenkomst=world.geweest,
        stap=Stap.HERKENNING,
        tekst="Wat ik herkende.",
        zichtbaarheid=Zichtbaarheid.FACILITATORS,
        gedeeld_op=timezone.now(),
    )
    return {"pk": reflectie.pk}


# Only the author may change it; the facilitator may read it, but gets 404 here too.
ALLEEN_AUTEUR = {A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}

EXPECTED = {
    "reflectie_nieuw": Case(logged_in(200)),
    "reflectie_detail": Case({**ALLEEN_AUTEUR, F: 200}, kwargs=gedeelde_reflectie),
    "reflectie_bewerken": Case(ALLEEN_AUTEUR, kwargs=gedeelde_reflectie),
    "reflectie_verwijderen": Case(ALLEEN_AUTEUR, kwargs=gedeelde_reflectie),
    # An empty POST: the author gets the page again with a message next to the field.
    "reflectie_delen": Case(ALLEEN_AUTEUR, kwargs=gedeelde_reflectie, method="post"),
    # Coordinators know the group, but never see entries: 403.
    "gedeelde_reflecties": Case(
        {A: LOGIN, OUT: 404, D: 200, F: 200, C: 403}, kwargs=lambda w: {"pk": w.groep.pk}
    ),
}
