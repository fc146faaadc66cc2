"""A coordinator opens the value report, changes one assumption and sees the total change;
then opens the model mirror. On a phone and on a desktop, every page checked with axe."""

from django.utils import timezone

from herstelmodel.models import Herkenningsmoment, Reflectie
from tests.factories import UserFactory

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


def _reflecties_van_zes_mensen():
    """Enough people (6) for the model mirror to show figures instead of 'too little data'."""
    nu = timezone.now()
    for i in range(6):
        mens = UserFactory()
        Reflectie.objects.create(auteur=mens, stap=2 + (i % 2), tekst="geheim", aangemaakt_op=nu)
        Herkenningsmoment.objects.create(
            auteur=mens, soort="herkend", oorzaak="sfeer", aangemaakt_op=nu
        )


def test_coordinator_changes_an_assumption_and_the_report_follows(page, url):
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    submit(page, page.locator("main a[href='/coordinator/waarde/']"))
    assert page.locator("#per-deelnemer").inner_text() == "€\xa06.449,80"
    screenshot(page, "waarde-rapport")

    submit(page, page.locator("main a[href='/coordinator/waarde/aannames/']"))
    form = page.locator("form.aannames-form")
    veld = form.locator("input[name='wonen_aandeel']")
    assert veld.input_value() == "5"
    # A percentage above 100: a message next to the field, and what was typed stays.
    veld.fill("120")
    form.locator("input[name='bron']").fill("Eigen telling 2026")
    submit(page, form.locator("button[type='submit']"))
    assert page.locator("#id_wonen_aandeel_error").first.is_visible()
    assert veld.input_value() == "120"
    assert form.locator("input[name='bron']").input_value() == "Eigen telling 2026"
    screenshot(page, "waarde-aannames-fout")
    veld.fill("10")
    submit(page, form.locator("button[type='submit']"))
    assert path_of(page) == "/coordinator/waarde/aannames/"
    assert "Eigen telling 2026" in page.locator("#kop-geschiedenis + *").inner_text()
    screenshot(page, "waarde-aannames")

    submit(page, page.locator("main a[href='/coordinator/waarde/']"))
    assert page.locator("#per-deelnemer").inner_text() == "€\xa08.449,80"  # + 5% x 40,000


def test_model_mirror_and_report_on_a_desktop(desktop_page, url):
    _reflecties_van_zes_mensen()
    page = desktop_page
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    submit(page, page.locator("main a[href='/coordinator/modelspiegel/']"))
    assert page.locator("svg.grafiek-svg").count() == 3
    assert "geheim" not in page.content()  # never anyone's words
    screenshot(page, "modelspiegel")
    visit(page, url("/coordinator/waarde/"))
    screenshot(page, "waarde-rapport")
    # Printed for a funder: no menus, buttons or period form.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("main a[href^='/coordinator/waarde.pdf']").is_visible()
    assert page.locator("#totaal").is_visible()
    screenshot(page, "waarde-print")


def test_model_mirror_on_a_phone(page, url):
    _reflecties_van_zes_mensen()
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/coordinator/modelspiegel/"))
    screenshot(page, "modelspiegel")
