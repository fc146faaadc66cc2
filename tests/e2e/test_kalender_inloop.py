"""A host counts walk-in visitors on a phone, then makes a calendar link and its feed works."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from icalendar import Calendar

from deelnemers.models import User
from groepen.models import Aanbod, Bijeenkomst, Groep, InloopTelling, Lidmaatschap

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


@pytest.fixture
def inloop_groep(demo):
    """A walk-in of our own, hosted by the demo facilitator, with nothing counted yet."""
    facilitator = User.objects.get(email="facilitator@demo.nl")
    aanbod = Aanbod.objects.create(titel="Inloop test", soort=Aanbod.Soort.INLOOP)
    groep = Groep.objects.create(
        aanbod=aanbod,
        naam="Inloop test",
        locatie="Huiskamer",
        startdatum=timezone.localdate() - datetime.timedelta(days=30),
    )
    Lidmaatschap.objects.create(groep=groep, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    return groep


@pytest.fixture
def site_url(settings, live_server):
    """The feed address on the page is absolute (SITE_URL): point it at the live server."""
    settings.SITE_URL = live_server.url


def test_host_counts_walkin_visitors_on_a_phone(page, url, inloop_groep):
    login(page, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)

    visit(page, url("/inloop/"))
    link = page.locator(f"main a[href='/inloop/{inloop_groep.pk}/']")
    assert link.is_visible()
    submit(page, link)
    assert path_of(page) == f"/inloop/{inloop_groep.pk}/"
    screenshot(page, "inloop-tellen-leeg")

    ochtend = page.locator("#dagdeel-ochtend")
    assert ochtend.locator("button.teller-min").is_disabled()
    for _ in range(2):
        submit(page, page.locator("#dagdeel-ochtend button.teller-plus"))
    assert page.locator("#dagdeel-ochtend .teller-getal").inner_text() == "2"
    assert not page.locator("#dagdeel-ochtend button.teller-min").is_disabled()
    telling = InloopTelling.objects.get(groep=inloop_groep, datum=timezone.localdate())
    assert (telling.dagdeel, telling.aantal) == ("ochtend", 2)
    screenshot(page, "inloop-tellen")

    # A correction for a day still to come is refused next to the field, and kept.
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    form = page.locator("#corrigeren form")
    form.locator("input[name='datum']").fill(morgen)
    form.locator("select[name='dagdeel']").select_option("middag")
    form.locator("input[name='aantal']").fill("7")
    submit(page, form.locator("button[type='submit']"))
    error = page.locator(".field-error:has(input[name='datum']) .errorlist")
    assert error.is_visible()
    assert error.inner_text().strip()
    assert page.locator("input[name='datum']").input_value() == morgen
    assert page.locator("input[name='aantal']").input_value() == "7"
    screenshot(page, "inloop-corrigeren-fout")


def test_calendar_link_is_made_and_its_feed_shows_my_meetings(page, url, site_url):
    login(page, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)

    visit(page, url("/kalender/"))
    assert page.locator("#kalender-link").count() == 0
    screenshot(page, "kalender-leeg")
    submit(page, page.locator("main form button[type='submit']"))
    assert path_of(page) == "/kalender/"
    field = page.locator("#kalender-link")
    assert field.is_visible()
    assert field.get_attribute("readonly") is not None
    feed_url = field.input_value()
    assert feed_url.startswith(url("/kalender/"))
    assert feed_url.endswith(".ics")
    screenshot(page, "kalender")

    response = page.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    kalender = Calendar.from_ical(response.body())
    uids = {str(e["UID"]) for e in kalender.walk("VEVENT")}
    facilitator = User.objects.get(email="facilitator@demo.nl")
    verwacht = Bijeenkomst.objects.filter(
        groep__in=Lidmaatschap.objects.actief().filter(user=facilitator).values("groep"),
        eindigt_om__gte=timezone.now() - datetime.timedelta(days=30),
    ).values_list("pk", flat=True)
    assert verwacht, "the demo facilitator should have meetings"
    host = urlsplit(feed_url).hostname
    assert uids == {f"bijeenkomst-{pk}@{host}" for pk in verwacht}

    # A new link: the old address stops working at once.
    submit(page, page.locator("#kop-nieuw ~ form button[type='submit']"))
    assert page.locator("#kalender-link").input_value() != feed_url
    assert page.request.get(feed_url).status == 404
