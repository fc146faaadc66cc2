"""First conversations: the public form (everyone, also without an account), the hosts'
list and actions, and the coordinator's page of hosts.

The shared world has no host; the helpers below make its facilitator one (they run
before each request, idempotently), so the walk and the hostile suite see the host pages
with 200 as well. Anyone who is not a host gets 403 on the list and 404 on a single
request (its existence is not theirs to know).
"""

from groepen import kennismaking
from groepen.models import Kennismaking
from groepen.models.kennismaking import actieve_hosts
from tests.factories import UserFactory

from . import LOGIN, Case, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _host(world):
    kennismaking.maak_host(world.facilitator)
    return {}


def _verzoek(world):
    _host(world)
    if not hasattr(world, "kennismaking"):
        world.kennismaking = Kennismaking.objects.create(
            voornaam="Canary-Kim",
            telefoon="06 12345678",
            wens="Canary-wens",
            aangemaakt_op=world.geweest.begint_om,
        )
    return {"pk": world.kennismaking.pk}


def _andere_host(world):
    # A host role; after the coordinator ended it, a fresh one, so each request finds one.
    oud = getattr(world, "andere_host", None)
    if oud is None or not actieve_hosts().filter(pk=oud.pk).exists():
        world.andere_host, _ = kennismaking.maak_host(UserFactory(roepnaam="Gastheer"))
    return {"pk": world.andere_host.pk}


HOST = {A: LOGIN, OUT: 403, D: 403, F: 200, C: 403}
# A POST without fields: nothing is picked up or closed; back to the list (302).
VERZOEK = {A: LOGIN, OUT: 404, D: 404, F: 302, C: 404}
COORDINATOR = {A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}

EXPECTED = {
    "kennismaken": Case(same(200)),
    "kennismaken_bedankt": Case(same(200)),
    "kennismakingen": Case(HOST, kwargs=_host),
    "kennismaking_oppakken": Case(VERZOEK, kwargs=_verzoek, method="post"),
    "kennismaking_afronden": Case(VERZOEK, kwargs=_verzoek, method="post"),
    "kennismaking_hosts": Case(COORDINATOR),
    "kennismaking_host_stoppen": Case({**COORDINATOR, C: 302}, kwargs=_andere_host, method="post"),
}
