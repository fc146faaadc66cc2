"""Mijn verhaal on a phone: write, save twice, see the versions, share with the group;
another participant of that group reads it."""

from groepen.models import Groep
from herstelmodel.models import Verhaal, VerhaalVersie

from .conftest import login, path_of, screenshot, submit, visit

DEEL_1 = "Het begon toen ik niet meer sliep. Alles werd te veel."
DEEL_2 = "Ik zocht hulp en vond mensen die het herkenden."
DEEL_2_NIEUW = DEEL_2 + " Daar begon iets nieuws."


def test_participant_writes_and_shares_their_story(page, new_page, url):
    wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
    al_bewaard = VerhaalVersie.objects.filter(verhaal__auteur__email="deelnemer@demo.nl").count()

    login(page, url, "deelnemer@demo.nl")
    visit(page, url("/mijn-verhaal/"))
    screenshot(page, "verhaal-leeg")
    editor = page.locator("form:has(textarea)")
    textareas = editor.locator("textarea")
    textareas.nth(0).fill(DEEL_1)
    textareas.nth(1).fill(DEEL_2)
    submit(page, editor.locator("button[type='submit']"))
    assert path_of(page) == "/mijn-verhaal/"
    assert page.locator(".messages .message-success").count() == 1

    # The editor opens with what was saved; change a part and save again.
    editor = page.locator("form:has(textarea)")
    assert editor.locator("textarea").nth(0).input_value() == DEEL_1
    editor.locator("textarea").nth(1).fill(DEEL_2_NIEUW)
    submit(page, editor.locator("button[type='submit']"))
    screenshot(page, "verhaal-opgeslagen")

    submit(page, page.locator("a[href='/mijn-verhaal/versies/']"))
    assert page.locator(".cards .card").count() == min(al_bewaard + 2, 20)
    screenshot(page, "verhaal-versies")
    submit(page, page.locator(".cards .card a").nth(1))  # the first, older version
    assert DEEL_2 in page.locator("article").inner_text()
    assert DEEL_2_NIEUW not in page.locator("article").inner_text()
    screenshot(page, "verhaal-versie")

    visit(page, url("/mijn-verhaal/"))
    delen = page.locator("form[action='/mijn-verhaal/delen/']:has(select)")
    delen.locator("select").select_option(label=wrap.naam)
    submit(page, delen.locator("button[type='submit']"))
    assert Verhaal.objects.get(auteur__email="deelnemer@demo.nl").gedeeld_met == wrap
    screenshot(page, "verhaal-gedeeld")

    noor = new_page("phone")
    login(noor, url, "deelnemer2@demo.nl")
    visit(noor, url(f"/groepen/{wrap.pk}/verhalen/"))
    tekst = noor.locator("main").inner_text()
    assert DEEL_1 in tekst
    assert DEEL_2_NIEUW in tekst
    assert "Sam" in tekst
    screenshot(noor, "getuigenissen")
