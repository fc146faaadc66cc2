"""Every URL x every role. A new URL fails this test until its expected statuses are added.

Rule: anonymous visitors are sent to login; a logged-in person who lacks the permission
gets 403; an object that is not theirs to know about gets 404.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from herstelacademie.models import Heartbeat

from . import urlwalk
from .urlwalk import LOGIN, ROLES


def load_expectations():
    """Merge EXPECTED from every module in tests/urlwalk/; a name may appear only once."""
    merged = {}
    for info in pkgutil.iter_modules(urlwalk.__path__):
        module = importlib.import_module(f"{urlwalk.__name__}.{info.name}")
        for name, case in module.EXPECTED.items():
            assert name not in merged, f"{name} is in two urlwalk modules"
            merged[name] = case
    return merged


EXPECTED = load_expectations()


def all_patterns(patterns=None, namespace=None):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from all_patterns(p.url_patterns, p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield namespace, p


def app_url_names():
    return {p.name for ns, p in all_patterns() if ns != "admin"}


def test_every_url_has_expectations():
    missing = app_url_names() - set(EXPECTED)
    assert not missing, f"Add these URLs to EXPECTED in {__name__}: {sorted(missing)}"
    stale = set(EXPECTED) - app_url_names()
    assert not stale, f"These URLs no longer exist: {sorted(stale)}"


@pytest.fixture
def heartbeat(db):
    Heartbeat.beat()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_by_role(name, role, client_for, heartbeat, world):
    case = EXPECTED[name]
    expected = case.statuses[role]
    kwargs = case.kwargs(world) if callable(case.kwargs) else case.kwargs
    url = reverse(name, kwargs=kwargs)
    response = getattr(client_for(role), case.method)(url)
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), response.url
    else:
        assert response.status_code == expected, f"{role} {case.method.upper()} {url}"


ADMIN_ARGS = {"object_id": "1", "app_label": "groepen", "id": "1", "pk": "1"}


@pytest.mark.parametrize("role", ROLES)
def test_admin_only_for_superusers(role, client_for, groep):
    """No role of the academy opens the technical admin: login, 403, 404 or 405, never a page."""
    client = client_for(role)
    for _ns, pattern in all_patterns():
        if _ns != "admin":
            continue
        if pattern.name is None:  # the admin catch-all; covered by the named ones
            continue
        kwargs = {k: ADMIN_ARGS.get(k, "1") for k in pattern.pattern.regex.groupindex}
        url = reverse(f"admin:{pattern.name}", kwargs=kwargs)
        response = client.get(url)
        assert response.status_code in (302, 403, 404, 405), f"{role} GET {url}"
        if response.status_code == 302 and pattern.name != "logout":
            assert "login" in response.url, url
