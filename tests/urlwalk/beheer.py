"""Beheer: coordinators plan the offer, groups and meetings. Everyone else who is
logged in gets 403, whatever group they are in; visitors are sent to log in."""

from groepen.models import Lidmaatschap

from . import Case, logged_in

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"


def alleen_coordinator(status):
    return {**logged_in(403), C: status}


def facilitator_lid(world):
    lid = Lidmaatschap.objects.get(groep=world.groep, user=world.facilitator)
    return {"pk": world.groep.pk, "lid": lid.pk}


EXPECTED = {
    "beheer_aanbod": Case(alleen_coordinator(200)),
    "beheer_aanbod_nieuw": Case(alleen_coordinator(200)),
    "beheer_aanbod_bewerken": Case(alleen_coordinator(200), kwargs=lambda w: {"pk": w.aanbod.pk}),
    # POST: archives (302 back to the offer page).
    "beheer_aanbod_archiveren": Case(
        alleen_coordinator(302), kwargs=lambda w: {"pk": w.aanbod.pk}, method="post"
    ),
    # POST: the offer has groups, so it is archived instead (302).
    "beheer_aanbod_verwijderen": Case(
        alleen_coordinator(302), kwargs=lambda w: {"pk": w.aanbod.pk}, method="post"
    ),
    "beheer_groep_nieuw": Case(alleen_coordinator(200), kwargs=lambda w: {"pk": w.aanbod.pk}),
    # Also another group's page: only coordinators plan, and they plan every group.
    "beheer_groep": Case(alleen_coordinator(200), kwargs=lambda w: {"pk": w.andere_groep.pk}),
    # POST without an email address: the group page again, with the message (200).
    "beheer_facilitator_toevoegen": Case(
        alleen_coordinator(200), kwargs=lambda w: {"pk": w.groep.pk}, method="post"
    ),
    "beheer_facilitator_verwijderen": Case(
        alleen_coordinator(302), kwargs=facilitator_lid, method="post"
    ),
    "beheer_bijeenkomst_nieuw": Case(alleen_coordinator(200), kwargs=lambda w: {"pk": w.groep.pk}),
    "beheer_bijeenkomst": Case(alleen_coordinator(200), kwargs=lambda w: {"pk": w.bijeenkomst.pk}),
}
