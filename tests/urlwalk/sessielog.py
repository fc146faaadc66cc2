"""Session logs: only the group's facilitators; participants and coordinators never."""

from . import LOGIN, Case

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"

EXPECTED = {
    # The log of a past meeting of the fixtures' group.
    "sessielog": Case(
        {A: LOGIN, OUT: 404, D: 403, F: 200, C: 403}, kwargs=lambda w: {"pk": w.geweest.pk}
    ),
}
