"""Who may plan a group's follow-up: its facilitators and the coordinators."""

import rules

from deelnemers.rules import is_coordinator
from groepen.rules import is_facilitator, is_facilitator_of

rules.add_perm("nazorg.plan_moment", is_facilitator_of | is_coordinator)

# Moderating community posts: anyone who facilitates a group (cohort spaces are further
# limited to their own facilitators in nazorg/moderatie.is_moderator).
rules.add_perm("nazorg.moderate", is_facilitator)
