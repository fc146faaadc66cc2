"""On a phone (issue 5, done-when 2): Sam answers "ja" from a nazit reminder link, joins
the cohort space of the finished course, accepts the guidelines and posts. Another member
recognises it and reports it; the facilitator hides it from the moderation queue."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from groepen.models import Groep, Lidmaatschap
from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Bericht, Herinnering, Moderatiezaak, NazitMoment, Ruimte, Status
from nazorg.planning import plan_nazit

from .conftest import DEMO_PASSWORD, DEMO_TOTP_SECRET, login, screenshot, submit, visit

ZOMER = "Kennismaken met herstel – zomer"


def _herinnering(sam, zomer):
    plan_nazit(zomer)
    herinnering = Herinnering.objects.filter(user=sam, groep=zomer).first()
    if herinnering is None:
        moment = NazitMoment.objects.create(
            groep=zomer, dagen_na_einde=99, datum=timezone.localdate() + datetime.timedelta(days=3)
        )
        herinnering = Herinnering.objects.create(
            user=sam, groep=zomer, moment=moment, verstuur_op=timezone.now()
        )
    return herinnering


def _lid(zomer, sam):
    """Another participant of the course, with the demo password to log in with."""
    lid = (
        Lidmaatschap.objects.deelnemers()
        .filter(groep=zomer)
        .exclude(user=sam)
        .select_related("user")
        .first()
        .user
    )
    lid.set_password(DEMO_PASSWORD)
    lid.save()
    EmailAddress.objects.update_or_create(
        user=lid, email=lid.email, defaults={"verified": True, "primary": True}
    )
    return lid


def test_cohort_post_recognised_reported_and_hidden(page, new_page, url):
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    zomer = Groep.objects.get(naam=ZOMER)
    herinnering = _herinnering(sam, zomer)

    # The reminder goes out for real; Sam follows its first one-click link: "ja".
    Herinnering.objects.filter(pk=herinnering.pk).update(
        status=Herinnering.Status.GEPLAND, verstuur_op=timezone.now()
    )
    verstuur_herinneringen()
    bericht = next(m for m in mail.outbox if m.to == ["deelnemer@demo.nl"])
    link = next(w for w in bericht.body.split() if "/nazit/antwoord/" in w)
    assert link.startswith("http")
    visit(page, url(link[link.index("/nazit/antwoord/") :]))
    submit(page, page.locator("#rsvp-form button[type='submit']"))
    herinnering.refresh_from_db()
    assert herinnering.antwoord == "ja"

    # Sam opens the community: first the guidelines, once.
    login(page, url, "deelnemer@demo.nl")
    visit(page, url("/community/"))
    assert "/community/richtlijnen/" in page.url
    screenshot(page, "community-richtlijnen")
    submit(page, page.locator("#richtlijnen-form button[type='submit']"))
    ruimte = Ruimte.objects.get(groep=zomer)
    screenshot(page, "community-overzicht")
    submit(page, page.locator(f"#ruimtes a[href='/community/{ruimte.pk}/']"))
    page.fill("#id_titel", "Hoe gaat het nu met jullie?")
    page.fill("#id_tekst", "Het is stil na de cursus. Ik mis de maandagochtend.")
    screenshot(page, "community-ruimte")
    submit(page, page.locator("#draad-form button[type='submit']"))
    bericht = Bericht.objects.get(draad__ruimte=ruimte, auteur=sam)
    assert page.locator(f"#bericht-{bericht.pk}").is_visible()
    screenshot(page, "community-draad")

    # Another member of the course recognises it, and reports it.
    lid = _lid(zomer, sam)
    ander = new_page("phone")
    login(ander, url, lid.email)
    visit(ander, url("/community/richtlijnen/"))
    submit(ander, ander.locator("#richtlijnen-form button[type='submit']"))
    visit(ander, url(f"/community/draad/{bericht.draad_id}/"))
    submit(ander, ander.locator(f"#bericht-{bericht.pk} .herken-ik-form button"))
    assert ander.locator(f"#bericht-{bericht.pk} .herken-aantal").inner_text() == "1"
    assert bericht.herken_ik.filter(user=lid).exists()
    submit(ander, ander.locator(f"#bericht-{bericht.pk} a.melden-link"))
    ander.fill("#id_reden", "Even checken of dit goed gaat")
    screenshot(ander, "community-melden")
    submit(ander, ander.locator("#meld-form button[type='submit']"))
    zaak = Moderatiezaak.objects.get(bericht=bericht, gemeld_door=lid)

    # The facilitator hides it from the moderation queue.
    facilitator = new_page("phone")
    login(facilitator, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(facilitator, url("/community/moderatie/"))
    kaart = facilitator.locator(f"#zaak-{zaak.pk}")
    kaart.locator("input[type='radio'][value='verborgen']").check()
    kaart.locator("textarea, input[type='text']").first.fill("Even uit beeld, we nemen contact op.")
    screenshot(facilitator, "community-moderatie")
    submit(facilitator, kaart.locator("button[type='submit']"))
    bericht.refresh_from_db()
    assert bericht.status == Status.VERBORGEN

    # Members no longer see it.
    visit(ander, url(f"/community/draad/{bericht.draad_id}/"))
    assert ander.locator(f"#bericht-{bericht.pk}").count() == 0
