"""Academy-wide role predicates. Group roles live in groepen/rules.py."""

import rules


@rules.predicate
def is_coordinator(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_coordinator)


rules.add_perm("deelnemers.view_academy_overview", is_coordinator)
rules.add_perm("deelnemers.manage_offer", is_coordinator)
