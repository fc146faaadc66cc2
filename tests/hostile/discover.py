"""Which pages to attack: every URL of the URL walk, for every role that may open it."""

from urllib.parse import urlsplit

from django.db import transaction
from django.urls import reverse

from tests.test_url_walk import EXPECTED
from tests.urlwalk import ROLES

# Logging out halfway would turn the rest of the run into login redirects
# (test_csrf.py still checks that logout wants its token).
NOT_ATTACKED = {"/accounts/logout/"}


def page_names():
    """URL names that some role opens with a GET (status 200)."""
    return sorted(
        name
        for name, case in EXPECTED.items()
        if case.method == "get" and 200 in case.statuses.values()
    )


def post_names():
    """URL names the URL walk knows as POST-only."""
    return sorted(name for name, case in EXPECTED.items() if case.method == "post")


def url_for(name, world):
    case = EXPECTED[name]
    kwargs = case.kwargs(world) if callable(case.kwargs) else case.kwargs
    return reverse(name, kwargs=kwargs)


def roles_with(name, status=200):
    return [role for role in ROLES if EXPECTED[name].statuses[role] == status]


def roles_not_redirected(name):
    """Roles for which the URL walk expects an answer other than a login redirect."""
    return [role for role in ROLES if EXPECTED[name].statuses[role] != "login"]


def request(client, method, url, **kwargs):
    """One request in its own savepoint; returns (response, error text or None).

    The test client re-raises what a view raised (that would be a 500 for a real
    visitor). The savepoint keeps a failed query from poisoning the rest of the test.
    """
    try:
        with transaction.atomic():
            return getattr(client, method)(url, **kwargs), None
    except Exception as exc:  # any exception is the finding
        return None, f"{type(exc).__name__}: {str(exc)[:200]}"


def is_local(location):
    parts = urlsplit(location)
    return not parts.netloc or parts.netloc == "testserver"


def page_html(response):
    """The page's HTML; "" for downloads (CSV, zip, streamed): they carry no forms."""
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode(errors="replace")
