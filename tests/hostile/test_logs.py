"""No personal data in logs: what people write, their email address, their password.

Logging is set up as with LOG_LEVEL=DEBUG and captured by one handler (loggers that do
not propagate get it too), while a few real journeys run: sign-up, a failed login, a login,
a password reset request, writing reflections and herkenning notes, and posting every
form of the participant's pages. Then no log line may hold a canary.
(That error reports mask POST data is tested in tests/herstelacademie/test_errors.py.)
"""

import logging
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

from .discover import NOT_ATTACKED, page_html, page_names, request, roles_with, url_for
from .htmlscan import post_forms
from .payloads import is_text, sensible

CANARY = f"kanarie{uuid.uuid4().hex[:12]}"
EMAIL = f"{CANARY}@example.org"
SECRET = f"geheim-{CANARY}-wachtwoord"


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        # The formatted line with its traceback, and the raw arguments as well: a
        # handler elsewhere could format them differently.
        self.lines.append(self.format(record))
        self.lines.append(repr(record.args))
        self.lines.append(repr(getattr(record, "request", "")))


@pytest.fixture
def captured():
    """The logging of LOG_LEVEL=DEBUG: the root at DEBUG, the levels settings give to
    single loggers kept (they are the protection under test), one handler everywhere."""
    handler = Capture()
    root = logging.getLogger()
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved_level, saved_disabled = root.level, [(lg, lg.disabled) for lg in loggers]
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    for lg in loggers:
        lg.disabled = False
        if not lg.propagate:
            lg.addHandler(handler)
    yield handler
    root.setLevel(saved_level)
    root.removeHandler(handler)
    for lg, disabled in saved_disabled:
        lg.disabled = disabled
        lg.removeHandler(handler)


def fill(form, text):
    """Every text field gets the canary text; the rest what a person would choose."""
    data = {}
    for f in form.by_name().values():
        if f.kind in ("checkbox", "radio") and not f.checked:
            data[f.name] = f.options[0]
        elif is_text(f) and f.kind not in ("email", "url", "password"):
            data[f.name] = text
        else:
            data[f.name] = sensible(f)
    if form.submit:
        data[form.submit[0]] = form.submit[1]
    return data


@pytest.mark.django_db
def test_no_personal_data_in_any_log(captured, world, settings):
    cache.clear()  # login rate limits from other tests
    settings.DEBUG = False
    client = Client()

    # Sign-up with the canary address and password (mails go out through the tasks).
    client.post(
        reverse("account_signup"),
        {"email": EMAIL, "roepnaam": "Kanarie", "password1": SECRET, "password2": SECRET},
    )
    client.logout()
    # A failed login, twice, and a password reset for the address.
    for _ in range(2):
        client.post(reverse("account_login"), {"login": EMAIL, "password": SECRET + "x"})
    client.post(reverse("account_reset_password"), {"email": EMAIL})
    client.post(reverse("account_login"), {"login": "nobody-" + EMAIL, "password": SECRET})

    # A participant logs in with the form and writes on every page that has a form.
    deelnemer = Client()
    response = deelnemer.post(
        reverse("account_login"), {"login": world.deelnemer.email, "password": PASSWORD}
    )
    assert response.status_code == 302, "the login journey did not log in"
    written = 0
    # Resolved first: the URL walk's helpers use get_or_create, which our posts may confuse.
    urls = [url_for(name, world) for name in page_names() if "deelnemer" in roles_with(name)]
    for url in urls:
        response, error = request(deelnemer, "get", url)
        assert error is None, error
        for form in post_forms(page_html(response), url):
            if form.action.split("?")[0] in NOT_ATTACKED:
                continue
            request(deelnemer, "post", form.action, data=fill(form, f"{CANARY} schreef dit"))
            written += 1
    assert written > 5, "the journeys posted too few forms to mean anything"
    from herstelmodel.models import Reflectie

    assert any(CANARY in r.tekst for r in Reflectie.objects.filter(auteur=world.deelnemer))

    assert captured.lines, "nothing was logged at all: is the capture working?"
    for secret in (CANARY, EMAIL, SECRET, world.deelnemer.email, PASSWORD):
        leaks = [line[:300] for line in captured.lines if secret in line]
        assert not leaks, f"{secret[:20]}… appears in the logs: {leaks[:3]}"


def test_the_capture_sees_debug_lines(captured):
    """The capture itself: a DEBUG line of an app logger is seen."""
    logging.getLogger("herstelmodel.iets").debug("a %s", CANARY)
    assert f"a {CANARY}" in "\n".join(captured.lines)


def test_loggers_that_log_values_at_debug_stay_quiet():
    """django.template logs a failed lookup with the template context (what people
    wrote) at DEBUG, django.db.backends the SQL parameters: settings keep them higher."""
    for name in ("django.template", "django.db.backends"):
        assert logging.getLogger(name).getEffectiveLevel() > logging.DEBUG, name
