"""Mijn steunplan in the browser (issue 15).

1. Sam makes a plan from the home page, shares it with the facilitators of a group and
   opens the print page: on a phone and on a desktop, every page checked by axe.
2. Crisis care end to end: Sam, who has a plan, posts "Soms denk ik dat ik er niet meer
   wil zijn." in the community and writes a reflection with "zelfmoordgedachten"; both
   times Sam sees the crisis numbers and their own plan next to them, nothing is blocked,
   and a facilitator finds the post in the moderation queue.
"""

import pytest
from django.contrib.auth import get_user_model

from herstelmodel.models import Reflectie, Steunplan
from nazorg.models import Bericht, Moderatiezaak, Ruimte

from .conftest import DEMO_TOTP_SECRET, assert_accessible, login, screenshot, submit, visit

ZIN = "Soms denk ik dat ik er niet meer wil zijn."
REFLECTIE = "Ik heb weer zelfmoordgedachten gehad. In de groep durfde ik het niet te zeggen."
MENSEN = "Mijn zus Anna: 06-12345678\nBuurman Kees (na 18 uur)"
PLAN = {
    "goed_voor_mij": "Elke ochtend een rondje met de hond. Op tijd naar bed.",
    "signalen": "Ik slaap slecht, zeg afspraken af en neem de telefoon niet op.",
    "wat_helpt": "Muziek op, douchen, naar buiten. Niet alleen thuis blijven zitten.",
    "mensen": MENSEN,
    "plekken": "De inloop op dinsdag en donderdag. Het park achter de bibliotheek.",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_make_share_and_print_the_plan(new_page, url, viewport):
    page = new_page(viewport)
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    Steunplan.objects.filter(auteur=sam).delete()  # the demo gives Sam one; start empty
    login(page, url, "deelnemer@demo.nl")

    # From the home page to the empty state, which explains and invites.
    visit(page, url("/mijn-overzicht/"))
    submit(page, page.locator("main a[href='/steunplan/']").first)
    assert page.locator("#kop-leeg").is_visible()
    screenshot(page, "steunplan-leeg")

    submit(page, page.locator("main a[href='/steunplan/bewerken/']"))
    form = page.locator("#steunplan-form")
    # Nothing typed is lost on a bad save: an empty plan gets a message.
    submit(page, form.locator("button[type='submit']"))
    assert page.locator(".form-errors").is_visible()
    for veld, tekst in PLAN.items():
        form.locator(f"#id_{veld}").fill(tekst)
    screenshot(page, "steunplan-formulier")
    submit(page, form.locator("button[type='submit']"))
    assert page.url.endswith("/steunplan/")
    plan = Steunplan.objects.get(auteur=sam)
    assert plan.mensen == MENSEN
    assert plan.zichtbaarheid == "alleen_ik"
    assert "Buurman Kees" in page.locator("article.steunplan").inner_text()
    assert not page.locator("#kop-hulp-nu").count()  # no signal words, no help box

    # Share it with the facilitators of one of Sam's groups.
    page.locator("#kop-delen ~ details summary").click()
    delen = page.locator("#steunplan-delen-form")
    delen.locator("label.keuze:has(input[value='facilitators'])").click()
    opties = delen.locator("#id_groep option:not([value=''])")
    assert opties.count() >= 1
    delen.locator("#id_groep").select_option(opties.first.get_attribute("value"))
    assert_accessible(page)
    submit(page, delen.locator("button[type='submit']"))
    plan.refresh_from_db()
    assert plan.zichtbaarheid == "facilitators"
    assert plan.groep is not None
    screenshot(page, "steunplan-gedeeld")

    # The print page: the plan and the numbers, without menu and buttons on paper.
    submit(page, page.locator("main a[href='/steunplan/afdrukken/']"))
    assert "Mijn zus Anna" in page.locator(".steunplan-afdruk").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".niet-printen").first.is_visible()
    assert page.locator(".steunplan-afdruk").is_visible()
    assert page.locator(".steunplan-hulp").is_visible()
    screenshot(page, "steunplan-afdruk")
    page.emulate_media(media="screen")


def test_writer_sees_help_and_their_own_plan_facilitator_finds_the_post(page, new_page, url):
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    Steunplan.objects.update_or_create(auteur=sam, defaults=PLAN)
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
    hulp = page.locator("section.hulp-nu")
    assert hulp.locator("#kop-hulp-nu").is_visible()
    assert hulp.locator("a[href='tel:0800-0113']").is_visible()
    assert hulp.locator("#kop-hulp-steunplan").is_visible()
    mensen = hulp.locator(".steunplan-mensen").inner_text()
    assert "Mijn zus Anna: 06-12345678" in mensen
    assert "Buurman Kees (na 18 uur)" in mensen
    # On a phone, one tap calls the person: the number as written, as a tel: link.
    assert hulp.locator(".steunplan-mensen a[href='tel:0612345678']").is_visible()
    assert "Ik slaap slecht" in hulp.inner_text()
    screenshot(page, "steunplan-hulp-community")
    # Post text is encrypted at rest: compare the decrypted texts, not in SQL.
    bericht = next(
        b for b in Bericht.objects.filter(draad__ruimte=ruimte, auteur=sam) if b.tekst == ZIN
    )
    assert bericht.signaal  # posted, not blocked

    # --- A reflection with a compound form ---
    visit(page, url("/reflecties/nieuw/"))
    form = page.locator("form.reflectie-form")
    form.locator("textarea[name='tekst']").fill(REFLECTIE)
    form.locator("label.stap-keuze:has(input[value='3'])").click()
    submit(page, form.locator("button[type='submit']"))
    assert Reflectie.objects.filter(auteur=sam).latest("pk").tekst == REFLECTIE
    hulp = page.locator("section.hulp-nu")
    assert hulp.locator("#kop-hulp-nu").is_visible()
    assert hulp.locator("a[href='tel:0800-0113']").is_visible()
    assert "Mijn zus Anna: 06-12345678" in hulp.locator(".steunplan-mensen").inner_text()
    screenshot(page, "steunplan-hulp-reflectie")

    # --- The facilitator finds the post, marked for a supportive response ---
    facilitator = new_page("phone")
    login(facilitator, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(facilitator, url("/community/moderatie/"))
    zaak = Moderatiezaak.objects.get(bericht=bericht, soort=Moderatiezaak.Soort.SIGNAAL)
    kaart = facilitator.locator(f"#zaak-{zaak.pk}")
    assert kaart.is_visible()
    assert ZIN in kaart.inner_text()
    # Sam's private plan and reflection never reach the facilitator.
    assert "Mijn zus Anna" not in facilitator.content()
    assert "zelfmoordgedachten" not in facilitator.content()
    screenshot(facilitator, "steunplan-moderatie")


def test_help_without_a_plan_invites_to_make_one_later(page, url):
    login(page, url, "deelnemer2@demo.nl")
    visit(page, url("/herkenning/nieuw/"))
    page.locator("label:has(input[name='soort'][value='niet_herkend'])").click()
    page.fill("textarea[name='notitie']", ZIN)
    submit(page, page.locator("form.herkenning-form button[type='submit']"))
    hulp = page.locator("section.hulp-nu")
    assert hulp.is_visible()
    assert not hulp.locator("#kop-hulp-steunplan").count()
    uitnodiging = hulp.locator(".hulp-steunplan a[href='/steunplan/']")
    assert uitnodiging.is_visible()
    submit(page, uitnodiging)
    assert page.locator("#kop-leeg").is_visible()
