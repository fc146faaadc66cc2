"""Shared pieces of the conversation tests (test_gesprek*.py): makers and mail helpers.

Each test module wraps the makers in its own fixtures (a fixture imported from another
module would shadow its parameters).
"""

import datetime

from django.core import mail
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from groepen.models import Gespreksboeking, Gespreksslot, Lidmaatschap
from tests.factories import AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
GEHEIM = "Notitiegeheim: we spraken over haar broer"


def direct_na_commit(monkeypatch):
    """Mails are queued after the commit; run those callbacks right away, as a real
    commit would (the test's own transaction is never committed)."""
    monkeypatch.setattr(transaction, "on_commit", lambda f, using=None, robust=False: f())


def maak_aanbod():
    return AanbodFactory(soort="gesprek", titel="Gesprek met een ervaringsdeskundige")


def maak_ed():
    """An ervaringsdeskundige: a volunteer co-facilitator of a group."""
    user = UserFactory(roepnaam="Ruben", mfa=True)
    LidmaatschapFactory(
        groep=GroepFactory(), user=user, rol=Lidmaatschap.Rol.FACILITATOR, vrijwilliger=True
    )
    return user


def slot(aanbod, ed, over=datetime.timedelta(days=2), minuten=60, plaats="Kamer 2"):
    begin = timezone.now() + over
    return Gespreksslot.objects.create(
        aanbod=aanbod,
        ervaringsdeskundige=ed,
        begint_om=begin,
        eindigt_om=begin + datetime.timedelta(minutes=minuten),
        plaats=plaats,
    )


def gehouden(aanbod, ed, deelnemer):
    """A conversation that took place (two hours ago), booked by `deelnemer`."""
    s = slot(aanbod, ed, over=-datetime.timedelta(hours=2))
    Gespreksboeking.objects.create(slot=s, deelnemer=deelnemer)
    return s


def agenda(bericht):
    """The one calendar entry attached to a mail, parsed."""
    (bijlage,) = [a for a in bericht.attachments if a[0].endswith(".ics")]
    assert bijlage[2].startswith("text/calendar")
    (event,) = Calendar.from_ical(bijlage[1]).walk("VEVENT")
    return event


def mails_aan(user):
    return [m for m in mail.outbox if m.to == [user.email]]
