"""Issue 16, "Done when": a participant who took part (Noor) proposes a creative workshop
on her phone; the coordinator approves it on a desktop; it appears in the public offer,
for a visitor without an account, with Noor as co-facilitator (by first name)."""

import datetime

from django.utils import timezone

from doorgroei.models import Activiteitvoorstel
from groepen.models import Lidmaatschap, Locatie, Vrijwilligersrol

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit

TITEL = "Kleien met je handen"


def test_a_participant_proposes_a_workshop_and_it_becomes_public_offer(new_page, url):
    # --- Noor proposes, on her phone -----------------------------------------------------
    noor = new_page("phone")
    login(noor, url, "deelnemer2@demo.nl")
    blok = noor.locator("section[aria-labelledby='kop-voorstellen']")
    assert blok.is_visible()
    submit(noor, blok.locator("a[href='/meehelpen/voorstel/']"))
    assert path_of(noor) == "/meehelpen/voorstel/"

    form = noor.locator("main form")
    form.locator("textarea[name='voor_wie']").fill("Voor iedereen, ook als je nooit kleit.")
    # Nothing filled in where it matters: a message next to each field, nothing lost.
    submit(noor, form.locator("button[type='submit']"))
    assert noor.locator("#id_titel_error").first.is_visible()
    assert noor.locator("#id_beschrijving_error").first.is_visible()
    assert "nooit kleit" in form.locator("textarea[name='voor_wie']").input_value()
    screenshot(noor, "voorstel-leeg")

    form.locator("input[name='titel']").fill(TITEL)
    form.locator("textarea[name='beschrijving']").fill(
        "Een middag kleien. Je hoofd wordt stil als je handen bezig zijn."
    )
    form.locator("input[name='hoe_vaak']").fill("Eén keer, op een zaterdagmiddag.")
    form.locator("textarea[name='nodig']").fill("Klei, tafels en een gootsteen.")
    form.locator("label[for='id_soort_0']").click()  # workshop
    screenshot(noor, "voorstel-invullen")
    submit(noor, form.locator("button[type='submit']"))

    voorstel = Activiteitvoorstel.objects.get(titel=TITEL)
    assert voorstel.indiener.email == "deelnemer2@demo.nl"
    assert voorstel.soort == "workshop"
    assert path_of(noor) == f"/meehelpen/voorstellen/{voorstel.pk}/"
    assert noor.locator("main .badge").inner_text().strip() == "Ingediend"
    screenshot(noor, "voorstel-ingediend")

    # --- Inge approves it, on a desktop ---------------------------------------------------
    inge = new_page("desktop")
    login(inge, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    blok = inge.locator("section[aria-labelledby='kop-voorstellen']")
    assert "1 nieuw voorstel" in blok.inner_text()
    submit(inge, blok.locator("a[href='/coordinator/voorstellen/']"))
    screenshot(inge, "voorstellen-beheer")
    submit(inge, inge.locator(f"main a[href='/coordinator/voorstellen/{voorstel.pk}/']"))
    submit(inge, inge.locator(f"main a[href='/coordinator/voorstellen/{voorstel.pk}/goedkeuren/']"))

    form = inge.locator("main form")
    assert form.locator("input[name='aanbod-titel']").input_value() == TITEL
    assert form.locator("select[name='aanbod-soort']").input_value() == "workshop"
    assert form.locator("input[name='groep-aantal']").input_value() == "1"
    plek = Locatie.objects.filter(gearchiveerd=False).order_by("naam").first()
    form.locator("select[name='groep-plek']").select_option(str(plek.pk))
    zaterdag = timezone.localdate() + datetime.timedelta(days=12)
    form.locator("input[name='groep-eerste_datum']").fill(zaterdag.isoformat())
    form.locator("input[name='groep-begintijd']").fill("14:00")
    form.locator("input[name='groep-capaciteit']").fill("8")
    form.locator("textarea[name='besluit-notitie']").fill("Wat een fijn idee, Noor!")
    screenshot(inge, "voorstel-goedkeuren")
    submit(inge, form.locator("button[type='submit']"))

    assert path_of(inge) == f"/coordinator/voorstellen/{voorstel.pk}/"
    voorstel.refresh_from_db()
    assert voorstel.status == Activiteitvoorstel.Status.GOEDGEKEURD
    assert Vrijwilligersrol.objects.get(user=voorstel.indiener, groep=voorstel.groep).soort == (
        Vrijwilligersrol.Soort.COFACILITATOR
    )
    assert Lidmaatschap.objects.get(user=voorstel.indiener, groep=voorstel.groep).vrijwilliger
    screenshot(inge, "voorstel-goedgekeurd")

    # --- A visitor without an account finds it in the offer ------------------------------
    for viewport in ("phone", "desktop"):
        bezoeker = new_page(viewport)
        visit(bezoeker, url("/aanbod/"))
        kaart = bezoeker.locator("main .card", has_text=TITEL)
        assert kaart.is_visible()
        submit(bezoeker, kaart.locator("h3 a"))
        assert path_of(bezoeker) == f"/aanbod/{voorstel.aanbod_id}/"
        groep = bezoeker.locator("main li.card", has_text=voorstel.groep.naam)
        assert "Facilitator: Noor" in groep.inner_text()
        screenshot(bezoeker, "voorstel-in-aanbod")
