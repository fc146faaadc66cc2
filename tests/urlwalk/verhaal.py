"""Mijn verhaal: everyone logged in has their own story; versions are the author's only
(404 for anyone else); a group's getuigenissen are for its active members."""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _versie_van_deelnemer(world):
    """A saved version of the deelnemer's story: theirs to open, 404 for everyone else."""
    from herstelmodel import verhaal

    versie, _nieuw = verhaal.opslaan(world.deelnemer, "", {"overweldigd": "Een begin."})
    return {"pk": versie.pk}


ALLEEN_AUTEUR = {A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}

EXPECTED = {
    "verhaal": Case(logged_in(200)),
    "verhaal_versies": Case(logged_in(200)),
    "verhaal_versie": Case(ALLEEN_AUTEUR, kwargs=_versie_van_deelnemer),
    # Restoring redirects back to the editor.
    "verhaal_herstellen": Case(
        {**ALLEEN_AUTEUR, D: 302}, kwargs=_versie_van_deelnemer, method="post"
    ),
    # An empty share form comes back with its message (200).
    "verhaal_delen": Case(logged_in(200), method="post"),
    # Members of the group; coordinators may know the group but not read its stories.
    "getuigenissen": Case(
        {A: LOGIN, OUT: 404, D: 200, F: 200, C: 403}, kwargs=lambda w: {"pk": w.groep.pk}
    ),
}
