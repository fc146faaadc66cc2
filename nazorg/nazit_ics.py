"""A nazit as a calendar entry (iCalendar, RFC 5545), attached to the mails about it.

One UID per nazit moment and its version as SEQUENCE, so a calendar app that imported
the first mail's entry replaces it when the date changes, and removes it when the
nazit is called off (STATUS:CANCELLED). METHOD:PUBLISH: the entry informs, it does not
ask the calendar app to answer; people answer through the links in the mail.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Herstelacademie//Nazit//NL"
BESTANDSNAAM = "nazit.ics"
STANDAARD_DUUR = datetime.timedelta(hours=2)


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def duur(moment) -> datetime.timedelta:
    """As long as a meeting of the group's offer, else two hours."""
    minuten = getattr(getattr(moment.groep, "aanbod", None), "duur_minuten", None)
    return datetime.timedelta(minutes=minuten) if minuten else STANDAARD_DUUR


def ics(moment, now=None) -> bytes:
    """The calendar file for one moment that has a date."""
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie"
    stempel = _utc(now or timezone.now())
    kalender = Calendar()
    kalender.add("prodid", PRODID)
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"nazit-{moment.pk}@{host}")
    event.add("dtstamp", stempel)
    event.add("sequence", moment.versie)
    event.add("dtstart", _utc(moment.begint_om))
    event.add("dtend", _utc(moment.begint_om + duur(moment)))
    naam = moment.groep.naam
    if moment.afgelast:
        event.add("summary", _("Cancelled: follow-up meeting of %(group)s") % {"group": naam})
        event.add("status", "CANCELLED")
    else:
        event.add("summary", _("Follow-up meeting of %(group)s") % {"group": naam})
        event.add("status", "CONFIRMED")
    if moment.locatie:
        event.add("location", moment.locatie)
    if moment.notitie:
        event.add("description", moment.notitie)
    kalender.add_component(event)
    return kalender.to_ical()


def voeg_toe(mail, moment) -> None:
    """Attach the moment's calendar entry to a mail (EmailMultiAlternatives)."""
    mail.attach(BESTANDSNAAM, ics(moment), "text/calendar; charset=utf-8; method=PUBLISH")
