"""On a phone (issue 18): Sam changes her own post in the cohort space, the post shows
"bewerkt", and she undoes the "Herken ik" she gave someone else's post (a plain form:
no JavaScript needed, the pressed state in aria-pressed and on screen)."""

from django.contrib.auth import get_user_model

from groepen.models import Groep, Lidmaatschap
from nazorg.models import Bericht, BerichtVersie, Draad, HerkenIk, RichtlijnAkkoord, Ruimte

from .conftest import login, screenshot, submit, visit

ZOMER = "Kennismaken met herstel – zomer"


def _gesprek(sam):
    """A thread by another member of Sam's course, with Sam's reply; Sam already pressed
    "Herken ik" on the first post."""
    zomer = Groep.objects.get(naam=ZOMER)
    ruimte, _nieuw = Ruimte.objects.get_or_create(groep=zomer, defaults={"naam": zomer.naam})
    ander = Lidmaatschap.objects.deelnemers().filter(groep=zomer).exclude(user=sam).first().user
    RichtlijnAkkoord.objects.get_or_create(user=sam)
    draad = Draad.objects.create(ruimte=ruimte, titel="Slapen na de cursus", auteur=ander)
    hun = Bericht.objects.create(
        draad=draad, auteur=ander, tekst="Ik slaap slecht sinds het einde."
    )
    eigen = Bericht.objects.create(draad=draad, auteur=sam, tekst="Dat heb ik ook, sterkte")
    HerkenIk.objects.create(bericht=hun, user=sam)
    return draad, hun, eigen


def test_sam_edits_her_post_and_undoes_herken_ik(page, url):
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    draad, hun, eigen = _gesprek(sam)

    login(page, url, "deelnemer@demo.nl")
    visit(page, url(f"/community/draad/{draad.pk}/"))
    knop = page.locator(f"#bericht-{hun.pk} .herken-ik-form button")
    assert knop.get_attribute("aria-pressed") == "true"

    # Sam changes her reply.
    submit(page, page.locator(f"#bericht-{eigen.pk} .bericht-eigen a"))
    assert page.input_value("#id_tekst") == "Dat heb ik ook, sterkte"
    page.fill("#id_tekst", "Dat heb ik ook. Wat helpt: een vaste tijd om op te staan.")
    submit(page, page.locator("#bewerk-form button[type='submit']"))
    assert f"/community/draad/{draad.pk}/" in page.url
    kaart = page.locator(f"#bericht-{eigen.pk}")
    assert "een vaste tijd om op te staan" in kaart.inner_text()
    assert kaart.locator(".bewerkt").is_visible()
    eigen.refresh_from_db()
    assert eigen.bewerkt_op is not None
    assert BerichtVersie.objects.get(bericht=eigen).tekst == "Dat heb ik ook, sterkte"
    screenshot(page, "community-bewerkt")

    # She presses "Herken ik" again: undone, the button shows it.
    submit(page, page.locator(f"#bericht-{hun.pk} .herken-ik-form button"))
    knop = page.locator(f"#bericht-{hun.pk} .herken-ik-form button")
    assert knop.get_attribute("aria-pressed") == "false"
    assert knop.locator(".herken-aantal").inner_text() == "0"
    assert not HerkenIk.objects.filter(bericht=hun, user=sam).exists()
    screenshot(page, "community-herken-ik-los")
