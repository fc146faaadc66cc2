"""Who may do what in the privacy app: its own permissions, so it does not borrow
another app's (publishing a statement is not "managing the offer"). Loaded by the rules
app's autodiscovery, like every app's rules.py."""

import rules

from deelnemers.rules import is_coordinator

# Publish a new version of the privacy statement, and see how many accepted each.
rules.add_perm("privacy.publish_statement", is_coordinator)
# Record a deletion request made outside the app (by phone, at the desk), and cancel one.
rules.add_perm("privacy.manage_deletion_requests", is_coordinator)
