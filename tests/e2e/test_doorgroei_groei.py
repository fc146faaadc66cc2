"""Growing as a volunteer in the browser: Noor (a buddy in the demo) finds her path from
her home; Inge sees whom she might ask about a next step, and records a training, first
with an end before its start (a message next to the field, nothing lost)."""

import datetime

from django.utils import timezone

from deelnemers.models import User
from doorgroei.models import Ontwikkeling

from .conftest import DEMO_TOTP_SECRET, assert_accessible, login, path_of, screenshot, submit, visit


def test_volunteer_finds_her_path_from_home(new_page, url):
    for viewport in ("phone", "desktop"):
        page = new_page(viewport)
        login(page, url, "deelnemer2@demo.nl")
        visit(page, url("/mijn-overzicht/"))
        page.get_by_role("link", name="Mijn pad als vrijwilliger").click()
        assert path_of(page) == "/meehelpen/mijn-pad/"
        assert_accessible(page)
        tekst = page.locator("main").inner_text()
        assert "Buddy voor nieuwkomers" in tekst or "buddy" in tekst.lower()
        assert "OCE-cursus (ervaringsdeskundigheid), voorjaar" in tekst
        assert "1 intervisiebijeenkomst" in tekst
        screenshot(page, "doorgroei-mijn-pad")


def test_coordinator_sees_whom_to_ask_and_records_a_training(desktop_page, url):
    noor = User.objects.get(email="deelnemer2@demo.nl")
    page = desktop_page
    # One login (a TOTP code works once); the phone view by resizing the same page.
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/coordinator/ontwikkeling/"))
    stap = page.locator("section[aria-labelledby='kop-volgende-stap']")
    assert "Noor" in stap.inner_text()
    assert "co-faciliteren" in stap.inner_text()
    screenshot(page, "doorgroei-ontwikkeling-lijst")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "doorgroei-ontwikkeling-lijst")

    stap.get_by_role("link", name="Noor").click()
    assert path_of(page) == f"/coordinator/ontwikkeling/{noor.pk}/"
    assert_accessible(page)
    form = page.locator("section[aria-labelledby='kop-vastleggen'] form")
    form.get_by_label("Training voor facilitators").check()
    form.locator("input[name='titel']").fill("Training facilitators, najaar")
    vandaag = timezone.localdate()
    form.locator("input[name='datum']").fill(vandaag.isoformat())
    form.locator("input[name='einddatum']").fill((vandaag - datetime.timedelta(days=2)).isoformat())
    form.locator("textarea[name='notitie']").fill("Drie zaterdagen.")
    submit(page, form.locator("button[type='submit']"))
    fout = page.locator(".field-error:has(input[name='einddatum']) .errorlist")
    assert "vóór de eerste dag" in fout.inner_text()
    assert page.locator("input[name='titel']").input_value() == "Training facilitators, najaar"
    assert page.locator("textarea[name='notitie']").input_value() == "Drie zaterdagen."
    screenshot(page, "doorgroei-ontwikkeling-fout")

    page.locator("input[name='einddatum']").fill(
        (vandaag + datetime.timedelta(days=14)).isoformat()
    )
    submit(page, page.locator("section[aria-labelledby='kop-vastleggen'] button[type='submit']"))
    assert path_of(page) == f"/coordinator/ontwikkeling/{noor.pk}/"
    assert "Training facilitators, najaar" in page.locator("main").inner_text()
    assert Ontwikkeling.objects.filter(user=noor, soort="facilitatortraining").exists()
