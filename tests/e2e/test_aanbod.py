"""A participant finds something in the offer on her phone, signs up, and cancels."""

from groepen.models import Lidmaatschap

from .conftest import login, path_of, screenshot, submit, visit

KENNISMAKEN = "Kennismaken met herstel – maandagochtend"
GROEPEN = "section[aria-labelledby='kop-groepen'] li.card"


def test_deelnemer_browses_signs_up_and_cancels(page, url):
    login(page, url, "deelnemer@demo.nl")

    visit(page, url("/aanbod/"))
    assert page.locator("main h1").is_visible()
    kaart = page.locator("main .card", has_text=KENNISMAKEN)
    assert kaart.is_visible()
    screenshot(page, "aanbod-lijst")

    submit(page, kaart.locator("h3 a"))
    assert path_of(page).startswith("/aanbod/")
    screenshot(page, "aanbod-detail")

    groep = page.locator("main li.card", has_text=KENNISMAKEN)
    submit(page, groep.locator("a.button"))
    assert path_of(page).endswith("/aanmelden/")
    motivatie = page.locator("textarea[name='motivatie']")
    assert motivatie.is_visible()
    motivatie.fill("Ik wil graag andere mensen ontmoeten.")
    screenshot(page, "aanmelden")
    submit(page, page.locator("main form button[type='submit']"))

    assert path_of(page) == "/mijn-aanmeldingen/"
    assert page.locator(".messages").is_visible()
    mijn = page.locator(GROEPEN, has_text=KENNISMAKEN)
    assert mijn.is_visible()
    lid = Lidmaatschap.objects.get(user__email="deelnemer@demo.nl", groep__naam=KENNISMAKEN)
    assert lid.status == Lidmaatschap.Status.ACTIEF
    assert lid.motivatie == "Ik wil graag andere mensen ontmoeten."
    screenshot(page, "mijn-aanmeldingen")

    # "I can't come" for one meeting, and back again.
    eerste = page.locator("main form[action*='/afmelden/']").first
    submit(page, eerste.locator("button"))
    assert page.locator("main form[action*='/afmelden/'] input[name='ongedaan']").count() == 1
    submit(page, page.locator("main form:has(input[name='ongedaan']) button"))
    assert page.locator("main form[action*='/afmelden/'] input[name='ongedaan']").count() == 0

    submit(page, page.locator(f"main a[href='/groepen/{lid.groep_id}/uitschrijven/']"))
    screenshot(page, "uitschrijven")
    submit(page, page.locator("main form button[type='submit']"))

    assert path_of(page) == "/mijn-aanmeldingen/"
    assert page.locator(GROEPEN, has_text=KENNISMAKEN).count() == 0
    lid.refresh_from_db()
    assert lid.status == Lidmaatschap.Status.UITGESCHREVEN
