"""The group page, the attendance register and the certificate."""

from . import LOGIN, Case

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"

EXPECTED = {
    # Members and coordinators; people outside the group do not learn it exists.
    "groep_detail": Case(
        {A: LOGIN, OUT: 404, D: 200, F: 200, C: 200}, kwargs=lambda w: {"pk": w.groep.pk}
    ),
    # The register of a past meeting: only the group's facilitators.
    "aanwezigheid": Case(
        {A: LOGIN, OUT: 404, D: 403, F: 200, C: 403}, kwargs=lambda w: {"pk": w.geweest.pk}
    ),
    # Nobody in the fixtures completed a cursus: a kind 403 for the members and coordinator.
    "certificaat": Case(
        {A: LOGIN, OUT: 404, D: 403, F: 403, C: 403}, kwargs=lambda w: {"pk": w.groep.pk}
    ),
}
