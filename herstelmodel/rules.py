"""Who may do what with reflections and stories. Reading is decided by the scoped
querysets in models.py (zichtbaar_voor): outside them a page answers 404. Changing is for
the author only (also 404 for anyone else, so nobody learns an entry exists)."""

import rules

from groepen.rules import is_facilitator_of, is_member_of

# The shared reflections of a group: its facilitators see what was shared with them or
# with the group; participants see what was shared with the group.
rules.add_perm("herstelmodel.view_gedeeld", is_member_of)
# Per-meeting figures (steps, herkenning): the group's facilitators.
rules.add_perm("herstelmodel.view_spiegel", is_facilitator_of)
