"""Privacy: deleting an account (own request, undo link) and the coordinator's page."""

import datetime

from . import LOGIN, Case, logged_in, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _verzoek(world):
    from django.utils import timezone

    from privacy.models import Verwijderverzoek

    verzoek, _ = Verwijderverzoek.objects.get_or_create(
        user=world.deelnemer,
        status=Verwijderverzoek.Status.WACHTEND,
        defaults={"uitvoeren_na": timezone.now() + datetime.timedelta(days=7)},
    )
    return verzoek


def _token(world):
    from privacy.verwijderen import maak_token

    return {"token": maak_token(_verzoek(world).pk)}


EXPECTED = {
    # Everyone may ask; a facilitator of a running group or a coordinator sees why not yet.
    "account_verwijderen": Case(logged_in(200)),
    # Cancelling one's own request: a POST that always lands back on the page.
    "verwijderen_intrekken": Case(logged_in(302), method="post"),
    # The undo link from the email works without login, for whoever holds it.
    "verwijderen_annuleren": Case(same(200), kwargs=_token),
    "verwijderen_beheer": Case({**logged_in(403), C: 200}),
    "verwijderen_beheer_annuleren": Case(
        {**logged_in(403), C: 302, A: LOGIN},
        kwargs=lambda w: {"pk": _verzoek(w).pk},
        method="post",
    ),
}
