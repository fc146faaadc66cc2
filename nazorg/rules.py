"""Who may plan a group's follow-up, moderate, welcome and manage the community."""

import rules

from deelnemers.rules import is_coordinator
from groepen.rules import is_facilitator, is_facilitator_of

from .models.toegang import moderatorrollen

rules.add_perm("nazorg.plan_moment", is_facilitator_of | is_coordinator)


@rules.predicate
def is_community_moderator(user):
    """An active moderator role (started by a coordinator), for some space."""
    return bool(user.is_authenticated and moderatorrollen().filter(user=user).exists())


# Moderating community posts: anyone who facilitates a group (their cohort spaces) or was
# named moderator of a space; which spaces exactly is nazorg/moderatie.is_moderator.
rules.add_perm("nazorg.moderate", is_facilitator | is_community_moderator)
# Hosts (facilitators) welcome people into the academy-wide space.
rules.add_perm("nazorg.welcome_community", is_facilitator)
# Coordinators name moderators and set moderation hours; they read no posts for it.
rules.add_perm("nazorg.manage_community", is_coordinator)
