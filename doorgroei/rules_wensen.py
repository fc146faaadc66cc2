"""Who may do what with a wish to help (models/wens.py).

Anyone signed in may offer to help; a wish is its person's own (others get 404, the views
look it up among the person's own wishes). Coordinators see the wishes and decide on
them. Only coordinators: a decision can start a role that opens a group's reflections
to a co-facilitator, which is the coordinator's call; and the wishes say something
personal about people whom a host meets as peers at the walk-in.
"""

import rules

from deelnemers.rules import is_coordinator

from .wensen import BEWERKBAAR, INTREKBAAR


@rules.predicate
def is_eigen_wens(user, wens):
    return wens is not None and user.is_authenticated and wens.user_id == user.pk


@rules.predicate
def is_bewerkbaar(user, wens):
    return wens is not None and wens.status in BEWERKBAAR


@rules.predicate
def is_intrekbaar(user, wens):
    return wens is not None and wens.status in INTREKBAAR


rules.add_perm("doorgroei.offer_help", rules.is_authenticated & rules.is_active)
rules.add_perm("doorgroei.change_meehelpwens", is_eigen_wens & is_bewerkbaar)
rules.add_perm("doorgroei.withdraw_meehelpwens", is_eigen_wens & is_intrekbaar)
rules.add_perm("doorgroei.view_meehelpwensen", is_coordinator)
rules.add_perm("doorgroei.decide_meehelpwens", is_coordinator)
