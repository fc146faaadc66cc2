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
    # The thread's first post (a later one may be world.deelnemer's own, _eigen_bericht).
    return Bericht.objects.filter(draad=draad).order_by("pk").first() or (
        Bericht.objects.create(draad=draad, tekst="Fijn")
    )


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


def _ruimte(world):
    from nazorg.models import Ruimte

    ruimte, _ = Ruimte.objects.get_or_create(groep=world.groep, defaults={"naam": "Cohort"})
    return {"pk": ruimte.pk}


def _andere_ruimte(world):
    from nazorg.models import Ruimte

    ruimte, _ = Ruimte.objects.get_or_create(
        groep=world.andere_groep, defaults={"naam": world.andere_groep.naam}
    )
    return {"pk": ruimte.pk}


def _moderator(world):
    from nazorg.models import Ruimte
    from tests.factories import benoem_moderator

    ruimte = Ruimte.objects.get(pk=_ruimte(world)["pk"])
    moderator = benoem_moderator(world.andere_groep.lidmaatschappen.first().user, ruimte)
    return {"pk": moderator.pk}


EXPECTED.update(
    {
        # Hosts (facilitators) welcome people in; coordinators manage spaces and moderators.
        "community_welkom": Case({A: LOGIN, OUT: 403, D: 403, F: 200, C: 403}),
        "community_beheer": Case({A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}),
        # Settings of the facilitator's own cohort space: its moderator and the coordinator.
        "ruimte_instellingen": Case({A: LOGIN, OUT: 403, D: 403, F: 200, C: 200}, kwargs=_ruimte),
        "moderator_toevoegen": Case(
            {A: LOGIN, OUT: 403, D: 403, F: 403, C: 400}, kwargs=_ruimte, method="post"
        ),
        "moderator_verwijderen": Case(
            {A: LOGIN, OUT: 403, D: 403, F: 403, C: 302}, kwargs=_moderator, method="post"
        ),
    }
)


def _eigen_bericht(world):
    """A reply written by world.deelnemer: only its author edits or takes it back; the
    facilitator (a moderator here, not the author) gets 404 like everyone else."""
    from nazorg.models import Bericht

    draad = _bericht(world).draad
    bericht = Bericht.objects.filter(draad=draad, auteur=world.deelnemer).first()
    if bericht is None:
        bericht = Bericht.objects.create(draad=draad, auteur=world.deelnemer, tekst="Van mij")
    return {"pk": bericht.pk}


EXPECTED.update(
    {
        "bericht_bewerken": Case(
            {A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}, kwargs=_eigen_bericht
        ),
        "bericht_terugnemen": Case(
            {A: LOGIN, OUT: 404, D: 302, F: 404, C: 404}, kwargs=_eigen_bericht, method="post"
        ),
    }
)
