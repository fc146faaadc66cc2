"""A notice to a group's participants when a new facilitator joins it.

Participants choose per entry to share with "the facilitators of my group"; when that
circle grows they should know, in the app and on the group page (groepen shows the
latter). groepen sends groepen.signals.facilitator_begonnen inside the transaction that
makes someone facilitator; this receiver writes one Melding per active participant in
that same transaction, so the notices exist exactly when the membership does, once
(saving the membership again sends nothing: only planning.maak_facilitator sends).
Connected from NazorgConfig.ready(); groepen never imports nazorg.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from groepen.models import Lidmaatschap
from groepen.signals import facilitator_begonnen

from .models import Melding


def titel(naam: str, groep: str) -> str:
    return _(
        "%(naam)s is now a facilitator of %(groep)s. What you share with the facilitators "
        "from now on, %(naam)s can read."
    ) % {"naam": naam, "groep": groep}


def meld_deelnemers(sender, lidmaatschap, **kwargs) -> None:
    """One notice per active participant of the group. Two queries, however many."""
    groep = lidmaatschap.groep
    deelnemers = (
        Lidmaatschap.objects.deelnemers()
        .filter(groep=groep)
        .exclude(user=lidmaatschap.user_id)
        .values_list("user", flat=True)
    )
    # Stored in the academy's language, as the other notices are (nazorg/herinneringen.py).
    with translation.override(settings.LANGUAGE_CODE):
        tekst = Truncator(titel(lidmaatschap.user.get_short_name(), groep.naam)).chars(200)
    link = reverse("groep_detail", kwargs={"pk": groep.pk})
    Melding.objects.bulk_create(
        [Melding(user_id=uid, titel=tekst, link=link) for uid in deelnemers]
    )


def connect() -> None:
    facilitator_begonnen.connect(meld_deelnemers, dispatch_uid="nazorg.nieuwe_facilitator")
