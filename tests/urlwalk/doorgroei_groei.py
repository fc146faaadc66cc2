"""Growing as a volunteer and getuigenis as a role (doorgroei, issue 16).

The path is one's own: every signed-in person opens it (empty until they have a role).
The development pages are the coordinator's (403 for everyone else); a person without
any volunteer role answers 404 there.
"""

import datetime

from django.utils import timezone

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"
COORDINATOR = {A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}


def _vrijwilliger(world):
    from groepen.models import Vrijwilligersrol

    Vrijwilligersrol.objects.get_or_create(
        user=world.deelnemer,
        soort=Vrijwilligersrol.Soort.GASTHEER,
        defaults={"begint_op": timezone.localdate() - datetime.timedelta(days=30)},
    )
    return world.deelnemer


def _persoon_kwargs(world):
    return {"user_id": _vrijwilliger(world).pk}


def _ontwikkeling_kwargs(world):
    from doorgroei.models import Ontwikkeling

    user = _vrijwilliger(world)
    rij = Ontwikkeling.objects.create(
        user=user, soort="oce", titel="OCE", datum=timezone.localdate()
    )
    return {"user_id": user.pk, "pk": rij.pk}


def _aanbod(world):
    """The deelnemer shares her story with the fixtures' group and offers to tell it.
    She shares a version of its own: world.verhaal_versie stays unshared (the canary
    test, tests/herstelmodel/test_canary.py, plants its text there)."""
    from doorgroei.models import Verhaalaanbod
    from herstelmodel.models import VerhaalVersie

    verhaal = world.verhaal
    verhaal.gedeeld_met = world.groep
    verhaal.gedeelde_versie = VerhaalVersie.objects.create(
        verhaal=verhaal, inhoud='{"leven": "Wat ik wil vertellen"}'
    )
    verhaal.gedeeld_op = timezone.now()
    verhaal.save()
    Verhaalaanbod.objects.get_or_create(user=world.deelnemer)
    return world.deelnemer


def _aanbod_kwargs(world):
    return {"user_id": _aanbod(world).pk}


def _uitnodiging_kwargs(world):
    from doorgroei.models import Verhaaluitnodiging

    rij, _ = Verhaaluitnodiging.objects.get_or_create(
        user=_aanbod(world), bijeenkomst=world.bijeenkomst, uitgenodigd_door=world.facilitator
    )
    return {"pk": rij.pk}


FACILITATOR = {A: LOGIN, OUT: 403, D: 403, F: 200, C: 403}

EXPECTED = {
    "doorgroei_mijn_pad": Case(logged_in(200)),
    "doorgroei_ontwikkeling": Case(COORDINATOR),
    "doorgroei_ontwikkeling_persoon": Case(COORDINATOR, kwargs=_persoon_kwargs),
    "doorgroei_ontwikkeling_verwijderen": Case(
        {**COORDINATOR, C: 302}, kwargs=_ontwikkeling_kwargs, method="post"
    ),
    # Getuigenis as a role: one's own offer and answers; the facilitators who may read
    # the story see the offer (the coordinator is no facilitator here: 403).
    "doorgroei_verhaal_aanbod": Case(logged_in(200)),
    "doorgroei_verhaal_antwoord": Case(
        {A: LOGIN, OUT: 404, D: 302, F: 404, C: 404}, kwargs=_uitnodiging_kwargs, method="post"
    ),
    "doorgroei_vertellers": Case(FACILITATOR),
    "doorgroei_verteller_uitnodigen": Case(FACILITATOR, kwargs=_aanbod_kwargs),
}
