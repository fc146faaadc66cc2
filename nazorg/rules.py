"""Who may plan a group's follow-up: its facilitators and the coordinators."""

import rules

from deelnemers.rules import is_coordinator
from groepen.rules import is_facilitator_of

rules.add_perm("nazorg.plan_moment", is_facilitator_of | is_coordinator)
