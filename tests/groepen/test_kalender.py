"""The personal calendar link: making and renewing it, and the RFC 5545 feed behind it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groepen.models import KalenderFeed, Lidmaatschap
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


def feed_voor(user):
    return KalenderFeed.objects.create(user=user)


def feed_pad(feed):
    return reverse("kalender_feed", kwargs={"token": feed.token})


def haal_feed(client, feed, **extra):
    response = client.get(feed_pad(feed), **extra)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def events_by_uid(kalender):
    return {str(e["UID"]): e for e in kalender.walk("VEVENT")}


def sec(moment):
    """iCalendar times have whole seconds."""
    return moment.replace(microsecond=0)


def uid(bijeenkomst):
    return f"bijeenkomst-{bijeenkomst.pk}@127.0.0.1"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"


# --- The page ---------------------------------------------------------------------------


def test_page_offers_to_make_a_link_without_making_one(client, deelnemer):
    client.force_login(deelnemer)
    response = client.get(reverse("kalender"))
    assert response.status_code == 200
    assert not KalenderFeed.objects.exists()
    html = response.content.decode()
    assert f'action="{reverse("kalender_vernieuwen")}"' in html
    assert 'id="kalender-link"' not in html


def test_making_a_link_shows_the_secret_address(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(reverse("kalender_vernieuwen"), follow=True)
    assert response.redirect_chain == [(reverse("kalender"), 302)]
    feed = KalenderFeed.objects.get(user=deelnemer)
    html = response.content.decode()
    address = f"http://127.0.0.1:8000/kalender/{feed.token}.ics"
    assert f'value="{address}"' in html
    assert "readonly" in html
    assert 'for="kalender-link"' in html
    assert f"webcal://127.0.0.1:8000/kalender/{feed.token}.ics" in html
    assert list(response.context["messages"])


def test_page_warns_that_the_link_is_a_secret(client, deelnemer):
    feed_voor(deelnemer)
    client.force_login(deelnemer)
    html = client.get(reverse("kalender"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Anyone who has this link can see" in html
    assert "Make a new link" in html


def test_renewing_revokes_the_old_link(client, deelnemer):
    old = feed_voor(deelnemer)
    old_path = feed_pad(old)
    client.force_login(deelnemer)
    client.post(reverse("kalender_vernieuwen"))
    new = KalenderFeed.objects.get(user=deelnemer)
    assert new.token != old.token
    client.logout()
    assert client.get(old_path).status_code == 404
    assert client.get(feed_pad(new)).status_code == 200
    assert KalenderFeed.objects.count() == 1


def test_renewing_needs_post(client, deelnemer):
    client.force_login(deelnemer)
    assert client.get(reverse("kalender_vernieuwen")).status_code == 405
    assert not KalenderFeed.objects.exists()


# --- The feed ---------------------------------------------------------------------------


def test_feed_is_valid_icalendar_for_anyone_with_the_token(client, groep, deelnemer):
    bijeenkomst = BijeenkomstFactory(groep=groep)
    feed = feed_voor(deelnemer)
    response = client.get(feed_pad(feed))  # not logged in: calendar apps aren't
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    kalender = Calendar.from_ical(response.content)
    assert str(kalender["VERSION"]) == "2.0"
    assert str(kalender["PRODID"])
    assert str(kalender["X-WR-CALNAME"])
    event = events_by_uid(kalender)[uid(bijeenkomst)]
    assert str(event["SUMMARY"]) == groep.naam
    assert str(event["LOCATION"]) == "Buurthuis"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert "DTSTAMP" in event
    assert str(event["URL"]) == f"http://127.0.0.1:8000/groepen/{groep.pk}/"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start == sec(bijeenkomst.begint_om)
    assert end == sec(bijeenkomst.eindigt_om)
    assert "DTSTART:" in response.content.decode()
    assert "Z\r\n" in response.content.decode()


def test_meeting_place_overrides_group_place(client, groep, deelnemer):
    bijeenkomst = BijeenkomstFactory(groep=groep, locatie="De tuin")
    event = events_by_uid(haal_feed(client, feed_voor(deelnemer)))[uid(bijeenkomst)]
    assert str(event["LOCATION"]) == "De tuin"


def test_feed_keeps_the_last_30_days_and_everything_ahead(client, groep, deelnemer):
    now = timezone.now()
    recent = BijeenkomstFactory(groep=groep, begint_om=now - datetime.timedelta(days=20))
    oud = BijeenkomstFactory(groep=groep, begint_om=now - datetime.timedelta(days=40))
    ver = BijeenkomstFactory(groep=groep, begint_om=now + datetime.timedelta(days=200))
    events = events_by_uid(haal_feed(client, feed_voor(deelnemer)))
    assert uid(recent) in events
    assert uid(ver) in events
    assert uid(oud) not in events


def test_uid_is_stable_and_sequence_rises_when_a_meeting_moves(client, groep, deelnemer):
    bijeenkomst = BijeenkomstFactory(groep=groep)
    feed = feed_voor(deelnemer)
    eerst = events_by_uid(haal_feed(client, feed))[uid(bijeenkomst)]
    oorspronkelijk = bijeenkomst.begint_om
    bijeenkomst.oorspronkelijk_begint_om = oorspronkelijk
    bijeenkomst.begint_om = oorspronkelijk + datetime.timedelta(days=2)
    bijeenkomst.eindigt_om = bijeenkomst.begint_om + datetime.timedelta(hours=2)
    bijeenkomst.volgnummer = 1
    bijeenkomst.save()

    kalender = haal_feed(client, feed, HTTP_ACCEPT_LANGUAGE="en")
    assert len(list(kalender.walk("VEVENT"))) == 1
    daarna = events_by_uid(kalender)[uid(bijeenkomst)]
    assert daarna["SEQUENCE"] == 1 > eerst["SEQUENCE"]
    assert daarna.decoded("DTSTART") == sec(bijeenkomst.begint_om)
    assert "has moved" in str(daarna["DESCRIPTION"])
    assert str(timezone.localtime(oorspronkelijk).year) in str(daarna["DESCRIPTION"])
    assert "has moved" not in str(eerst["DESCRIPTION"])


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(client, groep, deelnemer):
    bijeenkomst = BijeenkomstFactory(groep=groep, geannuleerd=True, volgnummer=2)
    event = events_by_uid(haal_feed(client, feed_voor(deelnemer)))[uid(bijeenkomst)]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert groep.naam in str(event["SUMMARY"])


@pytest.mark.parametrize(
    "status", [Lidmaatschap.Status.WACHTLIJST, Lidmaatschap.Status.UITGESCHREVEN]
)
def test_waiting_list_and_cancelled_enrolments_are_not_in_the_feed(client, status):
    user = UserFactory()
    groep = GroepFactory()
    LidmaatschapFactory(groep=groep, user=user, status=status)
    BijeenkomstFactory(groep=groep)
    kalender = haal_feed(client, feed_voor(user))
    assert list(kalender.walk("VEVENT")) == []


def test_facilitators_get_the_meetings_of_their_groups(client, groep, facilitator):
    bijeenkomst = BijeenkomstFactory(groep=groep)
    assert uid(bijeenkomst) in events_by_uid(haal_feed(client, feed_voor(facilitator)))


def test_each_token_shows_only_its_own_persons_meetings(client, groep, deelnemer):
    mijn = BijeenkomstFactory(groep=groep)
    ander = UserFactory()
    andere_groep = GroepFactory(naam="Andere groep")
    LidmaatschapFactory(groep=andere_groep, user=ander)
    zijn = BijeenkomstFactory(groep=andere_groep)

    mijn_events = events_by_uid(haal_feed(client, feed_voor(deelnemer)))
    zijn_events = events_by_uid(haal_feed(client, feed_voor(ander)))
    assert set(mijn_events) == {uid(mijn)}
    assert set(zijn_events) == {uid(zijn)}


def test_feed_holds_no_other_peoples_names_or_addresses(client, groep, deelnemer, facilitator):
    LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="Geheimnaam"))
    BijeenkomstFactory(groep=groep)
    body = client.get(feed_pad(feed_voor(deelnemer))).content.decode()
    for other in ("Geheimnaam", facilitator.roepnaam, facilitator.email, deelnemer.email):
        assert other not in body


def test_unknown_token_is_not_found(client, deelnemer):
    feed_voor(deelnemer)
    url = reverse("kalender_feed", kwargs={"token": "niet-bestaand"})
    assert client.get(url).status_code == 404


def test_deactivated_account_has_no_feed(client, deelnemer):
    feed = feed_voor(deelnemer)
    deelnemer.is_active = False
    deelnemer.save()
    assert client.get(feed_pad(feed)).status_code == 404


def test_feed_query_count_does_not_grow_with_meetings(
    client, groep, deelnemer, django_assert_num_queries
):
    feed = feed_voor(deelnemer)
    BijeenkomstFactory(groep=groep)
    with CaptureQueriesContext(connection) as small:
        haal_feed(client, feed)
    tweede = GroepFactory()
    LidmaatschapFactory(groep=tweede, user=deelnemer, rol=Lidmaatschap.Rol.FACILITATOR)
    start = timezone.now()
    for i in range(25):
        BijeenkomstFactory(
            groep=groep if i % 2 else tweede, begint_om=start + datetime.timedelta(days=i)
        )
    with django_assert_num_queries(len(small)):
        kalender = haal_feed(client, feed)
    assert len(list(kalender.walk("VEVENT"))) == 26
    assert len(small) <= 2


def test_site_url_decides_the_host_in_uids_and_links(client, settings, groep, deelnemer):
    settings.SITE_URL = "https://academie.example.nl"
    bijeenkomst = BijeenkomstFactory(groep=groep)
    event = events_by_uid(haal_feed(client, feed_voor(deelnemer)))[
        f"bijeenkomst-{bijeenkomst.pk}@academie.example.nl"
    ]
    assert str(event["URL"]).startswith("https://academie.example.nl/groepen/")
