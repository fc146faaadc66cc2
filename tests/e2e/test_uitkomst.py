"""Sam is offered a check-in three months after her course, puts it off, then does one
herself (first skipping everything, which is not saved), sees it and deletes it. The
coordinator sees measured figures next to the study's in the value report."""

import datetime

from django.utils import timezone

from deelnemers.models import User
from doorgroei.models import Uitkomst
from doorgroei.uitkomsten import plus_maanden
from groepen.models import Groep, Lidmaatschap

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


def _cursus_drie_maanden_geleden_klaar(sam):
    einde = plus_maanden(timezone.localdate(), -3) - datetime.timedelta(days=1)
    aanbod = Groep.objects.filter(aanbod__soort="cursus").first().aanbod
    groep = Groep.objects.create(
        aanbod=aanbod,
        naam="Herstelcursus voorjaar",
        startdatum=einde - datetime.timedelta(days=56),
        einddatum=einde,
    )
    Lidmaatschap.objects.create(groep=groep, user=sam, rol=Lidmaatschap.Rol.DEELNEMER)


def test_sam_does_a_check_in_and_deletes_it(page, url):
    sam = User.objects.get(email="deelnemer@demo.nl")
    _cursus_drie_maanden_geleden_klaar(sam)
    login(page, url, "deelnemer@demo.nl")
    aanbod = page.locator(".uitkomst-uitnodiging")
    assert "drie maanden geleden dat Herstelcursus voorjaar afliep" in aanbod.inner_text()
    screenshot(page, "uitkomst-home-aanbod")
    submit(page, aanbod.get_by_role("button", name="Nu niet"))
    assert path_of(page) == "/mijn-overzicht/"
    assert page.locator(".uitkomst-uitnodiging").count() == 0

    submit(page, page.locator("main a[href='/mijn/check-in/']"))
    submit(page, page.locator("main a[href='/mijn/check-in/nieuw/']"))
    form = page.locator("form.uitkomst-form")
    # Everything skipped: not saved, a kind word at the top.
    submit(page, form.get_by_role("button", name="Bewaar mijn check-in"))
    assert "nog niets om te bewaren" in page.locator(".form-errors").inner_text()
    assert Uitkomst.objects.filter(user=sam).count() == 0
    form.locator("label[for='id_vrijwilligerswerk_0']").click()
    form.locator("label[for='id_minder_zorg_0']").click()
    form.locator("label[for='id_regie_0']").click()
    form.locator("textarea[name='eigen_woorden']").fill("Ik help nu op dinsdag bij de inloop.")
    screenshot(page, "uitkomst-nieuw")
    submit(page, form.get_by_role("button", name="Bewaar mijn check-in"))
    assert path_of(page) == "/mijn/check-in/"
    kaart = page.locator("main .card").first
    assert "Ik help nu op dinsdag bij de inloop." in kaart.inner_text()
    assert "Ja, minder dan eerst" in kaart.inner_text()
    assert "%" not in page.locator("main").inner_text()  # no score shown back
    screenshot(page, "uitkomst-lijst")

    submit(page, kaart.get_by_role("link", name="Verwijder deze check-in"))
    submit(page, page.get_by_role("button", name="Ja, verwijderen"))
    assert Uitkomst.objects.filter(user=sam).count() == 0


def _rapport_met_gemeten(p, url):
    login(p, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(p, url("/coordinator/waarde/"))
    tabel = p.locator("table.gemeten-tabel").inner_text()
    assert "25,0%" in tabel  # volunteer work, 3 of the 12 demo check-ins
    assert "12" in tabel
    screenshot(p, "waarde-gemeten")


# One login per test: the same two-step code twice within 30 seconds is refused.
def test_value_report_shows_measured_next_to_assumed_on_a_phone(page, url):
    _rapport_met_gemeten(page, url)


def test_value_report_shows_measured_next_to_assumed_on_a_desktop(desktop_page, url):
    _rapport_met_gemeten(desktop_page, url)
    submit(desktop_page, desktop_page.get_by_role("link", name="Kies per aanname welk cijfer"))
    assert path_of(desktop_page) == "/coordinator/waarde/aannames/"
    assert desktop_page.locator(
        "input[name='gebruik_werk_aandeel'][value='aangenomen']"
    ).is_checked()
    screenshot(desktop_page, "waarde-aannames-gemeten")
