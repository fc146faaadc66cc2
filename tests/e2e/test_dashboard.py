"""A coordinator opens the participation dashboard, changes the period, sees the figures
change, downloads the CSV, tries a wrong period, then changes one assumption of the value
report and sees the report change. Phone and desktop, checked with axe."""

from pathlib import Path

from django.utils import timezone

from .conftest import DEMO_TOTP_SECRET, login, screenshot, submit, visit


def _actief(page):
    return page.locator("#cijfer-actief .cijfer-waarde").inner_text()


def test_coordinator_changes_the_period_and_downloads_the_csv(page, url):
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    submit(page, page.locator("main a[href='/coordinator/deelname/']"))
    assert page.locator("svg.grafiek-svg").count() >= 5
    kwartaal = _actief(page)
    assert kwartaal.isdigit()  # the demo has enough people for real figures
    screenshot(page, "deelname-kwartaal")

    form = page.locator("form.periode-form")
    form.locator("select[name='soort']").select_option("jaar")
    form.locator("input[name='jaar']").fill(str(timezone.localdate().year))
    submit(page, form.locator("button[type='submit']"))
    jaar = _actief(page)
    assert jaar.isdigit()
    assert int(jaar) > int(kwartaal)
    screenshot(page, "deelname-jaar")

    with page.expect_download() as info:
        page.locator("main a[href^='/coordinator/deelname.csv']").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    inhoud = Path(download.path()).read_text(encoding="utf-8")
    assert inhoud.startswith("\ufeff")
    assert f";{jaar}\n" in inhoud.replace("\r\n", "\n")

    # A wrong period: a message next to the field, what was typed stays.
    form = page.locator("form.periode-form")
    form.locator("select[name='soort']").select_option("eigen")
    form.locator("input[name='begin']").fill("2026-03-10")
    form.locator("input[name='einde']").fill("2026-03-01")
    submit(page, form.locator("button[type='submit']"))
    assert page.locator("#id_einde_error").is_visible()
    assert page.locator("input[name='begin']").input_value() == "2026-03-10"
    screenshot(page, "deelname-fout")

    # The same journey goes on to the value report: one assumption changed, the report follows.
    visit(page, url("/coordinator/"))
    submit(page, page.locator("main a[href='/coordinator/waarde/']"))
    assert page.locator("#per-deelnemer").inner_text() == "€\xa06.449,80"
    submit(page, page.locator("main a[href='/coordinator/waarde/aannames/']"))
    form = page.locator("form.aannames-form")
    form.locator("input[name='wonen_aandeel']").fill("10")
    submit(page, form.locator("button[type='submit']"))
    submit(page, page.locator("main a[href='/coordinator/waarde/']"))
    assert page.locator("#per-deelnemer").inner_text() == "€\xa08.449,80"  # + 5% x 40,000


def test_dashboard_on_a_desktop(desktop_page, url):
    page = desktop_page
    login(page, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url("/coordinator/deelname/?soort=jaar&jaar=" + str(timezone.localdate().year)))
    assert page.locator("table caption").count() >= 5
    screenshot(page, "deelname-jaar")
