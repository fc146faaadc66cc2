"""The audit trail in the browser: a participant finds their own login in their activity
log; a coordinator filters the whole trail and gets a clear message for a wrong period."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.models import AuditEvent
from herstelmodel.models import Leesmoment, Reflectie, Zichtbaarheid

from .conftest import (
    DEMO_TOTP_SECRET,
    assert_accessible,
    login,
    path_of,
    screenshot,
    submit,
    visit,
)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_participant_sees_own_login(new_page, url, viewport):
    page = new_page(viewport)
    login(page, url, "deelnemer@demo.nl")
    User = get_user_model()
    sam = User.objects.get(email="deelnemer@demo.nl")
    laatste = AuditEvent.objects.over(sam).first()
    assert laatste.soort == AuditEvent.Soort.LOGIN
    # Ruben read one of Sam's shared reflections earlier.
    gedeeld = Reflectie.objects.van(sam).exclude(zichtbaarheid=Zichtbaarheid.ALLEEN_IK).first()
    lezing = Leesmoment(reflectie=gedeeld, lezer=User.objects.get(email="facilitator@demo.nl"))
    lezing.gelezen_op = timezone.now() - datetime.timedelta(hours=1)
    lezing.save()

    visit(page, url("/mijn-gegevens/logboek/"))
    screenshot(page, f"audit-mijn-logboek-{viewport}")
    kaarten = page.locator("ul.logboek > li")
    assert kaarten.count() == AuditEvent.objects.over(sam).count() >= 2
    # Newest first: the login we just did, at today's date.
    eerste_tijd = kaarten.first.locator("time").get_attribute("datetime")
    assert eerste_tijd.startswith(timezone.localdate().isoformat())
    # The account menu leads here.
    assert page.locator("nav.sub-nav a[aria-current='page']").count() == 1
    # From the read, Sam opens the reflection itself.
    link = page.locator(f"ul.logboek a[href='/reflecties/{gedeeld.pk}/']")
    with page.expect_navigation():
        link.click()
    assert_accessible(page)
    assert path_of(page) == f"/reflecties/{gedeeld.pk}/"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_coordinator_filters_the_trail(new_page, url, viewport):
    page = new_page(viewport)
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/coordinator/logboek/"))
    form = page.locator("form.audit-filter")
    form.locator("select[name='soort']").select_option(AuditEvent.Soort.LOGIN)
    form.locator("input[name='email']").fill("coordinator@demo.nl")
    submit(page, form.locator("button[type='submit']"))
    rijen = page.locator("main table tbody tr")
    assert rijen.count() == 1  # only her own login matches
    assert "soort=login" in page.url
    screenshot(page, f"audit-overzicht-{viewport}")

    form = page.locator("form.audit-filter")
    form.locator("input[name='van']").fill("2026-03-10")
    form.locator("input[name='tot']").fill("2026-03-01")
    submit(page, form.locator("button[type='submit']"))
    veld = page.locator(".field-error:has(input[name='tot'])")
    assert veld.locator(".errors").count() == 1
    # Nothing typed is lost.
    assert page.locator("input[name='van']").input_value() == "2026-03-10"
    assert page.locator("input[name='email']").input_value() == "coordinator@demo.nl"
    assert page.locator("main table").count() == 0
    screenshot(page, f"audit-overzicht-fout-{viewport}")
