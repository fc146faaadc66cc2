"""The whole offer journey across roles (issue 3):

a coordinator plans a group with one place; two participants sign up for that last
place (one gets it, the other the waiting list); the facilitator fills in attendance on
a phone; the participant's calendar feed shows the meeting.

The clock is set to a fixed Monday morning so "today's meeting, later today" always
exists; time_machine moves the server's clock (all threads), not the browser's.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from icalendar import Calendar

from groepen import inschrijving
from groepen.models import Aanwezigheid, Groep, Lidmaatschap

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# In the future, so that cookies set by the server are not already expired for the browser.
NU = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=AMSTERDAM)  # a Monday
GROEP = "Kennismaken – proefgroep"


@pytest.fixture
def klok():
    with time_machine.travel(NU, tick=True):
        yield


@pytest.fixture
def site_url(settings, live_server):
    settings.SITE_URL = live_server.url


def plan_group(page, url):
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/beheer/aanbod/"))
    submit(page, page.locator("main a", has_text="Kennismaken met herstel").first)
    submit(page, page.locator("main a[href$='/groep/nieuw/']").first)
    form = page.locator("form:has(input[name='eerste_datum'])")
    form.locator("input[name='naam']").fill(GROEP)
    form.locator("input[name='eerste_datum']").fill(NU.date().isoformat())
    form.locator("input[name='begintijd']").fill("18:00")
    form.locator("input[name='capaciteit']").fill("1")
    submit(page, form.locator("button[type='submit']"))
    groep = Groep.objects.get(naam=GROEP)
    assert path_of(page) == f"/beheer/groepen/{groep.pk}/"

    form = page.locator("form[action$='/facilitators/']")
    form.locator("input[name='email']").fill("facilitator@demo.nl")
    submit(page, form.locator("button[type='submit']"))
    assert (
        Lidmaatschap.objects.facilitators()
        .filter(groep=groep, user__email="facilitator@demo.nl")
        .exists()
    )
    screenshot(page, "reis-groep-gepland")
    return groep


def sign_up(page, url, email, groep):
    login(page, url, email)
    visit(page, url(f"/aanbod/{groep.aanbod_id}/"))
    submit(page, page.locator(f"main a[href='/groepen/{groep.pk}/aanmelden/']"))
    submit(page, page.locator("main form button[type='submit']"))
    assert path_of(page) == "/mijn-aanmeldingen/"
    return Lidmaatschap.objects.get(groep=groep, user__email=email)


def test_plan_sign_up_waiting_list_attendance_and_calendar(new_page, url, klok, site_url):
    coordinator = new_page()
    groep = plan_group(coordinator, url)
    eerste = groep.bijeenkomsten.order_by("begint_om").first()
    assert eerste.begint_om.astimezone(AMSTERDAM) == NU.replace(hour=18)

    # Two participants want the last (only) place: one gets it, one the waiting list.
    sam = new_page()
    assert sign_up(sam, url, "deelnemer@demo.nl", groep).status == Lidmaatschap.Status.ACTIEF
    noor = new_page()
    wachtend = sign_up(noor, url, "deelnemer2@demo.nl", groep)
    assert wachtend.status == Lidmaatschap.Status.WACHTLIJST
    assert inschrijving.positie_op_wachtlijst(wachtend) == 1
    screenshot(noor, "reis-wachtlijst")

    # The facilitator fills in the register of tonight's meeting on a phone.
    ruben = new_page()  # 390 x 844
    assert ruben.viewport_size == {"width": 390, "height": 844}
    login(ruben, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(ruben, url(f"/groepen/{groep.pk}/"))
    submit(ruben, ruben.locator(f"a[href='/bijeenkomsten/{eerste.pk}/aanwezigheid/']"))
    assert ruben.locator("fieldset").count() == 1  # only Sam: Noor is waiting
    assert ruben.locator("fieldset input[value='aanwezig']").is_checked()
    screenshot(ruben, "reis-register")
    submit(ruben, ruben.locator("form.register button[type='submit']"))
    assert path_of(ruben) == f"/groepen/{groep.pk}/"
    assert Aanwezigheid.objects.get(bijeenkomst=eerste).status == Aanwezigheid.Status.AANWEZIG

    # Sam's calendar feed has the meeting; Noor (waiting) does not get it in hers.
    visit(sam, url("/kalender/"))
    submit(sam, sam.locator("form[action='/kalender/vernieuwen/'] button[type='submit']"))
    feed = sam.request.get(sam.locator("#kalender-link").input_value())
    assert feed.status == 200
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    ons = [e for e in events if str(e["SUMMARY"]) == GROEP]
    assert len(ons) == groep.bijeenkomsten.count()
    assert min(e.decoded("DTSTART") for e in ons) == eerste.begint_om
