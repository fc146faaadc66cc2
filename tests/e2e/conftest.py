"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a test reaches is checked with axe-core (WCAG 2.1 A/AA); a test fails on any
Content Security Policy violation or JavaScript error in the browser.
"""

import io
import os
import uuid
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pyotp
import pytest
from django.core.management import call_command

E2E_DIR = Path(__file__).resolve().parent
BASE_DIR = E2E_DIR.parent.parent
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = BASE_DIR / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}

DEMO_PASSWORD = "herstel-demo-2026"
DEMO_TOTP_SECRET = "HERSTELACADEMIEDEMOTOTPGEHEIM234"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


# --- Browser -------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser(monkeypatch_package):
    """One headless Chromium for all browser tests.

    Package-scoped (tests/e2e only), not session-scoped: while Playwright's sync API is
    alive it keeps an asyncio event loop in the main thread, so Django needs
    DJANGO_ALLOW_ASYNC_UNSAFE for the ORM calls in fixtures and tests. That variable
    must not leak into the rest of the suite: subprocesses inherit it, and
    `manage.py check --deploy` rightly fails on it (async.E001).
    """
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).is_file():
        pytest.fail(
            f"Chromium not found at {executable}. The browser tests need it: "
            "install Debian's chromium: apt-get install chromium "
            "(or point CHROMIUM_PATH at a Chromium binary).",
            pytrace=False,
        )
    monkeypatch_package.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def monkeypatch_package():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


class PageProblems:
    """What the browser reported while a test ran, and which pages axe has checked."""

    def __init__(self):
        self.console = []
        self.page_errors = []
        self.navigated = []
        self.checked = set()

    def csp_violations(self):
        return [
            m
            for m in self.console
            if "content security policy" in m.lower() or "content-security-policy" in m.lower()
        ]


def _page_key(url):
    """Pages are the same page whatever their #fragment."""
    return urldefrag(url).url


@pytest.fixture
def new_page(browser, request):
    """new_page("phone" | "desktop") -> a fresh Playwright page in its own browser context.

    At teardown the test fails on CSP violations, JavaScript errors, or pages the test
    reached but never checked for accessibility.
    """
    made = []

    def make(viewport="phone"):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], locale="nl-NL", timezone_id="Europe/Amsterdam"
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        problems = PageProblems()
        page.on("console", lambda msg: problems.console.append(f"[{msg.type}] {msg.text}"))
        page.on("pageerror", lambda exc: problems.page_errors.append(str(exc)))
        page.on(
            "framenavigated",
            lambda frame: frame is page.main_frame and problems.navigated.append(frame.url),
        )
        page.problems = problems
        made.append((context, page))
        return page

    yield make

    failures = []
    test_failed = _test_failed(request)
    for context, page in made:
        problems = page.problems
        if test_failed or page.is_closed():
            unchecked = []
        else:
            if _page_key(page.url) not in problems.checked:
                # The page the test ended on is checked too.
                try:
                    assert_accessible(page)
                except AssertionError as exc:
                    failures.append(str(exc))
            reached = {_page_key(u) for u in problems.navigated if u != "about:blank"}
            unchecked = sorted(reached - problems.checked)
        if unchecked:
            failures.append(
                "These pages were reached but never checked with assert_accessible() "
                "(navigate with visit() or call assert_accessible after a click):\n  "
                + "\n  ".join(unchecked)
            )
        if problems.csp_violations():
            failures.append(
                "Content Security Policy violations:\n  " + "\n  ".join(problems.csp_violations())
            )
        if problems.page_errors:
            failures.append("JavaScript errors:\n  " + "\n  ".join(problems.page_errors))
        context.close()
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def _test_failed(request):
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


@pytest.fixture
def page(new_page):
    """A phone-sized page (390x844), the way most participants use the academy."""
    return new_page("phone")


@pytest.fixture
def desktop_page(new_page):
    """A desktop-sized page (1280x900)."""
    return new_page("desktop")


# --- Server and data -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test gets its own cache: allauth's login rate limits and used TOTP codes live
    there, and must not carry over from one test to the next (nor touch a shared Redis)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"e2e-{uuid.uuid4()}",
        }
    }


@pytest.fixture
def demo(live_server):
    """The demo academy (`manage.py demo`) in the live server's test database.

    pytest-django runs tests with DEBUG off, so the command needs --force; it only ever
    writes to the throw-away test database here.
    """
    call_command("demo", force=True, stdout=io.StringIO())


@pytest.fixture
def url(live_server, demo):
    """url("/path/") -> the absolute URL on the live server (with demo data loaded)."""
    return lambda path: live_server.url + path


# --- Accessibility ---------------------------------------------------------------------


_AXE_RUN = """async ({tags}) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => ({
            target: n.target.join(" "),
            impact: n.impact,
            summary: n.failureSummary,
        })),
    }));
}"""


def assert_accessible(page):
    """Run axe-core (WCAG 2.1 A/AA) on the current page; fail on serious/critical issues.

    axe is injected with page.evaluate (the DevTools protocol), which the site's CSP
    (script-src 'self', no inline scripts) does not block -- and the CSP stays in force:
    we never use bypass_csp, which would hide the site's own CSP bugs.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(_AXE_RUN, {"tags": AXE_TAGS})
    page.problems.checked.add(_page_key(page.url))
    serious = [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
    if serious:
        lines = [f"Accessibility violations on {page.url}:"]
        for v in serious:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["targets"]:
                lines.append(f"    at {node['target']}")
                if node["summary"]:
                    lines.extend(f"      {s}" for s in node["summary"].splitlines())
        raise AssertionError("\n".join(lines))
    return violations


# --- Navigation helpers (each checks the page it lands on) ------------------------------


def visit(page, url):
    """Open url, check it for accessibility, and return the HTTP response."""
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert_accessible(page)
    return response


def submit(page, button):
    """Click a submit button (a Locator), wait for the next page, and check it."""
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    return page


def own_submit_button(form):
    """The form's own submit button (allauth adds a Cancel button that belongs to another
    form through the form="..." attribute)."""
    return form.locator("[type='submit']:not([form])")


def path_of(page):
    return urlsplit(page.url).path


def login(page, url, email, password=DEMO_PASSWORD, totp_secret=None):
    """Log in through the real allauth form (and the TOTP step for staff).

    url is the `url` fixture (path -> absolute URL on the live server).

    Every page on the way (login form, two-step page, home) is checked with axe.
    """
    visit(page, url("/accounts/login/"))
    form = page.locator("form:has(input[name='login'])")
    form.locator("input[name='login']").fill(email)
    form.locator("input[name='password']").fill(password)
    submit(page, own_submit_button(form))
    if path_of(page) == "/accounts/2fa/authenticate/":
        assert totp_secret, f"{email} was asked for a two-step code, but has no TOTP secret"
        mfa_form = page.locator("form:has(input[name='code'])")
        mfa_form.locator("input[name='code']").fill(pyotp.TOTP(totp_secret).now())
        submit(page, own_submit_button(mfa_form))
    else:
        assert not totp_secret, f"{email} has TOTP but was not asked for a code ({page.url})"
    return page


def screenshot(page, name):
    """Save a full-page PNG in screenshots/ -- only when SCREENSHOTS=1."""
    if os.environ.get("SCREENSHOTS") != "1":
        return None
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    size = page.viewport_size
    path = SCREENSHOT_DIR / f"{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
