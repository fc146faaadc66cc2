"""Community: spaces, threads, replies, "Herken ik", reports, muting, guidelines.

Everyone in the world has accepted the guidelines (else every page redirects there).
The cohort space is world.groep's: its deelnemer and facilitator are members; outsiders
and coordinators (who never see content) get 404.
"""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"
LEDEN = {A: LOGIN, OUT: 404, D: 200, F: 200, C: 404}
LEDEN_POST = {A: LOGIN, OUT: 404, D: 302, F: 302, C: 404}


def _akkoord(world):
    from nazorg.models import RichtlijnAkkoord

    for user in (world.deelnemer, world.facilitator, world.coordinator, world.outsider):
        RichtlijnAkkoord.objects.get_or_create(user=user)


def _bericht(world):
    from nazorg.models import Bericht, Draad, Ruimte

    _akkoord(world)
    ruimte, _ = Ruimte.objects.get_or_create(groep=world.groep, defaults={"naam": "Cohort"})
    # The title is encrypted (not searchable in SQL): find the thread by its space.
    draad = Draad.objects.filter(ruimte=ruimte).first() or Draad.objects.create(
        ruimte=ruimte, titel="Hallo"
    )
    bericht, _ = Bericht.objects.get_or_create(draad=draad, defaults={"tekst": "Fijn"})
    return bericht


def _overal(world):
    _akkoord(world)
    return {}


EXPECTED = {
    "community": Case(logged_in(200), kwargs=_overal),
    "richtlijnen": Case(logged_in(200)),
    "ruimte": Case(LEDEN, kwargs=lambda w: {"pk": _bericht(w).draad.ruimte_id}),
    "draad": Case(LEDEN, kwargs=lambda w: {"pk": _bericht(w).draad_id}),
    "dempen": Case(LEDEN_POST, kwargs=lambda w: {"pk": _bericht(w).draad_id}, method="post"),
    "herken_ik": Case(LEDEN_POST, kwargs=lambda w: {"pk": _bericht(w).pk}, method="post"),
    "melden": Case(LEDEN, kwargs=lambda w: {"pk": _bericht(w).pk}),
}
