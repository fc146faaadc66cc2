"""On a phone, after the latest WRAP meeting, a participant notes a herkenning moment in
a few taps, then sees it on Mijn herstelpad next to the chart of her path."""

import datetime

from django.utils import timezone

from deelnemers.models import User
from herstelmodel.models import Herkenningsmoment, Reflectie

from .conftest import login, path_of, screenshot, submit, visit

NOTITIE = "Het verhaal van Noor over slapeloze nachten, dat ben ik ook."


def test_deelnemer_notes_a_moment_and_sees_her_path(page, url):
    sam = User.objects.get(email="deelnemer@demo.nl")
    if not Reflectie.objects.van(sam).exists():
        # Some earlier reflections, moving back and forth, so the chart has a shape.
        nu = timezone.now()
        for dagen, stap in [(150, 1), (110, 2), (80, 1), (45, 3), (20, 2), (6, 4)]:
            Reflectie.objects.create(
                auteur=sam,
                stap=stap,
                tekst=f"Een eerdere reflectie ({dagen} dagen geleden).",
                aangemaakt_op=nu - datetime.timedelta(days=dagen),
            )
    login(page, url, "deelnemer@demo.nl")

    visit(page, url("/herkenning/nieuw/"))
    form = page.locator("main form.herkenning-form")
    form.locator("label.keuze:has(input[value='herkend'])").click()
    wrap = form.locator("select[name='bijeenkomst'] option", has_text="WRAP").first
    form.locator("select[name='bijeenkomst']").select_option(wrap.get_attribute("value"))
    form.locator("label.keuze:has(input[value='houding'])").click()
    form.locator("textarea[name='notitie']").fill(NOTITIE)
    screenshot(page, "herkenning-nieuw")
    submit(page, form.locator("button[type='submit']"))

    assert path_of(page) == "/mijn-herstelpad/"
    moment = Herkenningsmoment.objects.filter(auteur=sam).latest("aangemaakt_op", "pk")
    assert moment.notitie == NOTITIE
    assert moment.bijeenkomst.groep.naam.startswith("WRAP")
    assert (moment.soort, moment.oorzaak) == ("herkend", "houding")
    assert page.locator(".messages").is_visible()
    grafiek = page.locator("main svg[role='img']")
    assert grafiek.is_visible()
    assert grafiek.locator("rect.band").count() == 6
    assert grafiek.locator("circle.stip").count() >= 6
    assert grafiek.locator("polygon.moment").count() >= 1
    kaart = page.locator("main li.herstelpad-item").first
    assert NOTITIE in kaart.inner_text()
    screenshot(page, "mijn-herstelpad")

    # The same data as a table, for screen readers and whoever prefers it.
    page.locator("details.grafiek-tabel summary").click()
    assert page.locator("details.grafiek-tabel table").first.is_visible()

    # Deleting asks first; "keep it" leaves it alone.
    visit(page, url(f"/herkenning/{moment.pk}/verwijderen/"))
    screenshot(page, "herkenning-verwijderen")
    submit(page, page.locator("main a.button-quiet"))
    assert path_of(page) == "/mijn-herstelpad/"
    assert Herkenningsmoment.objects.filter(pk=moment.pk).exists()

    visit(page, url("/het-model/"))
    assert page.locator("main .het-model li.card").count() == 6
    screenshot(page, "het-model")
