"""The choice made at enrolment about the nazit invitation.

The invitation is part of taking part: the enrolment page says so in one sentence, with
a box "I don't want an invitation to the nazit". groepen sends
groepen.signals.nazit_keuze inside the enrolment's transaction; this receiver keeps the
choice where every other reminder choice lives (voorkeuren.py), so the stop is stored
together with the enrolment or not at all. Connected from NazorgConfig.ready(); groepen
never imports nazorg.
"""

from groepen.signals import nazit_keuze

from . import voorkeuren
from .models import NazorgVoorkeur


def bij_inschrijving(sender, lidmaatschap, wil_nazit: bool, **kwargs) -> None:
    user, groep = lidmaatschap.user, lidmaatschap.groep
    if not wil_nazit:
        voorkeuren.stop_herinneringen(user, groep)
    elif NazorgVoorkeur.objects.filter(user=user, groep=groep, gestopt=True).exists():
        # Enrolling again in a group they once said no to, and this time leaving the box
        # empty after reading that an invitation follows: that is their choice now. A stop
        # for all groups (voorkeuren.stop_alles) is not touched.
        voorkeuren.hervat_herinneringen(user, groep)


def connect() -> None:
    nazit_keuze.connect(bij_inschrijving, dispatch_uid="nazorg.uitnodiging")
