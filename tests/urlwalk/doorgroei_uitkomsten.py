"""Check-ins (doorgroei/views/uitkomst.py): every signed-in person has their own; somebody
else's check-in is never found (404)."""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def _check_in_van_deelnemer(world):
    from doorgroei.models import Uitkomst

    return {"pk": Uitkomst.objects.create(user=world.deelnemer, studie=True).pk}


EXPECTED = {
    "uitkomst_lijst": Case(logged_in(200)),
    "uitkomst_nieuw": Case(logged_in(200)),
    "uitkomst_verwijderen": Case(
        {A: LOGIN, OUT: 404, D: 200, F: 404, C: 404}, kwargs=_check_in_van_deelnemer
    ),
    # "Not now" with nothing open stores nothing and goes back to the home.
    "uitkomst_nu_niet": Case(logged_in(302), method="post"),
}
