"""A coordinator plans on a phone: a new course, a group with its schedule, and moves
one meeting. Every page on the way is checked with axe and for CSP violations."""

import datetime

from django.utils import timezone

from groepen.models import Aanbod, Bijeenkomst, Groep, Locatie

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


def test_coordinator_plans_a_course_and_moves_a_meeting(page, url):
    Locatie.objects.get_or_create(naam="De Kantine")
    Locatie.objects.get_or_create(naam="Zaal 2")
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)

    visit(page, url("/beheer/aanbod/"))
    screenshot(page, "beheer-aanbod")
    submit(page, page.locator("main a[href='/beheer/aanbod/nieuw/']"))

    form = page.locator("form:has(input[name='titel'])")
    form.locator("input[name='titel']").fill("Herstel in de praktijk")
    form.locator("select[name='soort']").select_option("cursus")
    form.locator("textarea[name='beschrijving']").fill("Zes keer samen leren van ervaringen.")
    form.locator("select[name='plek']").select_option(label="De Kantine")
    form.locator("input[name='duur_minuten']").fill("150")
    # Forgot the number of meetings: a clear message, and nothing typed is lost.
    submit(page, form.locator("button[type='submit']"))
    assert page.locator("#id_aantal_bijeenkomsten_error").first.is_visible()
    assert form.locator("input[name='titel']").input_value() == "Herstel in de praktijk"
    screenshot(page, "beheer-aanbod-fout")
    form.locator("input[name='aantal_bijeenkomsten']").fill("6")
    submit(page, form.locator("button[type='submit']"))

    aanbod = Aanbod.objects.get(titel="Herstel in de praktijk")
    assert path_of(page) == f"/beheer/aanbod/{aanbod.pk}/"
    submit(page, page.locator(f"main a[href='/beheer/aanbod/{aanbod.pk}/groep/nieuw/']"))

    form = page.locator("form:has(input[name='eerste_datum'])")
    assert form.locator("input[name='aantal']").input_value() == "6"
    eerste = timezone.localdate() + datetime.timedelta(days=7)
    form.locator("input[name='eerste_datum']").fill(eerste.isoformat())
    form.locator("input[name='begintijd']").fill("13:30")
    form.locator("input[name='capaciteit']").fill("12")
    screenshot(page, "beheer-groep-nieuw")
    submit(page, form.locator("button[type='submit']"))

    groep = Groep.objects.get(aanbod=aanbod)
    assert path_of(page) == f"/beheer/groepen/{groep.pk}/"
    assert groep.bijeenkomsten.count() == 6
    screenshot(page, "beheer-groep")

    eerste_bijeenkomst = groep.bijeenkomsten.order_by("begint_om").first()
    submit(page, page.locator(f"main a[href='/beheer/bijeenkomsten/{eerste_bijeenkomst.pk}/']"))
    form = page.locator("form:has(input[name='begintijd'])")
    form.locator("input[name='begintijd']").fill("10:00")
    form.locator("input[name='eindtijd']").fill("12:30")
    form.locator("select[name='plek']").select_option(label="Zaal 2")
    screenshot(page, "beheer-bijeenkomst")
    submit(page, form.locator("button[type='submit']"))

    assert path_of(page) == f"/beheer/groepen/{groep.pk}/"
    verplaatst = Bijeenkomst.objects.get(pk=eerste_bijeenkomst.pk)
    assert verplaatst.volgnummer == 1
    assert verplaatst.oorspronkelijk_begint_om == eerste_bijeenkomst.begint_om
    assert timezone.localtime(verplaatst.begint_om).time() == datetime.time(10, 0)
    screenshot(page, "beheer-groep-verplaatst")

    # Cancelling asks to confirm first; only then is the meeting called off.
    tweede = groep.bijeenkomsten.order_by("begint_om")[1]
    submit(page, page.locator(f"main a[href='/beheer/bijeenkomsten/{tweede.pk}/']"))
    submit(page, page.locator("form:has(input[value='afgelasten']) button[type='submit']"))
    assert not Bijeenkomst.objects.get(pk=tweede.pk).geannuleerd
    screenshot(page, "beheer-afgelasten-bevestigen")
    submit(page, page.locator("form:has(input[name='bevestigd']) button[type='submit']"))
    assert Bijeenkomst.objects.get(pk=tweede.pk).geannuleerd
    assert path_of(page) == f"/beheer/groepen/{groep.pk}/"
