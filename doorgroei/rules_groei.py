"""Who may do what with development records and with offers to tell one's story.

Every view asks these; nobody compares roles by hand. Which people and offers exist for
someone at all is decided by the querysets (a person with no volunteer role, an offer of
a story the facilitator may not read: 404).
"""

import rules

from deelnemers.rules import is_coordinator
from groepen.rules import is_facilitator, is_facilitator_of

# Recording trainings and seeing who might be asked about a next step: coordinators.
ONTWIKKELING_BEHEREN = "doorgroei.manage_ontwikkeling"
rules.add_perm(ONTWIKKELING_BEHEREN, is_coordinator)

# The offers to tell one's story: facilitators (which offers: Verhaalaanbod.objects
# .zichtbaar_voor). Inviting for a meeting: a facilitator of that meeting's group.
VERTELLERS_ZIEN = "doorgroei.view_verhaalaanbod"
UITNODIGEN = "doorgroei.invite_verteller"
rules.add_perm(VERTELLERS_ZIEN, is_facilitator)
rules.add_perm(UITNODIGEN, is_facilitator_of)
