"""Participation dashboard, its CSV, and the named attendance export (impact)."""

from . import LOGIN, Case

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"

EXPECTED = {
    "impact_dashboard": Case({A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}),
    "impact_dashboard_csv": Case({A: LOGIN, OUT: 403, D: 403, F: 403, C: 200}),
    # Names need an explicit permission on top of the coordinator role: the walk's
    # coordinator does not have it (tests/impact/test_deelname_views.py grants it).
    "impact_aanwezigheid_csv": Case(
        {A: LOGIN, OUT: 403, D: 403, F: 403, C: 403},
        kwargs=lambda world: {"pk": world.groep.pk},
    ),
}
