"""Walk-in counts: the hosts of world.inloop (the facilitator fixture) and coordinators.

The deelnemer is not in the walk-in group, so it does not exist for them (404). A member
without the permission gets 403: see tests/groepen/test_inloop.py.
"""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _inloop(world):
    return {"pk": world.inloop.pk}


HOSTS = {A: LOGIN, OUT: 404, D: 404, F: 200, C: 200}

EXPECTED = {
    "inloop_lijst": Case(logged_in(200)),
    "inloop_tellen": Case(HOSTS, kwargs=_inloop),
    # An empty correction form comes back with its messages (200).
    "inloop_corrigeren": Case(HOSTS, kwargs=_inloop, method="post"),
}
