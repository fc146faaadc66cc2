"""Group-level role predicates, combined with the academy-wide ones.

Every permission check on a group goes through these; views never compare roles by hand.
"""

import rules

from deelnemers.rules import is_coordinator

from .models import Lidmaatschap


def _rol_in(user, groep):
    if not user or not user.is_authenticated or groep is None:
        return None
    return Lidmaatschap.objects.filter(user=user, groep=groep).values_list("rol", flat=True).first()


@rules.predicate
def is_member_of(user, groep):
    return _rol_in(user, groep) is not None


@rules.predicate
def is_facilitator_of(user, groep):
    return _rol_in(user, groep) == Lidmaatschap.Rol.FACILITATOR


@rules.predicate
def is_deelnemer_of(user, groep):
    return _rol_in(user, groep) == Lidmaatschap.Rol.DEELNEMER


@rules.predicate
def is_facilitator(user):
    """Facilitates at least one group (used for the facilitator home and MFA)."""
    return bool(
        user
        and user.is_authenticated
        and Lidmaatschap.objects.filter(user=user, rol=Lidmaatschap.Rol.FACILITATOR).exists()
    )


rules.add_perm("groepen.view_groep", is_member_of | is_coordinator)
rules.add_perm("groepen.change_groep", is_facilitator_of | is_coordinator)
rules.add_perm("groepen.view_facilitator_home", is_facilitator)
