"""Which roles a person has, in one query, for navigation and the MFA requirement."""

from dataclasses import dataclass

from .models import Lidmaatschap


@dataclass(frozen=True)
class Rollen:
    coordinator: bool = False
    facilitator: bool = False
    deelnemer: bool = False
    beheerder: bool = False

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
    groep_rollen = set(
        Lidmaatschap.objects.actief().filter(user=user).values_list("rol", flat=True).distinct()
    )
    rollen = Rollen(
        coordinator=user.is_coordinator,
        facilitator=Lidmaatschap.Rol.FACILITATOR in groep_rollen,
        deelnemer=Lidmaatschap.Rol.DEELNEMER in groep_rollen,
        beheerder=user.is_staff or user.is_superuser,
    )
    user._rollen_cache = rollen
    return rollen
