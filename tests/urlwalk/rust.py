"""Rest in the community: a break and muted words. Personal settings, open to anyone
logged in (like the weekly digest preference), never about anyone else."""

from . import Case, logged_in

EXPECTED = {
    "community_rust": Case(logged_in(200)),
}
