"""Community moderation queue, moderation decisions and the weekly digest preference."""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _zaak_elders(world):
    """An open case in the cohort space of a group the facilitator does not facilitate."""
    from nazorg.models import Bericht, Draad, Moderatiezaak, Ruimte

    ruimte, _ = Ruimte.objects.get_or_create(
        groep=world.andere_groep, defaults={"naam": world.andere_groep.naam}
    )
    draad = Draad.objects.create(ruimte=ruimte, titel="Elders")
    bericht = Bericht.objects.create(draad=draad, tekst="Tekst elders")
    zaak = Moderatiezaak.objects.create(bericht=bericht, soort=Moderatiezaak.Soort.SIGNAAL)
    return {"pk": zaak.pk}


EXPECTED = {
    # Facilitators moderate (at least the academy-wide space); nobody else, coordinators too.
    "moderatie": Case({A: LOGIN, OUT: 403, D: 403, F: 200, C: 403}),
    # A case in a space you do not moderate: 404 for a facilitator; 403 for non-moderators.
    "moderatie_besluit": Case(
        {A: LOGIN, OUT: 403, D: 403, F: 404, C: 403}, kwargs=_zaak_elders, method="post"
    ),
    "digest": Case(logged_in(200)),
}
