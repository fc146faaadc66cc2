"""What an activity proposal holds about a person: exported in full, erased in full.

The proposer's text and the coordinator's notes to them are theirs: they go with the
account. An approved proposal's offer and group are the academy's offer and stay; the
person's link to them (their co-facilitator role and membership) goes with groepen's own
steps, and this row, the last link between the offer and the person, is deleted here.
"""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, keuzes

from .models import Activiteitvoorstel

V = Veld

# fmt: off
SECTIE = Sectie(
    "activiteitvoorstellen", _l("Activities you proposed"),
    lambda u: Activiteitvoorstel.objects.filter(indiener=u).select_related("aanbod")
    .order_by("aangemaakt_op", "pk"), (
        V("titel", _l("Name")), V("beschrijving", _l("What"), lang=True),
        V("voor_wie", _l("For whom"), lang=True), V("hoe_vaak", _l("How often")),
        V("nodig", _l("What is needed"), lang=True),
        V("soort", _l("Kind"), keuzes=dict(Activiteitvoorstel._meta.get_field("soort").choices)),
        V("mail", _l("Also by email")),
        V("status", _l("Status"), keuzes=keuzes(Activiteitvoorstel.Status)),
        V("notitie", _l("The coordinator's note to you"), lang=True),
        V("aangemaakt_op", _l("Sent on")), V("beslist_op", _l("Decided on")),
        V("aanbod", _l("Became the offer"), "aanbod.titel"),
    ), optioneel=True, volgorde=310, modellen=(Activiteitvoorstel,),
)
# fmt: on


def wis_voorstellen(user, _keuzes) -> None:
    Activiteitvoorstel.objects.filter(indiener=user).delete()
    # A coordinator who leaves: their decisions stay, without their name.
    Activiteitvoorstel.objects.filter(beslist_door=user).update(beslist_door=None)


PROVIDER = Provider(
    naam="doorgroei_voorstellen",
    secties=(SECTIE,),
    wissers=(Wisser(43, wis_voorstellen, modellen=(Activiteitvoorstel,)),),
)
