"""Who may see the whole audit trail: coordinators (without any content).

Everyone may see their own trail; that needs no permission, only a login.
"""

import rules

from deelnemers.rules import is_coordinator

rules.add_perm("audit.view_trail", is_coordinator)
