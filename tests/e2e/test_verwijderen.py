"""Deleting an account in the browser: Sam asks for it, sees the notice, and changes their
mind, once with the button and once with the link from the email."""

import re

from django.core import mail

from privacy.models import Verwijderverzoek

from .conftest import DEMO_PASSWORD, DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


def test_participant_requests_deletion_and_undoes_it(page, desktop_page, url):
    login(page, url, "deelnemer@demo.nl")
    visit(page, url("/mijn-gegevens/verwijderen/"))
    screenshot(page, "verwijderen")
    form = page.locator("form:has(input[name='wachtwoord'])")

    # A wrong password: told next to the field, the choice is kept.
    form.locator("input[name='berichten'][value='anoniem']").check()
    form.locator("input[name='wachtwoord']").fill("niet-mijn-wachtwoord")
    submit(page, form.locator("button[type='submit']"))
    form = page.locator("form:has(input[name='wachtwoord'])")
    assert form.locator(".errors").count() == 1
    assert form.locator("input[name='berichten'][value='anoniem']").is_checked()
    assert not Verwijderverzoek.objects.exists()
    screenshot(page, "verwijderen-fout")

    form.locator("input[name='wachtwoord']").fill(DEMO_PASSWORD)
    submit(page, form.locator("button[type='submit']"))
    assert path_of(page) == "/mijn-gegevens/verwijderen/"
    melding = page.locator(".verwijder-melding")
    assert melding.count() == 1
    verzoek = Verwijderverzoek.objects.get(user__email="deelnemer@demo.nl")
    assert verzoek.status == "wachtend"
    assert verzoek.berichten == "anoniem"
    screenshot(page, "verwijderen-wacht")

    submit(page, melding.locator("button[type='submit']"))
    assert page.locator(".verwijder-melding").count() == 0
    assert page.locator(".messages .message-success").count() == 1
    verzoek.refresh_from_db()
    assert verzoek.status == "geannuleerd"
    screenshot(page, "verwijderen-ingetrokken")

    # Again, and this time undo it with the link from the email, on a computer.
    mail.outbox.clear()
    form = page.locator("form:has(input[name='wachtwoord'])")
    form.locator("input[name='berichten'][value='verwijderen']").check()
    form.locator("input[name='wachtwoord']").fill(DEMO_PASSWORD)
    submit(page, form.locator("button[type='submit']"))
    link = re.search(r"https?://\S+/verwijderen/annuleren/\S+/", mail.outbox[-1].body).group(0)
    pad = "/" + link.split("://", 1)[1].split("/", 1)[1]
    visit(desktop_page, url(pad))
    screenshot(desktop_page, "verwijderen-link")
    submit(desktop_page, desktop_page.locator("main form button[type='submit']"))
    assert desktop_page.locator("main h1").count() == 1
    assert not Verwijderverzoek.objects.filter(status="wachtend").exists()
    screenshot(desktop_page, "verwijderen-link-klaar")
    # The same link once more: a calm page that says it was used.
    visit(desktop_page, url(pad))
    assert desktop_page.locator("main form").count() == 0
    screenshot(desktop_page, "verwijderen-link-gebruikt")


def test_coordinator_records_a_request_made_by_phone(desktop_page, url):
    login(desktop_page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(desktop_page, url("/coordinator/verwijderen/"))
    form = desktop_page.locator("main form:has(input[name='email'])")
    form.locator("input[name='email']").fill("niemand@demo.nl")
    form.locator("input[name='berichten'][value='anoniem']").check()
    submit(desktop_page, form.locator("button[type='submit']"))
    form = desktop_page.locator("main form:has(input[name='email'])")
    assert form.locator(".errors").count() == 1
    assert form.locator("input[name='email']").input_value() == "niemand@demo.nl"
    screenshot(desktop_page, "verwijderen-beheer-fout")
    form.locator("input[name='email']").fill("deelnemer2@demo.nl")
    submit(desktop_page, form.locator("button[type='submit']"))
    assert Verwijderverzoek.objects.get(user__email="deelnemer2@demo.nl").status == "wachtend"
    assert desktop_page.locator("main table tbody tr").count() == 1
    screenshot(desktop_page, "verwijderen-beheer")
    submit(desktop_page, desktop_page.locator("main table button[type='submit']"))
    assert Verwijderverzoek.objects.get(user__email="deelnemer2@demo.nl").status == "geannuleerd"
