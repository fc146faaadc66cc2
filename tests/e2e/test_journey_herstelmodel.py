"""Issue 4's journey on a phone: after a meeting, a participant writes a reflection and
notes a herkenning moment in well under a minute, shares only the reflection with the
facilitators, and finds both on Mijn herstelpad. The facilitator sees only the shared
one; the participant then sees that it was read."""

import time

from groepen.models import Groep
from herstelmodel.models import Herkenningsmoment, Reflectie, Zichtbaarheid

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit

GEDEELD = "Vandaag durfde ik te vertellen over mijn angst. Het werd stil, en dat was goed."
PRIVE = "Het verhaal van Kees raakte me. Alleen voor mij."


def test_reflect_note_share_and_read(new_page, url):
    wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
    laatste = wrap.bijeenkomsten.geweest().order_by("-begint_om").first()
    sam = new_page()  # phone, 390 x 844
    login(sam, url, "deelnemer@demo.nl")

    start = time.monotonic()
    # From the group page, straight from the meeting just held.
    visit(sam, url(f"/groepen/{wrap.pk}/"))
    submit(sam, sam.locator(f"a[href='/reflecties/nieuw/?bijeenkomst={laatste.pk}']"))
    form = sam.locator("form.reflectie-form")
    form.locator("label.stap-keuze:has(input[value='3'])").click()
    form.locator("textarea[name='tekst']").fill(GEDEELD)
    form.locator("label.keuze:has(input[name='zichtbaarheid'][value='facilitators'])").click()
    submit(sam, form.locator("button[type='submit']"))
    gedeeld = Reflectie.objects.filter(auteur__email="deelnemer@demo.nl").latest("pk")
    assert (gedeeld.bijeenkomst, gedeeld.stap, gedeeld.tekst) == (laatste, 3, GEDEELD)

    visit(sam, url(f"/herkenning/nieuw/?bijeenkomst={laatste.pk}"))
    form = sam.locator("main form.herkenning-form")
    form.locator("label.keuze:has(input[value='herkend'])").click()
    form.locator("label.keuze:has(input[value='verhaal'])").click()
    form.locator("textarea[name='notitie']").fill(PRIVE)
    submit(sam, form.locator("button[type='submit']"))
    assert time.monotonic() - start < 60  # both, including page loads, well within a minute

    assert gedeeld.zichtbaarheid == Zichtbaarheid.FACILITATORS
    moment = Herkenningsmoment.objects.filter(auteur__email="deelnemer@demo.nl").latest("pk")
    assert moment.bijeenkomst == laatste
    assert moment.notitie == PRIVE

    # Both on Mijn herstelpad.
    visit(sam, url("/mijn-herstelpad/"))
    pad = sam.locator("main").inner_text()
    assert GEDEELD[:60] in pad
    assert PRIVE[:40] in pad
    screenshot(sam, "reis-herstelpad")

    # The facilitator sees the shared reflection, and nothing of the private note.
    ruben = new_page()
    login(ruben, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(ruben, url(f"/groepen/{wrap.pk}/reflecties/"))
    assert ruben.locator(f"a[href='/reflecties/{gedeeld.pk}/']").count() == 1
    assert PRIVE not in ruben.content()
    submit(ruben, ruben.locator(f"a[href='/reflecties/{gedeeld.pk}/']"))
    assert ruben.get_by_text(GEDEELD).is_visible()

    # Sam sees that Ruben read it.
    visit(sam, url(f"/reflecties/{gedeeld.pk}/"))
    assert "Ruben" in sam.locator(".gelezen").inner_text()
    assert path_of(sam) == f"/reflecties/{gedeeld.pk}/"
