"""Volunteer roles: the coordinator's list and person pages (coordinators only; anyone
else 403), and "Mijn rollen" (every signed-in person sees their own, or an empty page)."""

from groepen.models import Vrijwilligersrol
from groepen.rollen import start_rol

from . import LOGIN, Case, logged_in

C = "coordinator"
ALLEEN_COORDINATOR = {**logged_in(403), "anonymous": LOGIN}


def _persoon(world):
    return {"pk": world.deelnemer.pk}


def _rol(world):
    """A buddy role of the world's participant that has not ended (made again when a
    coordinator's request ended it)."""
    rol = (
        Vrijwilligersrol.objects.filter(user=world.deelnemer, eindigt_op__isnull=True)
        .order_by("pk")
        .first()
    )
    if rol is None:
        rol = start_rol(world.deelnemer, Vrijwilligersrol.Soort.BUDDY)
    return {"pk": world.deelnemer.pk, "rol_pk": rol.pk}


EXPECTED = {
    "vrijwilligers": Case({**ALLEEN_COORDINATOR, C: 200}),
    "vrijwilliger_rollen": Case({**ALLEEN_COORDINATOR, C: 200}, kwargs=_persoon),
    # POST without a date: the form comes back with the message next to the field.
    "vrijwilliger_rol_beeindigen": Case({**ALLEEN_COORDINATOR, C: 400}, kwargs=_rol, method="post"),
    "mijn_rollen": Case(logged_in(200)),
}
