"""Each demo role logs in through the real forms and finds its own home and navigation."""

import time

import pyotp
import pytest

from .conftest import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    assert_accessible,
    login,
    own_submit_button,
    path_of,
    screenshot,
    submit,
    visit,
)

ROLES = {
    # role: (email, roepnaam, TOTP secret, home path, nav links shown, nav links not shown)
    "deelnemer": (
        "deelnemer@demo.nl",
        "Sam",
        None,
        "/mijn-overzicht/",
        [],
        ["/facilitator/", "/coordinator/"],
    ),
    "deelnemer2": (
        "deelnemer2@demo.nl",
        "Noor",
        None,
        "/mijn-overzicht/",
        [],
        ["/facilitator/", "/coordinator/"],
    ),
    "facilitator": (
        "facilitator@demo.nl",
        "Ruben",
        DEMO_TOTP_SECRET,
        "/facilitator/",
        ["/facilitator/"],
        ["/coordinator/"],
    ),
    "coordinator": (
        "coordinator@demo.nl",
        "Inge",
        DEMO_TOTP_SECRET,
        "/coordinator/",
        ["/coordinator/"],
        [],
    ),
}

NAV = "nav.main-nav"
# The menu of someone who is logged in (visitors get nav.main-nav.nav-openbaar).
LEDEN_NAV = "nav.main-nav:not(.nav-openbaar)"


def nav_link(page, href):
    """The menu's link to href that is on screen (base.html has a phone and a wide menu)."""
    return page.locator(f"{NAV} a[href='{href}']:visible")


def open_menu(page):
    """On a phone, all but the key items sit behind the Menu button."""
    button = page.locator(f"{NAV} .nav-meer > summary")
    if button.is_visible():
        button.click()


@pytest.mark.parametrize("role", ROLES)
def test_role_logs_in_and_lands_on_own_home(page, url, role):
    email, roepnaam, secret, home, shown, hidden = ROLES[role]

    login(page, url, email, totp_secret=secret)

    assert path_of(page) == home
    h1 = page.locator("main h1")
    assert h1.count() == 1
    assert h1.is_visible()
    if role != "coordinator":
        # The coordinator's home is about the academy, not about her.
        assert roepnaam in h1.inner_text()

    # Everyone has their own overview, account page and a logout button.
    assert nav_link(page, "/mijn-overzicht/").is_visible()
    open_menu(page)
    assert nav_link(page, "/mijn-gegevens/").is_visible()
    assert page.locator(f"{NAV} form[action='/accounts/logout/'] button:visible").is_visible()
    for href in shown:
        assert nav_link(page, href).is_visible(), f"{role} should see a link to {href}"
    for href in hidden:
        hidden_too = page.locator(f"{NAV} a[href='{href}']")
        assert hidden_too.count() == 0, f"{role} should not see a link to {href}"
    # The link to the page you are on says so to screen readers.
    assert nav_link(page, home).get_attribute("aria-current") == "page"

    # The root URL sends the person to the same home.
    visit(page, url("/"))
    assert path_of(page) == home

    screenshot(page, f"home-{role}")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)
    screenshot(page, f"home-{role}")


def test_deelnemer_gets_403_page_for_coordinator_home(page, url):
    login(page, url, "deelnemer@demo.nl")

    response = visit(page, url("/coordinator/"))

    assert response.status == 403
    assert page.locator("main h1").is_visible()
    back = page.locator("main a[href='/']")
    assert back.is_visible()
    submit(page, back)
    assert path_of(page) == "/mijn-overzicht/"


def test_anonymous_is_sent_to_login(page, url):
    visit(page, url("/mijn-overzicht/"))

    assert path_of(page) == "/accounts/login/"
    assert "next=/mijn-overzicht/" in page.url.replace("%2F", "/")
    assert page.locator("input[name='login']").is_visible()
    assert page.locator("input[name='password']").is_visible()


def test_wrong_password_shows_error_and_keeps_email(page, url):
    visit(page, url("/accounts/login/"))
    form = page.locator("form:has(input[name='login'])")
    form.locator("input[name='login']").fill("deelnemer@demo.nl")
    form.locator("input[name='password']").fill("niet-het-goede-wachtwoord")
    submit(page, own_submit_button(form))

    assert path_of(page) == "/accounts/login/"
    error = page.locator("main .form-errors, main .errorlist, main [role='alert']").first
    assert error.is_visible()
    assert error.inner_text().strip()
    assert page.locator("input[name='login']").input_value() == "deelnemer@demo.nl"
    # The password is not sent back to the browser.
    assert page.locator("input[name='password']").input_value() == ""


def test_login_page_screenshots(new_page, url):
    for viewport in ("phone", "desktop"):
        page = new_page(viewport)
        visit(page, url("/accounts/login/"))
        assert page.locator("main h1").is_visible()
        screenshot(page, "login")


def test_language_switcher_switches_to_english(page, url):
    visit(page, url("/accounts/login/"))
    assert page.locator("html").get_attribute("lang") == "nl"

    footer_form = page.locator("footer form:has(select[name='language'])")
    footer_form.locator("select[name='language']").select_option("en")
    submit(page, footer_form.locator("[type='submit']"))

    assert page.locator("html").get_attribute("lang") == "en"
    assert path_of(page) == "/accounts/login/"

    # The choice sticks for the next page, also after logging in.
    login(page, url, "deelnemer@demo.nl")
    assert page.locator("html").get_attribute("lang") == "en"


def test_logout(page, url):
    login(page, url, "deelnemer@demo.nl")

    open_menu(page)
    logout = page.locator(f"{NAV} form[action='/accounts/logout/']:visible")
    assert logout.get_attribute("method").lower() == "post"
    submit(page, logout.locator("button"))

    assert path_of(page) == "/accounts/login/"
    # Logged out: only the visitors' menu (what's on, get to know us, log in).
    assert page.locator(LEDEN_NAV).count() == 0
    assert page.locator(f"{NAV}.nav-openbaar").count() == 1
    visit(page, url("/mijn-overzicht/"))
    assert path_of(page) == "/accounts/login/"


def test_wrong_totp_code_is_refused(page, url):
    visit(page, url("/accounts/login/"))
    form = page.locator("form:has(input[name='login'])")
    form.locator("input[name='login']").fill("facilitator@demo.nl")
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    submit(page, own_submit_button(form))
    assert path_of(page) == "/accounts/2fa/authenticate/"

    mfa_form = page.locator("form:has(input[name='code'])")
    mfa_form.locator("input[name='code']").fill(not_the_current_code(DEMO_TOTP_SECRET))
    submit(page, own_submit_button(mfa_form))

    assert path_of(page) == "/accounts/2fa/authenticate/"
    error = page.locator("main .form-errors, main .errorlist, main [role='alert']").first
    assert error.is_visible()
    # Still not logged in: the staff home sends you back to the login steps.
    visit(page, url("/facilitator/"))
    assert path_of(page) in {"/accounts/login/", "/accounts/2fa/authenticate/"}
    assert page.locator(LEDEN_NAV).count() == 0


def not_the_current_code(secret):
    """A six-digit code that is valid in none of the windows allauth accepts."""
    totp = pyotp.TOTP(secret)
    now = time.time()
    valid = {totp.at(now + offset) for offset in (-60, -30, 0, 30, 60)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)
