"""doorgroei's permissions (found by rules' autodiscovery). Each topic keeps its
predicates in its own module and adds one import line here."""

from . import rules_wensen  # noqa: F401
