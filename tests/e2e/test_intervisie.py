"""A facilitator joins an intervisie group on a phone, plans a meeting and writes notes:
a participant's name gets a kind warning, the anonymised version is saved."""

import datetime

import pytest
from django.utils import timezone

from deelnemers.models import User
from groepen import intervisie
from groepen.models import Intervisiebijeenkomst, Intervisiegroep

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


@pytest.fixture
def ivgroep(demo):
    ruben = User.objects.get(email="facilitator@demo.nl")
    assert "Sam" in intervisie.deelnemersnamen(ruben), "Sam should be in Ruben's groups"
    return Intervisiegroep.objects.create(
        naam="Intervisie e2e", beschrijving="Om de week, op dinsdag."
    )


def test_facilitator_joins_plans_and_writes_notes_without_names(page, url, ivgroep):
    login(page, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)

    visit(page, url("/intervisie/"))
    screenshot(page, "intervisie-overzicht")
    submit(page, page.locator(f"form[action='/intervisie/{ivgroep.pk}/deelnemen/'] button"))
    assert path_of(page) == f"/intervisie/{ivgroep.pk}/"

    datum = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    plan = page.locator("#plannen form")
    plan.locator("input[name='datum']").fill(datum)
    plan.locator("input[name='tijd']").fill("14:00")
    plan.locator("input[name='locatie']").fill("Leslokaal")
    plan.locator("select[name='methode']").select_option("incident")
    screenshot(page, "intervisie-groep")
    submit(page, plan.locator("button[type='submit']"))
    bijeenkomst = Intervisiebijeenkomst.objects.get(groep=ivgroep)
    assert path_of(page) == f"/intervisie/bijeenkomsten/{bijeenkomst.pk}/"

    notes = page.locator("#notities form")
    vraag = "Hoe blijf ik rustig als Sam steeds het woord neemt?"
    notes.locator("textarea[name='vraag']").fill(vraag)
    notes.locator("select[name='thema']").select_option("dominant")
    notes.locator("textarea[name='inzichten']").fill("Samen een rondje doen helpt.")
    submit(page, notes.locator("button[type='submit']"))

    fout = page.locator(".field-error:has(textarea[name='vraag']) .errorlist")
    assert fout.is_visible()
    assert "Sam" in fout.inner_text()
    assert page.locator(".field-error:has(textarea[name='inzichten'])").count() == 0
    assert page.locator("input[type='checkbox'][name='toch_opslaan']").is_visible()
    assert page.locator("textarea[name='vraag']").input_value() == vraag
    assert page.locator("select[name='thema']").input_value() == "dominant"
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.vraag == ""
    screenshot(page, "intervisie-naam-waarschuwing")

    nieuw = "Hoe blijf ik rustig als een deelnemer steeds het woord neemt?"
    page.locator("textarea[name='vraag']").fill(nieuw)
    submit(page, page.locator("#notities form button[type='submit']"))
    assert page.locator(".messages").is_visible()
    assert page.locator(".field-error").count() == 0
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.vraag, bijeenkomst.thema) == (nieuw, "dominant")
    assert bijeenkomst.inzichten == "Samen een rondje doen helpt."
    screenshot(page, "intervisie-notities")


def test_coordinator_sets_up_a_group_and_sees_only_counts(page, url):
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)

    visit(page, url("/intervisie/"))
    form = page.locator("#nieuw form")
    form.locator("input[name='naam']").fill("Intervisie voorjaar")
    submit(page, form.locator("button[type='submit']"))
    groep = Intervisiegroep.objects.get(naam="Intervisie voorjaar")
    assert path_of(page) == f"/intervisie/{groep.pk}/beheer/"

    toevoegen = page.locator("#toevoegen form")
    toevoegen.locator("input[name='lid-email']").fill("facilitator@demo.nl")
    submit(page, toevoegen.locator("button[type='submit']"))
    assert groep.leden.filter(user__email="facilitator@demo.nl", actief=True).exists()
    screenshot(page, "intervisie-beheer")

    visit(page, url("/intervisie/cijfers/"))
    assert page.locator("#kop-per-thema").is_visible()
    screenshot(page, "intervisie-cijfers")
