"""Mijn steunplan: everyone logged in has their own (empty state until they make one);
changing, printing and deleting always act on one's own plan (no id in the URL); a plan
shared with a group's facilitators is readable by them only (404 for anyone else, also
for the other participants of that group)."""

from . import LOGIN, Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def gedeeld_steunplan(world):
    """The plan of another participant of the group, shared with its facilitators."""
    from django.utils import timezone

    from groepen.models import Lidmaatschap
    from herstelmodel.models import Steunplan, Zichtbaarheid
    from tests.factories import LidmaatschapFactory, UserFactory

    auteur = UserFactory(roepnaam="Planmaker")
    LidmaatschapFactory(groep=world.groep, user=auteur, rol=Lidmaatschap.Rol.DEELNEMER)
    plan = Steunplan.objects.create(
        auteur=auteur,
        goed_voor_mij="Elke ochtend wandelen.",
        mensen="Mijn zus Anna",
        groep=world.groep,
        zichtbaarheid=Zichtbaarheid.FACILITATORS,
        gedeeld_op=timezone.now(),
    )
    return {"pk": plan.pk}


def met_plan(world):
    """The deelnemer has a plan of their own (kept as it is when there already is one)."""
    from herstelmodel.models import Steunplan

    Steunplan.objects.get_or_create(
        auteur=world.deelnemer, defaults={"goed_voor_mij": "Elke ochtend wandelen."}
    )
    return {}


# Only the deelnemer has a plan; everyone else is sent back to their own (empty) plan page.
EIGEN_PLAN = {A: LOGIN, OUT: 302, D: 200, F: 302, C: 302}

EXPECTED = {
    "steunplan": Case(logged_in(200)),
    "steunplan_bewerken": Case(logged_in(200)),
    # An empty POST: the author gets the page again with a message next to the field;
    # without a plan there is nothing to share yet (to the form, 302).
    "steunplan_delen": Case({**EIGEN_PLAN, D: 400}, kwargs=met_plan, method="post"),
    "steunplan_afdrukken": Case(EIGEN_PLAN, kwargs=met_plan),
    "steunplan_verwijderen": Case(EIGEN_PLAN, kwargs=met_plan),
    # Shared with the facilitators: a fellow participant does not even learn it exists.
    "steunplan_lezen": Case({A: LOGIN, OUT: 404, D: 404, F: 200, C: 404}, kwargs=gedeeld_steunplan),
    # Coordinators know the group, but never see what was shared in it: 403.
    "gedeelde_steunplannen": Case(
        {A: LOGIN, OUT: 404, D: 200, F: 200, C: 403}, kwargs=lambda w: {"pk": w.groep.pk}
    ),
}
