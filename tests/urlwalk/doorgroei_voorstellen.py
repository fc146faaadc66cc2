"""Activity proposals (doorgroei/views/voorstel*.py): the proposer's pages and the
coordinator's.

Proposing needs doorgroei.propose_activity: the world's deelnemer took part in a group;
the outsider and the facilitator (who is no participant anywhere) get 403. A single
proposal is the proposer's own: anyone else gets 404. The coordinator's pages are for
coordinators only (403 for everyone else, before any proposal is looked up).
"""

from doorgroei.models import Activiteitvoorstel

from . import LOGIN, Case

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _voorstel(world):
    if not hasattr(world, "voorstel"):
        world.voorstel = Activiteitvoorstel.objects.create(
            indiener=world.deelnemer,
            titel="Canary-schilderen",
            beschrijving="Canary-voorstel",
        )
    return {"pk": world.voorstel.pk}


VOORSTELLEN = {A: LOGIN, OUT: 403, D: 200, F: 403, C: 403}
EIGEN = {A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}
COORDINATOR = {A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}

EXPECTED = {
    "doorgroei_voorstel_nieuw": Case(VOORSTELLEN),
    "doorgroei_mijn_voorstellen": Case(VOORSTELLEN),
    "doorgroei_voorstel": Case(EIGEN, kwargs=_voorstel),
    # A POST: the proposer's own proposal is withdrawn and they go back to it (302).
    "doorgroei_voorstel_intrekken": Case({**EIGEN, D: 302}, kwargs=_voorstel, method="post"),
    "doorgroei_voorstellen_beheer": Case(COORDINATOR),
    "doorgroei_voorstel_beheer": Case(COORDINATOR, kwargs=_voorstel),
    "doorgroei_voorstel_goedkeuren": Case(COORDINATOR, kwargs=_voorstel),
}
