"""Community notifications (nazorg/gesprekmeldingen.py): open one, mark all read, choices."""

from . import Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _melding(world):
    from nazorg.models import Melding

    melding, _ = Melding.objects.get_or_create(
        user=world.deelnemer, titel="Nazit", defaults={"link": "/meldingen/"}
    )
    return {"pk": melding.pk}


EXPECTED = {
    # Only the person's own notification; anyone else gets the 404 of "not yours".
    "meldingen_open": Case({**logged_in(404), D: 302}, kwargs=_melding),
    "meldingen_gelezen": Case(logged_in(302), method="post"),
    "meldingen_instellingen": Case(logged_in(200)),
}
