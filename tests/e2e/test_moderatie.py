"""On a phone: a facilitator works the moderation queue (a signal post first, a report),
a reason is required to hide; a participant sets the weekly summary."""

from django.contrib.auth import get_user_model

from nazorg import moderatie
from nazorg.models import Bericht, Draad, Ruimte, Status

from .conftest import DEMO_TOTP_SECRET, login, screenshot, submit, visit


def test_facilitator_hides_a_reported_post(page, url):
    User = get_user_model()
    sam = User.objects.get(email="deelnemer@demo.nl")
    ruimte, _ = Ruimte.objects.get_or_create(groep=None, defaults={"naam": "Community"})
    draad = Draad.objects.create(ruimte=ruimte, titel="Een zware week", auteur=sam)
    signaal = Bericht.objects.create(draad=draad, auteur=sam, tekst="Ik wil niet meer leven.")
    moderatie.na_plaatsen(signaal)
    gemeld = Bericht.objects.create(draad=draad, auteur=sam, tekst="Jullie zijn allemaal dom.")
    moderatie.meld(gemeld, User.objects.exclude(pk=sam.pk).first(), "Niet aardig")

    login(page, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/community/moderatie/"))
    screenshot(page, "moderatie-wachtrij")
    zaken = page.locator("li.moderatie-zaak")
    assert zaken.count() == 2
    tweede = zaken.nth(1)
    tweede.locator("input[value='verborgen']").check()
    submit(page, tweede.locator("button[type='submit']"))
    fout = page.locator("li.moderatie-zaak .field-error textarea")
    assert fout.count() == 1
    screenshot(page, "moderatie-fout")
    fout.fill("Dit past niet bij onze afspraken.")
    submit(page, page.locator("li.moderatie-zaak:has(.field-error) button[type='submit']"))
    gemeld.refresh_from_db()
    assert gemeld.status == Status.VERBORGEN
    assert page.locator("li.moderatie-zaak").count() == 1


def test_participant_turns_on_weekly_summary(page, url):
    from .conftest import DEMO_PASSWORD

    login(page, url, "deelnemer@demo.nl", password=DEMO_PASSWORD)
    visit(page, url("/community/digest/"))
    page.locator("input[name='wekelijks']").check()
    submit(page, page.locator("main form button[type='submit']"))
    screenshot(page, "digest-voorkeur")
    assert page.locator("input[name='wekelijks']").is_checked()
