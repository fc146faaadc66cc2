"""Herkenning moments, "Mijn herstelpad" and the model explained: each person's own."""

from . import LOGIN, Case, logged_in, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _moment_van_deelnemer(world):
    """A herkenning moment of the deelnemer: only they may open its delete page."""
    from herstelmodel.models import Herkenningsmoment

    moment = Herkenningsmoment.objects.create(
        auteur=world.deelnemer, groep=world.groep, bijeenkomst=world.geweest, soort="herkend"
    )
    return {"pk": moment.pk}


EXPECTED = {
    "herkenning_nieuw": Case(logged_in(200)),
    # Somebody else's moment: 404 for everyone but its author (existence is not revealed).
    "herkenning_verwijderen": Case(
        {A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}, kwargs=_moment_van_deelnemer
    ),
    "herstelpad": Case(logged_in(200)),
    # Public: how recovery can go, readable before making an account.
    "het_model": Case(same(200)),
}
