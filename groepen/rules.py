"""Group-level role predicates, combined with the academy-wide ones.

Every permission check on a group goes through these; views never compare roles by hand.
Object permissions take a Groep. Which groups a person may know about at all is
decided by Groep.objects.zichtbaar_voor(user) (see groepen/access.py): outside that set
a page answers 404, inside it a missing permission answers 403.
"""

import rules

from deelnemers.rules import is_coordinator

from .models import Aanbod, IntervisieLid, Lidmaatschap
from .models.kennismaking import actieve_hosts


def _rol_in(user, groep):
    if not user or not user.is_authenticated or groep is None:
        return None
    # Cached per request on the user object: a page asks the same question several times.
    cache = user.__dict__.setdefault("_groep_rol_cache", {})
    if groep.pk not in cache:
        cache[groep.pk] = (
            Lidmaatschap.objects.actief()
            .filter(user=user, groep=groep)
            .values_list("rol", flat=True)
            .first()
        )
    return cache[groep.pk]


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
    if not user or not user.is_authenticated:
        return False
    # The roles of this request (groepen/roles.py) already answer this, with the same
    # rule (an active facilitator membership): no second query when they were asked.
    rollen = getattr(user, "_rollen_cache", None)
    if rollen is not None:
        return rollen.facilitator
    return Lidmaatschap.objects.facilitators().filter(user=user).exists()


@rules.predicate
def is_intervisielid(user, intervisiegroep):
    return bool(
        user
        and user.is_authenticated
        and intervisiegroep is not None
        and IntervisieLid.objects.filter(user=user, groep=intervisiegroep, actief=True).exists()
    )


def _host_scope(user):
    """The walk-ins this person hosts today: None (no active host role), "alle" (a role
    without a group: every walk-in), or the set of group ids. Kept on the user object for
    this request only: the next request asks the database again, so an ended role stops
    at once."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    rollen = getattr(user, "_rollen_cache", None)
    if rollen is not None and not rollen.host:
        # The roles of this request (groepen/roles.py) found no active host role, by the
        # same rule (actieve_hosts): nothing to ask the database.
        return None
    if "_host_scope_cache" not in user.__dict__:
        groepen = set(actieve_hosts().filter(user=user).values_list("groep_id", flat=True))
        if not groepen:
            scope = None
        elif None in groepen:
            scope = "alle"
        else:
            scope = groepen
        user._host_scope_cache = scope
    return user._host_scope_cache


@rules.predicate
def is_inloophost(user):
    """An active host role (Vrijwilligersrol GASTHEER, started by the coordinator): picks
    up first-conversation requests (kennismaking) and counts walk-in visitors."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    rollen = getattr(user, "_rollen_cache", None)
    if rollen is not None:
        # Whether there is any active host role, the roles of this request know (the
        # same rule); which walk-ins it covers (_host_scope) is not needed for this.
        return rollen.host
    return _host_scope(user) is not None


@rules.predicate
def is_host_of(user, groep):
    """Hosts this walk-in: a host role for this group, or for every walk-in."""
    if groep is None or groep.aanbod.soort != Aanbod.Soort.INLOOP:
        return False
    scope = _host_scope(user)
    return scope == "alle" or (scope is not None and groep.pk in scope)


# The group page: its members, and coordinators (who plan it).
rules.add_perm("groepen.view_groep", is_member_of | is_coordinator)
# Names of the people in a group: only the group itself. Coordinators see counts.
rules.add_perm("groepen.view_roster", is_member_of)
# Attendance register: the group's facilitators.
rules.add_perm("groepen.register_attendance", is_facilitator_of)
# Reporting in advance that you can't come: the group's active participants.
rules.add_perm("groepen.report_absence", is_deelnemer_of)
# Planning the offer, groups and their meetings: coordinators.
rules.add_perm("groepen.manage_groep", is_coordinator)
# Counting walk-in visitors: the facilitators and hosts of that walk-in, and coordinators.
rules.add_perm("groepen.count_inloop", is_facilitator_of | is_host_of | is_coordinator)
rules.add_perm("groepen.view_facilitator_home", is_facilitator)
# Session logs: the group's facilitators (co-facilitators read each other's logs).
rules.add_perm("groepen.write_sessielog", is_facilitator_of)
# Intervisie: coordinators set up the groups; facilitators join them; only members read notes.
rules.add_perm("groepen.manage_intervisie", is_coordinator)
rules.add_perm("groepen.join_intervisie", is_facilitator)
rules.add_perm("groepen.view_intervisie", is_intervisielid)
# First-conversation requests: the hosts (groepen/kennismaking.py says what else).
rules.add_perm("groepen.host_kennismaking", is_inloophost)
# Volunteer roles (groepen/rollen.py): coordinators start and end them.
rules.add_perm("groepen.manage_rollen", is_coordinator)
# One-to-one conversations: anyone who (co-)facilitates a group publishes times; the
# coordinator sees counts only (groepen/gesprek.py).
rules.add_perm("groepen.offer_gesprek", is_facilitator)
rules.add_perm("groepen.view_gesprek_cijfers", is_coordinator)
