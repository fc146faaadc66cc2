"""Following a community space (nazorg/volgen.py) and the one-click link that stops the
reply email (nazorg/gesprekmail.py)."""

from . import LOGIN, Case, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _ruimte(world):
    from .community import _bericht

    # Members of the cohort space follow it; anyone else gets the 404 of "not yours".
    return {"pk": _bericht(world).draad.ruimte_id}


def _stop(world):
    from nazorg.gesprekmail import maak_stop_token

    return {"token": maak_stop_token(world.deelnemer.pk)}


EXPECTED = {
    "ruimte_volgen": Case(
        {A: LOGIN, OUT: 404, D: 302, F: 302, C: 404}, kwargs=_ruimte, method="post"
    ),
    # A link from the email: works without logging in, for whoever holds it.
    "gesprekmail_stoppen": Case(same(200), kwargs=_stop),
}
