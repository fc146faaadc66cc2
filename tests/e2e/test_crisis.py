"""On a phone (issue 15, crisis words): Sam posts "Soms denk ik dat ik er niet meer wil
zijn." in the community and writes a reflection with "zelfmoordgedachten". Sam sees help
both times, nothing is blocked, and a facilitator finds the post in the moderation queue
as one that needs a supportive response."""

from django.contrib.auth import get_user_model

from herstelmodel.models import Reflectie
from nazorg.models import Bericht, Moderatiezaak, Ruimte

from .conftest import DEMO_TOTP_SECRET, login, screenshot, submit, visit

ZIN = "Soms denk ik dat ik er niet meer wil zijn."
REFLECTIE = "Sinds de cursus stopte heb ik weer zelfmoordgedachten. Ik durfde het niet te zeggen."


def test_writer_sees_help_and_facilitator_finds_the_post(page, new_page, url):
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    ruimte, _ = Ruimte.objects.get_or_create(groep=None, defaults={"naam": "Community"})

    # --- The post, in the academy-wide space ---
    login(page, url, "deelnemer@demo.nl")
    visit(page, url("/community/"))
    if "/community/richtlijnen/" in page.url:
        submit(page, page.locator("#richtlijnen-form button[type='submit']"))
    visit(page, url(f"/community/{ruimte.pk}/"))
    page.fill("#id_titel", "Zware week")
    page.fill("#id_tekst", ZIN)
    submit(page, page.locator("#draad-form button[type='submit']"))
    hulp = page.locator("#kop-hulp-nu")
    assert hulp.is_visible()
    assert page.locator("a[href='tel:0800-0113']").is_visible()
    screenshot(page, "crisis-community-hulp")
    # The text is encrypted in the database: compare after decryption.
    (bericht,) = [
        b for b in Bericht.objects.filter(draad__ruimte=ruimte, auteur=sam) if b.tekst == ZIN
    ]
    assert bericht.signaal

    # --- A reflection with a compound form ---
    visit(page, url("/reflecties/nieuw/"))
    form = page.locator("form.reflectie-form")
    form.locator("textarea[name='tekst']").fill(REFLECTIE)
    form.locator("label.stap-keuze:has(input[value='3'])").click()
    submit(page, form.locator("button[type='submit']"))
    reflectie = Reflectie.objects.filter(auteur=sam).latest("pk")
    assert reflectie.tekst == REFLECTIE
    assert page.locator("#kop-hulp-nu").is_visible()
    assert page.locator(".reflectie-tekst").inner_text().startswith("Sinds de cursus")
    screenshot(page, "crisis-reflectie-hulp")

    # --- The facilitator finds the post, marked for a supportive response ---
    facilitator = new_page("phone")
    login(facilitator, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(facilitator, url("/community/moderatie/"))
    zaak = Moderatiezaak.objects.get(bericht=bericht, soort=Moderatiezaak.Soort.SIGNAAL)
    kaart = facilitator.locator(f"#zaak-{zaak.pk}")
    assert kaart.is_visible()
    assert ZIN in kaart.inner_text()
    assert kaart.locator(".notice").is_visible()
    # Nothing about the reflection reaches the facilitator.
    assert "zelfmoordgedachten" not in facilitator.content()
    screenshot(facilitator, "crisis-moderatie")
