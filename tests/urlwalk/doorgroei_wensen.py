"""Wishes to help: anyone signed in offers one on /meehelpen/; a wish is its person's own
(404 for anyone else); coordinators see and decide on them (403 for everyone else).

The world's deelnemer has one open wish, made before each request (idempotently). A POST
without fields decides nothing: the coordinator's forms answer 400 with their errors.
"""

from doorgroei.models import Meehelpwens

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _wens(world):
    if not hasattr(world, "meehelpwens"):
        world.meehelpwens = Meehelpwens.objects.create(
            user=world.deelnemer, manieren=["gastheer"], wanneer="Canary-vrijdag"
        )
    return {"pk": world.meehelpwens.pk}


COORDINATOR = {A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}

EXPECTED = {
    "meehelpen": Case(logged_in(200)),
    "meehelpen_intrekken": Case(
        {A: LOGIN, OUT: 404, D: 302, F: 404, C: 404}, kwargs=_wens, method="post"
    ),
    "meehelpwensen": Case(COORDINATOR),
    "meehelpwens": Case(COORDINATOR, kwargs=_wens),
    "meehelpwens_uitnodigen": Case({**COORDINATOR, C: 400}, kwargs=_wens, method="post"),
    "meehelpwens_besluit": Case({**COORDINATOR, C: 400}, kwargs=_wens, method="post"),
}
