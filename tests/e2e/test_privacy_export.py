"""Privacy in the browser: agreeing to a new statement after logging in, "My privacy",
and downloading your own data as a zip -- on a phone and on a desktop."""

import importlib
import json
import zipfile

import pytest

from herstelmodel.models import Reflectie
from privacy import toestemming
from privacy.models import Privacyverklaring, Toestemming

from .conftest import DEMO_TOTP_SECRET, assert_accessible, login, path_of, screenshot, submit, visit

# Version 1 comes from the data migration; a browser test's database is emptied between
# tests, so it is put back here with the same text.
V1 = importlib.import_module("privacy.migrations.0002_privacyverklaring_v1")


@pytest.fixture
def verklaring(demo):
    Privacyverklaring.objects.get_or_create(
        versie=1, defaults={"samenvatting": V1.SAMENVATTING, "tekst": V1.TEKST}
    )
    return toestemming.publiceer(
        samenvatting="Nieuw: je kunt je gegevens downloaden.", tekst=V1.TEKST, door=None
    )


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_participant_agrees_and_downloads_their_data(new_page, url, settings, verklaring, viewport):
    settings.PRIVACY_TOESTEMMING_VERPLICHT = True
    page = new_page(viewport)

    # The statement is public: readable before signing up.
    visit(page, url("/privacy/"))
    assert "Autoriteit Persoonsgegevens" in page.locator("main").inner_text()
    screenshot(page, f"privacy-verklaring-{viewport}")
    visit(page, url("/accounts/signup/"))
    assert page.locator("input[name='privacy']").count() == 1
    screenshot(page, f"privacy-aanmelden-{viewport}")

    # After logging in: first the new version, then back to where they were going.
    login(page, url, "deelnemer@demo.nl")
    assert path_of(page) == "/privacy/accepteren/"
    assert "Nieuw: je kunt je gegevens downloaden." in page.locator("main").inner_text()
    screenshot(page, f"privacy-accepteren-{viewport}")
    submit(page, page.locator("#accepteren-form button[type='submit']"))
    assert path_of(page) == "/mijn-overzicht/"

    visit(page, url("/mijn-gegevens/privacy/"))
    # One line per statement agreed to: the new one, and version 1 too when the demo
    # accounts were made while version 1 was in force (the first browser test of a run).
    eigen_toestemmingen = Toestemming.objects.filter(user__email="deelnemer@demo.nl")
    assert eigen_toestemmingen.filter(verklaring=verklaring).count() == 1
    assert page.locator("#mijn-toestemmingen li").count() == eigen_toestemmingen.count()
    screenshot(page, f"privacy-mijn-privacy-{viewport}")
    submit(page, page.locator("a[href='/mijn-gegevens/export/']"))
    screenshot(page, f"privacy-export-{viewport}")

    with page.expect_download() as info:
        page.locator("#export-form button[type='submit']").click()
    download = info.value
    assert download.suggested_filename.startswith("mijn-gegevens-")
    with zipfile.ZipFile(download.path()) as zf:
        gegevens = json.loads(zf.read("gegevens.json"))
        html = zf.read("gegevens.html").decode()
    eigen = Reflectie.objects.filter(auteur__email="deelnemer@demo.nl")
    assert len(gegevens["reflecties"]) == eigen.count() > 0
    assert gegevens["toestemmingen"][-1]["versie"] == verklaring.versie
    noor = Reflectie.objects.filter(auteur__email="deelnemer2@demo.nl").first()
    if noor is not None:
        assert noor.tekst not in html

    # The downloaded page itself: readable and accessible, with no outside resources.
    bestand = new_page(viewport)
    bestand.set_content(html)
    assert_accessible(bestand)
    screenshot(bestand, f"privacy-gegevens-html-{viewport}")


def test_coordinator_publishes_a_new_version(page, url, verklaring):
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/coordinator/privacy/"))
    form = page.locator("form:has(textarea[name='tekst'])")
    assert form.locator("textarea[name='tekst']").input_value().startswith("Wat fijn")
    form.locator("input[name='bevestig']").check()
    submit(page, form.locator("button[type='submit']"))  # no summary: explained, text kept
    assert page.locator(".field-error textarea[name='samenvatting']").count() == 1
    assert page.locator("textarea[name='tekst']").input_value().startswith("Wat fijn")
    screenshot(page, "privacy-beheer-fout")
    page.locator("textarea[name='samenvatting']").fill("Nieuw: de bewaartermijn staat erin.")
    page.locator("input[name='bevestig']").check()
    submit(page, page.locator("form:has(textarea[name='tekst']) button[type='submit']"))
    assert Privacyverklaring.objects.geldend().versie == verklaring.versie + 1
    screenshot(page, "privacy-beheer")
