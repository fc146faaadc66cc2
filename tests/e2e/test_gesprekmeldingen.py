"""On a phone (issue 18, conversations that reach people): Noor replies to Sam's post;
Sam sees the unread count in the menu and the notification, opens it and lands at the
reply, which is then read; then she changes her own post and undoes a "Herken ik"."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

from nazorg import community, gesprekmeldingen
from nazorg.models import Bericht, HerkenIk, Melding, RichtlijnAkkoord

from .conftest import login, screenshot, submit, visit


def test_noor_replies_and_sam_is_told(page, new_page, url):
    users = get_user_model().objects
    sam = users.get(email="deelnemer@demo.nl")
    noor = users.get(email="deelnemer2@demo.nl")
    for user in (sam, noor):
        RichtlijnAkkoord.objects.get_or_create(user=user)
    eerste = community.plaats_bericht(
        sam, community.academieruimte(), "Hoe is het nu met jullie?", titel="Een terugblik"
    )
    draad = eerste.draad

    # Noor replies through the page.
    login(page, url, "deelnemer2@demo.nl")
    visit(page, url(f"/community/draad/{draad.pk}/"))
    page.fill("#id_tekst", "Met mij gaat het goed. Fijn dat je het vraagt!")
    submit(page, page.locator("#reactie-form button[type='submit']"))
    reactie = Bericht.objects.filter(draad=draad, auteur=noor).get()

    # Sam, on her own phone: the count in the menu (a bell on the phone's key row).
    sam_page = new_page()
    login(sam_page, url, "deelnemer@demo.nl")
    verwacht = gesprekmeldingen.aantal_ongelezen(users.get(pk=sam.pk))
    assert verwacht >= 1
    link = sam_page.locator(".nav-kort a[href='/meldingen/']")
    assert link.is_visible()
    assert link.locator(".melding-teller").inner_text() == str(verwacht)
    woorden = "1 ongelezen melding" if verwacht == 1 else f"{verwacht} ongelezen meldingen"
    assert link.locator(".visueel-verborgen").inner_text() == f"Meldingen, {woorden}"
    # The phone header stays compact (tests/e2e/test_opmaak.py): one row under the brand.
    assert sam_page.locator(".site-header").bounding_box()["height"] < 844 / 6
    screenshot(sam_page, "gesprekmeldingen-menu")
    submit(sam_page, link)

    melding = Melding.objects.get(user=sam, bericht=reactie)
    kaart = sam_page.locator(f"a[href='/meldingen/{melding.pk}/']")
    assert kaart.inner_text() == "Noor reageerde in “Een terugblik”"
    screenshot(sam_page, "gesprekmeldingen-lijst")
    submit(sam_page, kaart)

    # She lands at Noor's reply, and the notification is read.
    assert urlsplit(sam_page.url).path == f"/community/draad/{draad.pk}/"
    assert urlsplit(sam_page.url).fragment == f"bericht-{reactie.pk}"
    assert "Fijn dat je het vraagt" in sam_page.locator(f"#bericht-{reactie.pk}").inner_text()
    screenshot(sam_page, "gesprekmeldingen-reactie")
    melding.refresh_from_db()
    assert melding.gelezen_op is not None
    teller = sam_page.locator(".nav-kort a[href='/meldingen/'] .melding-teller")
    if verwacht == 1:
        assert teller.count() == 0  # nothing unread: no bell
    else:
        assert teller.inner_text() == str(verwacht - 1)

    # The same visit goes on (issue 18's second journey): Sam recognises Noor's reply,
    # then changes her own first post, and takes the "Herken ik" back.
    submit(sam_page, sam_page.locator(f"#bericht-{reactie.pk} .herken-ik-form button"))
    knop = sam_page.locator(f"#bericht-{reactie.pk} .herken-ik-form button")
    assert knop.get_attribute("aria-pressed") == "true"
    submit(sam_page, sam_page.locator(f"#bericht-{eerste.pk} .bericht-eigen a"))
    assert sam_page.input_value("#id_tekst") == "Hoe is het nu met jullie?"
    sam_page.fill("#id_tekst", "Hoe is het nu met jullie, een paar weken later?")
    submit(sam_page, sam_page.locator("#bewerk-form button[type='submit']"))
    kaart = sam_page.locator(f"#bericht-{eerste.pk}")
    assert "een paar weken later" in kaart.inner_text()
    assert kaart.locator(".bewerkt").is_visible()
    submit(sam_page, sam_page.locator(f"#bericht-{reactie.pk} .herken-ik-form button"))
    knop = sam_page.locator(f"#bericht-{reactie.pk} .herken-ik-form button")
    assert knop.get_attribute("aria-pressed") == "false"
    assert not HerkenIk.objects.filter(bericht=reactie, user=sam).exists()
    screenshot(sam_page, "gesprekmeldingen-bewerkt-herken-ik-los")
