"""A nazit as a calendar entry (lib/ics.py), attached to the mails about it.

One UID per nazit moment and its version as SEQUENCE, so a calendar app that imported
the first mail's entry replaces it when the date changes, and removes it when the
nazit is called off (STATUS:CANCELLED).
"""

import datetime

from django.utils.translation import gettext as _

from lib import ics as lib_ics

PRODID = "-//Herstelacademie//Nazit//NL"
BESTANDSNAAM = "nazit.ics"
STANDAARD_DUUR = datetime.timedelta(hours=2)


def duur(moment) -> datetime.timedelta:
    """As long as a meeting of the group's offer, else two hours."""
    minuten = getattr(getattr(moment.groep, "aanbod", None), "duur_minuten", None)
    return datetime.timedelta(minutes=minuten) if minuten else STANDAARD_DUUR


def ics(moment, now=None) -> bytes:
    """The calendar file for one moment that has a date."""
    naam = moment.groep.naam
    if moment.afgelast:
        titel = _("Cancelled: follow-up meeting of %(group)s") % {"group": naam}
    else:
        titel = _("Follow-up meeting of %(group)s") % {"group": naam}
    return lib_ics.agenda_item(
        prodid=PRODID,
        uid=lib_ics.uid("nazit", moment.pk),
        begin=moment.begint_om,
        einde=moment.begint_om + duur(moment),
        titel=titel,
        geannuleerd=moment.afgelast,
        volgnummer=moment.versie,
        locatie=moment.locatie,
        beschrijving=moment.notitie,
        now=now,
    )


def voeg_toe(mail, moment) -> None:
    """Attach the moment's calendar entry to a mail (EmailMultiAlternatives)."""
    lib_ics.voeg_toe(mail, ics(moment), BESTANDSNAAM)
