"""Which roles a person has, in one query, for navigation and the MFA requirement."""

from dataclasses import dataclass

from django.db.models import CharField, Value

from .models import Lidmaatschap, Vrijwilligersrol

# Not group roles: they mark, in the one query below, "has or had a volunteer role" and
# "hosts first conversations now" (an active host role).
VRIJWILLIGER = "vrijwilligersrol"
HOST = "inloophost"


@dataclass(frozen=True)
class Rollen:
    coordinator: bool = False
    facilitator: bool = False
    deelnemer: bool = False
    beheerder: bool = False
    # Has, had or will have a volunteer role (groepen/rollen.py): the menu shows "My roles".
    vrijwilliger: bool = False
    host: bool = False  # picks up first-conversation requests (groepen/kennismaking.py)

    @property
    def needs_mfa(self) -> bool:
        """Anyone who can see other people's data must use two-step verification."""
        return self.coordinator or self.facilitator or self.beheerder


def _marker(queryset, naam):
    return (
        queryset.order_by()
        .annotate(soort_rol=Value(naam, output_field=CharField()))
        .values_list("soort_rol", flat=True)
        .distinct()
    )


def rollen_van(user) -> Rollen:
    if not user or not user.is_authenticated:
        return Rollen()
    cached = getattr(user, "_rollen_cache", None)
    if cached is not None:
        return cached
    # One query: the roles in groups, whether any volunteer role row exists, and whether
    # an active host role does (UNION).
    rollen_rijen = Vrijwilligersrol.objects.filter(user=user)
    groep_rollen = set(
        Lidmaatschap.objects.actief()
        .filter(user=user)
        .order_by()
        .values_list("rol", flat=True)
        .distinct()
        .union(
            _marker(rollen_rijen, VRIJWILLIGER),
            _marker(rollen_rijen.actief().filter(soort=Vrijwilligersrol.Soort.GASTHEER), HOST),
        )
    )
    rollen = Rollen(
        coordinator=user.is_coordinator,
        facilitator=Lidmaatschap.Rol.FACILITATOR in groep_rollen,
        deelnemer=Lidmaatschap.Rol.DEELNEMER in groep_rollen,
        beheerder=user.is_staff or user.is_superuser,
        vrijwilliger=VRIJWILLIGER in groep_rollen,
        host=HOST in groep_rollen,
    )
    user._rollen_cache = rollen
    return rollen
