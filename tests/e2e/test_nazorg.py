"""On a phone: a participant follows the RSVP link from the reminder, answers "ja", and
finds the invitation under notifications."""

import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap
from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Herinnering
from nazorg.planning import plan_nazit

from .conftest import login, screenshot, submit, visit


def test_participant_answers_yes_from_the_email_link(page, url):
    sam = get_user_model().objects.get(email="deelnemer@demo.nl")
    vandaag = timezone.localdate()
    groep = Groep.objects.create(
        aanbod=Aanbod.objects.create(titel="WRAP", soort=Aanbod.Soort.CURSUS),
        naam="WRAP najaar",
        locatie="Buurthuis De Linde",
        startdatum=vandaag - datetime.timedelta(days=60),
        einddatum=vandaag - datetime.timedelta(days=3),
    )
    einde = timezone.now() - datetime.timedelta(days=3)
    Bijeenkomst.objects.create(
        groep=groep, begint_om=einde, eindigt_om=einde + datetime.timedelta(hours=2)
    )
    Lidmaatschap.objects.create(groep=groep, user=sam, rol=Lidmaatschap.Rol.DEELNEMER)
    plan_nazit(groep)
    Herinnering.objects.filter(user=sam, moment__dagen_na_einde=14).update(
        verstuur_op=timezone.now()
    )
    verstuur_herinneringen()
    bericht = next(m for m in mail.outbox if m.to == ["deelnemer@demo.nl"])
    link = next(
        regel.split(": ", 1)[1].strip()
        for regel in bericht.body.splitlines()
        if "/nazit/antwoord/" in regel and ": " in regel
    )
    pad = link[link.index("/nazit/antwoord/") :]
    herinnering = Herinnering.objects.get(user=sam, moment__dagen_na_einde=14)
    assert pad.endswith("/")

    # The link from the first line ("yes"): no login needed.
    visit(page, url(pad))
    screenshot(page, "nazorg-rsvp")
    assert page.locator("input[name='antwoord'][value='ja']").is_checked()
    submit(page, page.locator("#rsvp-form button[type='submit']"))
    assert page.locator("#rsvp-klaar").get_attribute("data-antwoord") == "ja"
    screenshot(page, "nazorg-rsvp-klaar")
    herinnering.refresh_from_db()
    assert herinnering.antwoord == "ja"

    login(page, url, "deelnemer@demo.nl")
    visit(page, url("/meldingen/"))
    screenshot(page, "nazorg-meldingen")
    assert page.locator(".card").count() >= 1
    visit(page, url("/nazorg/voorkeuren/"))
    screenshot(page, "nazorg-voorkeuren")
