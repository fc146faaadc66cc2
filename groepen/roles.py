"""Which roles a person has, in one query, for navigation and the MFA requirement."""

from dataclasses import dataclass

from django.db.models import CharField, Value

from .models import Inloophost, Lidmaatschap

# Not a group role: marks a host of first conversations in the one query below.
HOST = "inloophost"


@dataclass(frozen=True)
class Rollen:
    coordinator: bool = False
    facilitator: bool = False
    deelnemer: bool = False
    beheerder: bool = False
    host: bool = False  # picks up first-conversation requests (groepen/kennismaking.py)

    @property
    def needs_mfa(self) -> bool:
        """Anyone who can see other people's data must use two-step verification."""
        return self.coordinator or self.facilitator or self.beheerder


def rollen_van(user) -> Rollen:
    if not user or not user.is_authenticated:
        return Rollen()
    cached = getattr(user, "_rollen_cache", None)
    if cached is not None:
        return cached
    # One query still: the group roles, and (through UNION) whether they host.
    host = (
        Inloophost.objects.filter(user=user)
        .order_by()
        .annotate(rol=Value(HOST, output_field=CharField()))
        .values_list("rol", flat=True)
    )
    groep_rollen = set(
        Lidmaatschap.objects.actief()
        .filter(user=user)
        .order_by()
        .values_list("rol", flat=True)
        .union(host)
    )
    rollen = Rollen(
        coordinator=user.is_coordinator,
        facilitator=Lidmaatschap.Rol.FACILITATOR in groep_rollen,
        deelnemer=Lidmaatschap.Rol.DEELNEMER in groep_rollen,
        beheerder=user.is_staff or user.is_superuser,
        host=HOST in groep_rollen,
    )
    user._rollen_cache = rollen
    # groepen.rules.is_inloophost asks the same; it need not ask the database again.
    user.__dict__.setdefault("_inloophost_cache", rollen.host)
    return rollen
