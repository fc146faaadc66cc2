"""A person's personal calendar feed (iCalendar, RFC 5545) behind a secret token.

The token in the address is the only key: calendar apps fetch the feed without logging
in. Making a new link revokes the old one. The feed carries the meetings of the groups
a person takes part in or facilitates, and nothing about other people.

A moved meeting keeps its UID and gets a higher SEQUENCE (Bijeenkomst.volgnummer), so
calendar apps replace the old time. A cancelled meeting stays in the feed with
STATUS:CANCELLED, so calendar apps remove it instead of keeping a stale copy.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from .models import Bijeenkomst, Groep, KalenderFeed, Lidmaatschap

# Meetings from this many days ago are still in the feed, so a calendar keeps recent history.
TERUG_DAGEN = 30
# Calendar apps may ask again after this time; also the Cache-Control max-age in seconds.
VERVERS_SECONDEN = 60 * 60
PRODID = "-//Herstelacademie//Kalender//NL"
# The group page (groep_detail). Written out so the feed does not depend on that view.
GROEP_PAD = "/groepen/{pk}/"


def feed_van(user) -> KalenderFeed | None:
    return KalenderFeed.objects.filter(user=user).first()


def feed_voor_token(token: str) -> KalenderFeed | None:
    """The feed behind a token, or None for an unknown or revoked token."""
    if not token or len(token) > 64:
        return None
    return (
        KalenderFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def vernieuw_feed(user) -> tuple[KalenderFeed, bool]:
    """Make a calendar link, or a new one that revokes the old one.

    Returns (feed, new): new is True when the person had no link yet. Two clicks at the
    same moment cannot make two feeds (the user is unique): the second one renews.
    """
    feed = feed_van(user)
    if feed is None:
        try:
            with transaction.atomic():
                return KalenderFeed.objects.create(user=user), True
        except IntegrityError:
            feed = KalenderFeed.objects.get(user=user)
    feed.vernieuw()
    return feed, False


def feed_url(feed: KalenderFeed) -> str:
    return settings.SITE_URL + reverse("kalender_feed", kwargs={"token": feed.token})


def webcal_url(feed: KalenderFeed) -> str:
    """The same address with webcal://, which phones open as "subscribe to calendar"."""
    return "webcal://" + feed_url(feed).split("://", 1)[1]


def bijeenkomsten_voor(user):
    """Meetings of the groups where the person is an active participant or facilitator."""
    groepen = Lidmaatschap.objects.actief().filter(user=user).values("groep")
    vanaf = timezone.now() - datetime.timedelta(days=TERUG_DAGEN)
    return (
        Bijeenkomst.objects.filter(groep__in=groepen, eindigt_om__gte=vanaf)
        .select_related("groep__plek", "plek")
        .only(
            "pk",
            "begint_om",
            "eindigt_om",
            "locatie",
            "plek",
            "geannuleerd",
            "oorspronkelijk_begint_om",
            "volgnummer",
            "gewijzigd_op",
            "groep__naam",
            "groep__locatie",
            "groep__plek",
        )
        .order_by("begint_om", "pk")
    )


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _lokaal(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "l j F Y, H:i")


def _omschrijving(bijeenkomst: Bijeenkomst) -> str:
    regels = []
    if bijeenkomst.geannuleerd:
        regels.append(_("This meeting will not take place."))
    elif bijeenkomst.verplaatst:
        regels.append(
            _("This meeting has moved. It was first planned for %(when)s.")
            % {"when": _lokaal(bijeenkomst.oorspronkelijk_begint_om)}
        )
    regels.append(_("More about your group: %(url)s") % {"url": _groep_url(bijeenkomst.groep)})
    return "\n".join(regels)


def _groep_url(groep: Groep) -> str:
    return settings.SITE_URL + GROEP_PAD.format(pk=groep.pk)


def _event(bijeenkomst: Bijeenkomst, host: str) -> Event:
    event = Event()
    event.add("uid", f"bijeenkomst-{bijeenkomst.pk}@{host}")
    event.add("dtstamp", _utc(bijeenkomst.gewijzigd_op))
    event.add("last-modified", _utc(bijeenkomst.gewijzigd_op))
    event.add("dtstart", _utc(bijeenkomst.begint_om))
    event.add("dtend", _utc(bijeenkomst.eindigt_om))
    event.add("sequence", bijeenkomst.volgnummer)
    naam = bijeenkomst.groep.naam
    if bijeenkomst.geannuleerd:
        # Some calendar apps keep showing cancelled events; the title then still says so.
        event.add("summary", _("Cancelled: %(group)s") % {"group": naam})
        event.add("status", "CANCELLED")
    else:
        event.add("summary", naam)
        event.add("status", "CONFIRMED")
    if plaats := bijeenkomst.plaats:
        # A Locatie gives its name and address, so a calendar app can find the way.
        event.add("location", getattr(plaats, "naam_en_adres", plaats))
    event.add("description", _omschrijving(bijeenkomst))
    event.add("url", _groep_url(bijeenkomst.groep))
    return event


def kalender_ics(user) -> bytes:
    """The whole feed for one person, in one query for the meetings."""
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie"
    kalender = Calendar()
    kalender.add("prodid", PRODID)
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    kalender.add("x-wr-calname", _("Herstelacademie: my meetings"))
    ververs = datetime.timedelta(seconds=VERVERS_SECONDEN)
    kalender.add("refresh-interval", vDuration(ververs), parameters={"VALUE": "DURATION"})
    kalender.add("x-published-ttl", vDuration(ververs))
    for bijeenkomst in bijeenkomsten_voor(user):
        kalender.add_component(_event(bijeenkomst, host))
    return kalender.to_ical()
