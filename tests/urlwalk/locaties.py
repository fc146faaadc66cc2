"""Locations: anyone opens the page of a location in use (no personal data on it), also
without an account; only coordinators manage them (beheer)."""

from groepen.models import Locatie

from . import Case, logged_in, same

C = "coordinator"


def alleen_coordinator(status):
    return {**logged_in(403), C: status}


def in_gebruik(world):
    """A location the world's group meets at: deleting it archives it instead (302)."""
    locatie, _ = Locatie.objects.get_or_create(naam="Buurthuis De Linde")
    world.groep.plek = locatie
    world.groep.save(update_fields=["plek"])
    return {"pk": locatie.pk}


EXPECTED = {
    "locatie_detail": Case(same(200), kwargs=in_gebruik),
    "beheer_locaties": Case(alleen_coordinator(200)),
    "beheer_locatie_nieuw": Case(alleen_coordinator(200)),
    "beheer_locatie": Case(alleen_coordinator(200), kwargs=in_gebruik),
    # POST: archives (302 back to the location's page).
    "beheer_locatie_archiveren": Case(alleen_coordinator(302), kwargs=in_gebruik, method="post"),
    # POST: the location is in use, so it is archived instead (302).
    "beheer_locatie_verwijderen": Case(alleen_coordinator(302), kwargs=in_gebruik, method="post"),
}
