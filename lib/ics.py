"""One calendar entry (iCalendar, RFC 5545) as a file to attach to a mail.

For any app (nazorg/nazit_ics.py, groepen/gesprek_mail.py): one stable UID per thing, its
version as SEQUENCE, so a calendar app that imported the first mail's entry replaces it
with a later one and removes it when the later one says STATUS:CANCELLED.
METHOD:PUBLISH: the entry informs; people answer through the app, not the calendar.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

MIME = "text/calendar; charset=utf-8; method=PUBLISH"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def uid(soort: str, pk) -> str:
    """A UID that stays the same for the life of the thing, e.g. gesprek-12@host."""
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie"
    return f"{soort}-{pk}@{host}"


def agenda_item(
    *,
    prodid: str,
    uid: str,
    begin: datetime.datetime,
    einde: datetime.datetime,
    titel: str,
    geannuleerd: bool = False,
    volgnummer: int = 0,
    locatie: str = "",
    beschrijving: str = "",
    now: datetime.datetime | None = None,
) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", prodid)
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(now or timezone.now()))
    event.add("sequence", volgnummer)
    event.add("dtstart", _utc(begin))
    event.add("dtend", _utc(einde))
    event.add("summary", titel)
    event.add("status", "CANCELLED" if geannuleerd else "CONFIRMED")
    if locatie:
        event.add("location", locatie)
    if beschrijving:
        event.add("description", beschrijving)
    kalender.add_component(event)
    return kalender.to_ical()


def voeg_toe(mail, inhoud: bytes, bestandsnaam: str) -> None:
    """Attach a calendar file to a mail (EmailMultiAlternatives)."""
    mail.attach(bestandsnaam, inhoud, MIME)
