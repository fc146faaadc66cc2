"""Who may do what in doorgroei (giving back), found by rules' autodiscovery. Topics keep
their predicates here or in their own rules_<topic>.py module, imported below."""

import rules

from deelnemers.rules import is_coordinator

from . import (
    rules_wensen,  # noqa: F401
    voorstellen,
)


@rules.predicate
def kan_voorstellen(user):
    """Took part in a group, or holds (or held) a volunteer role: such a person may bring
    an activity of their own (doorgroei/voorstellen.py)."""
    return voorstellen.mag_voorstellen(user)


# Proposing an activity, and seeing one's own proposals.
rules.add_perm("doorgroei.propose_activity", kan_voorstellen)
# Discussing, declining for now and approving proposals (with the offer it becomes).
rules.add_perm("doorgroei.manage_voorstellen", is_coordinator)
