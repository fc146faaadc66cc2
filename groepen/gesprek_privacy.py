"""The privacy parts for one-to-one conversations, joined into groepen's provider
(groepen/privacy.py).

Export: a person's bookings (with what they wrote and the cancellation messages), the
times they offered as ervaringsdeskundige, and the notes they wrote about conversations
(notes go to the writer, like session logs, not to the person they are about).
Erasure: the person's bookings go, note included (it is about them); a booking still to
come frees its slot, and the ervaringsdeskundige gets a cancellation with a calendar
update. An ervaringsdeskundige's own slots go with their notes; while someone has booked
a conversation with them that is still to come, the erasure waits (they cancel first,
so that person is told).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from lib.privacy import Blokkade, Sectie, Veld, Wisser, keuzes

from .models import Gespreksboeking, Gespreksslot

V = Veld

# fmt: off
SECTIES = (
    Sectie("gesprekken", _l("Conversations you booked"),
           lambda u: Gespreksboeking.objects.filter(deelnemer=u)
           .select_related("slot__aanbod", "slot__ervaringsdeskundige")
           .order_by("geboekt_op", "pk"), (
        V("aanbod", _l("Offer"), "slot.aanbod.titel"),
        V("met", _l("With"), "slot.ervaringsdeskundige.roepnaam"),
        V("begint_om", _l("Date and time"), "slot.begint_om"),
        V("plaats", _l("Place"), "slot.plaats"),
        V("vraag", _l("What you would like to talk about"), lang=True),
        V("geboekt_op", _l("Booked on")), V("geannuleerd_op", _l("Cancelled on")),
        V("geannuleerd_door", _l("Cancelled by"), keuzes=keuzes(Gespreksboeking.Door)),
        V("annuleringsbericht", _l("Message with the cancellation"), lang=True),
    ), optioneel=True, volgorde=85, modellen=(Gespreksboeking,)),
    Sectie("gespreksslots", _l("Conversation times you offered"),
           lambda u: Gespreksslot.objects.filter(ervaringsdeskundige=u)
           .select_related("aanbod").order_by("begint_om", "pk"), (
        V("aanbod", _l("Offer"), "aanbod.titel"), V("begint_om", _l("Starts at")),
        V("eindigt_om", _l("Ends at")), V("plaats", _l("Place")),
        V("ingetrokken_op", _l("Withdrawn on")),
    ), optioneel=True, volgorde=250, modellen=(Gespreksslot,)),
    Sectie("gespreksnotities", _l("Notes you wrote after a conversation"),
           lambda u: Gespreksboeking.objects.filter(slot__ervaringsdeskundige=u)
           .exclude(notitie_bijgewerkt_op=None).select_related("slot", "deelnemer")
           .order_by("slot__begint_om", "pk"), (
        V("begint_om", _l("Date and time"), "slot.begint_om"),
        V("met", _l("With"), "deelnemer.roepnaam"),
        V("notitie", _l("Your note"), lang=True),
    ), optioneel=True, volgorde=255),
)
# fmt: on


def _komend_geboekt(nu):
    return Gespreksboeking.objects.filter(geannuleerd_op__isnull=True, slot__begint_om__gt=nu)


def _reden(user) -> str | None:
    if _komend_geboekt(timezone.now()).filter(slot__ervaringsdeskundige=user).exists():
        return _(
            "Someone has booked a conversation with you that is still to come. Cancel it "
            "first on the page “Your conversations”, so they are told."
        )
    return None


def _geblokkeerd(_vandaag):
    return _komend_geboekt(timezone.now()).values("slot__ervaringsdeskundige")


def wis_gesprekken(user, _keuzes):
    """Bookings of the person go (the note about them too); their own slots go."""
    from . import gesprek_mail

    nu = timezone.now()
    komend = list(
        _komend_geboekt(nu)
        .filter(deelnemer=user)
        .select_related("slot__aanbod", "slot__ervaringsdeskundige")
    )
    Gespreksboeking.objects.filter(Q(deelnemer=user) | Q(slot__ervaringsdeskundige=user)).delete()
    Gespreksslot.objects.filter(ervaringsdeskundige=user).delete()

    def vertel_ervaringsdeskundigen():
        # The slot is free again (no booking left); the ervaringsdeskundige hears that
        # the conversation is off, without a name: the person is gone.
        for boeking in komend:
            gesprek_mail.stuur_vervallen(boeking)

    return vertel_ervaringsdeskundigen


WISSER = Wisser(25, wis_gesprekken, modellen=(Gespreksboeking, Gespreksslot))
BLOKKADE = Blokkade(25, _reden, wie=_geblokkeerd)
