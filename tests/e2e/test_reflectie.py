"""A participant writes a reflection on a phone after a WRAP meeting and shares it with
the facilitators; the facilitator sees it marked new and opens it; the participant then
sees that it was read. On the way: a draft survives a reload (static/js/concept.js)."""

from groepen.models import Groep
from herstelmodel.models import Reflectie, Zichtbaarheid

from .conftest import DEMO_TOTP_SECRET, assert_accessible, login, path_of, screenshot, submit, visit

TEKST = "Toen Noor over haar slechte nachten vertelde, dacht ik: dat ben ik ook."


def test_write_share_and_see_it_was_read(new_page, url):
    wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
    laatste = wrap.bijeenkomsten.geweest().order_by("-begint_om").first()
    assert laatste is not None
    # The demo may already hold a reflection of Sam's about this meeting (it depends on
    # the day the demo is made); the one written below is the one that is new.
    eerder = set(
        Reflectie.objects.filter(auteur__email="deelnemer@demo.nl").values_list("pk", flat=True)
    )

    # --- Sam writes, on a phone ---
    sam = new_page("phone")
    login(sam, url, "deelnemer@demo.nl")
    visit(sam, url("/reflecties/nieuw/"))
    form = sam.locator("form.reflectie-form")
    tekstvak = form.locator("textarea[name='tekst']")

    # A draft is kept in the browser: after a reload the text is back, with a note.
    assert sam.locator("[data-concept-melding]").is_hidden()
    tekstvak.fill(TEKST)
    sam.reload()
    assert_accessible(sam)
    assert tekstvak.input_value() == TEKST
    assert sam.locator("[data-concept-melding]").is_visible()
    screenshot(sam, "reflectie-concept")

    form.locator("label.stap-keuze:has(input[value='2'])").click()
    assert form.locator("input[name='stap'][value='2']").is_checked()
    form.locator("label.keuze:has(input[name='gevoel'][value='opgelucht'])").click()
    form.locator("select[name='bijeenkomst']").select_option(str(laatste.pk))
    form.locator("label.keuze:has(input[name='zichtbaarheid'][value='facilitators'])").click()
    screenshot(sam, "reflectie-nieuw")
    submit(sam, form.locator("button[type='submit']"))

    reflectie = Reflectie.objects.exclude(pk__in=eerder).get(
        auteur__email="deelnemer@demo.nl", bijeenkomst=laatste
    )
    assert reflectie.tekst == TEKST
    assert reflectie.zichtbaarheid == Zichtbaarheid.FACILITATORS
    assert path_of(sam) == f"/reflecties/{reflectie.pk}/"
    assert sam.locator(".messages .message-success").count() == 1
    assert sam.locator(".gelezen li").count() == 0
    screenshot(sam, "reflectie-detail")

    # The draft was forgotten after saving: a new reflection starts empty.
    visit(sam, url("/reflecties/nieuw/"))
    assert sam.locator("textarea[name='tekst']").input_value() == ""
    assert sam.locator("[data-concept-melding]").is_hidden()

    # --- Ruben, the facilitator, sees it marked new and opens it ---
    ruben = new_page("phone")
    login(ruben, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(ruben, url(f"/groepen/{wrap.pk}/reflecties/"))
    kaart = ruben.locator("li.card", has=ruben.locator(f"a[href='/reflecties/{reflectie.pk}/']"))
    assert kaart.count() == 1
    assert "card-nieuw" in kaart.get_attribute("class")
    assert kaart.locator(".nieuw").is_visible()
    screenshot(ruben, "reflecties-gedeeld")
    submit(ruben, kaart.locator(f"a[href='/reflecties/{reflectie.pk}/']"))
    assert ruben.get_by_text(TEKST).is_visible()
    assert ruben.locator(f"a[href='/reflecties/{reflectie.pk}/bewerken/']").count() == 0
    screenshot(ruben, "reflectie-gelezen-door-facilitator")
    visit(ruben, url(f"/groepen/{wrap.pk}/reflecties/"))
    kaart = ruben.locator("li.card", has=ruben.locator(f"a[href='/reflecties/{reflectie.pk}/']"))
    assert "card-nieuw" not in kaart.get_attribute("class")

    # --- Sam sees that Ruben read it ---
    visit(sam, url(f"/reflecties/{reflectie.pk}/"))
    gelezen = sam.locator(".gelezen li")
    assert gelezen.count() == 1
    assert "Ruben" in gelezen.inner_text()
    screenshot(sam, "reflectie-gelezen")
