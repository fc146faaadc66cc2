"""Rest in the community, on a phone and on a desktop: Sam mutes "drank" and finds
another member's post folded behind a tap; Sam picks a break date that is too far away
(a Dutch message next to the field, the date kept), takes a week off, ends it early and
is welcomed back once."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from groepen.models import Groep, Lidmaatschap
from nazorg.models import Bericht, CommunityPauze, Draad, RichtlijnAkkoord, Ruimte

from .conftest import assert_accessible, login, screenshot, submit, visit

ZOMER = "Kennismaken met herstel – zomer"
POST = "Sinds de cursus heb ik mijn drankprobleem beter in beeld."


def _draad_van_ander(sam):
    zomer = Groep.objects.get(naam=ZOMER)
    ruimte = Ruimte.objects.get(groep=zomer)
    ander = Lidmaatschap.objects.deelnemers().filter(groep=zomer).exclude(user=sam).first().user
    draad = Draad.objects.create(ruimte=ruimte, titel="Een terugblik", auteur=ander)
    Bericht.objects.create(draad=draad, auteur=ander, tekst=POST)
    Bericht.objects.create(draad=draad, auteur=ander, tekst="En verder gaat het goed.")
    return draad


def _rust_pagina(page, url):
    visit(page, url("/community/"))
    submit(page, page.locator("#rust-link"))
    assert page.url.endswith("/community/rust/")


def _walk(page, url, naam):
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    RichtlijnAkkoord.objects.get_or_create(user=sam)
    draad = _draad_van_ander(sam)
    login(page, url, "deelnemer@demo.nl")

    # Muted words: "drank" folds the post with "drankprobleem"; one tap opens it.
    _rust_pagina(page, url)
    page.fill("#id_woorden", "drank\npaniek")
    submit(page, page.locator("#woorden-form button[type='submit']"))  # axe runs in submit()
    visit(page, url(f"/community/draad/{draad.pk}/"))
    gevouwen = page.locator("details.gevouwen")
    assert gevouwen.count() == 1
    assert not page.get_by_text(POST).is_visible()
    assert page.get_by_text("En verder gaat het goed.").is_visible()
    screenshot(page, f"{naam}-gevouwen")
    gevouwen.locator("summary").click()
    assert page.get_by_text(POST).is_visible()
    assert_accessible(page)
    screenshot(page, f"{naam}-opengeklapt")

    # A break until a date too far away: the message sits next to the field.
    _rust_pagina(page, url)
    te_ver = timezone.localdate() + datetime.timedelta(days=120)
    page.locator("label[for='id_duur_3']").click()
    page.fill("#id_tot_datum", te_ver.isoformat())
    submit(page, page.locator("#pauze-form button[type='submit']"))
    fout = page.locator("#id_tot_datum_error")
    assert "hoogstens drie maanden" in fout.inner_text()
    assert page.input_value("#id_tot_datum") == te_ver.isoformat()
    screenshot(page, f"{naam}-pauze-fout")

    # One week: the community stays calm, the break can be ended at any time.
    page.locator("label[for='id_duur_0']").click()
    submit(page, page.locator("#pauze-form button[type='submit']"))
    assert CommunityPauze.objects.get(user=sam).actief
    assert page.locator("#pauze-status").is_visible()
    screenshot(page, f"{naam}-pauze-actief")
    visit(page, url("/community/"))
    assert page.locator("#pauze-melding").is_visible()
    screenshot(page, f"{naam}-community-in-pauze")
    submit(page, page.locator("#pauze-melding a"))
    submit(page, page.locator("#stop-pauze-form button[type='submit']"))
    assert page.get_by_text("Fijn dat je er weer bent").is_visible()
    screenshot(page, f"{naam}-welkom-terug")
    visit(page, url("/community/"))
    assert page.get_by_text("Fijn dat je er weer bent").count() == 0


def test_rest_in_the_community_on_a_phone(page, url):
    _walk(page, url, "community-rust")


def test_rest_in_the_community_on_a_desktop(desktop_page, url):
    _walk(desktop_page, url, "community-rust")
