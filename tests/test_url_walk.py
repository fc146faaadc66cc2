"""Every URL x every role. A new URL fails this test until its expected statuses are added.

Rule: anonymous visitors are sent to login; a logged-in person who lacks the permission
gets 403; an object that is not theirs to know about gets 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from herstelacademie.models import Heartbeat

from .conftest import ROLES

LOGIN = "login"  # a redirect to the login page
A, OUT, D, F, C = ROLES  # anonymous, outsider, deelnemer, facilitator, coordinator


def same(status):
    return dict.fromkeys(ROLES, status)


def logged_in(status, anonymous=LOGIN):
    return {**same(status), A: anonymous}


# name: (kwargs for reverse, {role: expected status})
EXPECTED = {
    "home": ({}, {A: LOGIN, OUT: 302, D: 302, F: 302, C: 302}),
    "mijn_overzicht": ({}, logged_in(200)),
    "mijn_gegevens": ({}, logged_in(200)),
    "facilitator_home": ({}, {**logged_in(403), F: 200}),
    "coordinator_home": ({}, {**logged_in(403), C: 200}),
    "mfa_required": ({}, logged_in(302)),
    "healthz": ({}, same(200)),
    "set_language": ({}, same(302)),
    # allauth: entrance pages for visitors; logged-in people are sent on.
    "account_login": ({}, logged_in(302, anonymous=200)),
    "account_signup": ({}, logged_in(302, anonymous=200)),
    "account_logout": ({}, logged_in(200, anonymous=302)),
    "account_inactive": ({}, same(200)),
    "account_reauthenticate": ({}, logged_in(200)),
    "account_email": ({}, logged_in(200)),
    "account_email_verification_sent": ({}, same(200)),
    "account_change_password": ({}, logged_in(200)),
    "account_set_password": ({}, logged_in(302)),
    "account_reset_password": ({}, same(200)),
    "account_reset_password_done": ({}, same(200)),
    "account_reset_password_from_key_done": ({}, same(200)),
    "account_reset_password_from_key": ({"uidb36": "zz", "key": "bad-key"}, same(200)),
    "account_confirm_email": ({"key": "bad-key"}, same(200)),
    "account_confirm_login_code": ({}, same(302)),
    "mfa_index": ({}, logged_in(200)),
    "mfa_authenticate": ({}, same(302)),
    # allauth asks for the password again (302 to reauthenticate) before MFA changes.
    "mfa_reauthenticate": ({}, {**logged_in(302), F: 200, C: 200}),
    "mfa_activate_totp": ({}, logged_in(302)),
    "mfa_deactivate_totp": ({}, {**logged_in(404), F: 302, C: 302}),
    "mfa_view_recovery_codes": ({}, logged_in(404)),
    "mfa_generate_recovery_codes": ({}, logged_in(302)),
    "mfa_download_recovery_codes": ({}, logged_in(404)),
}


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
def test_url_by_role(name, role, client_for, heartbeat, groep):
    from django.urls import reverse

    kwargs, expected_by_role = EXPECTED[name]
    expected = expected_by_role[role]
    url = reverse(name, kwargs=kwargs)
    response = client_for(role).get(url)
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), response.url
    else:
        assert response.status_code == expected, f"{role} GET {url}"


ADMIN_ARGS = {"object_id": "1", "app_label": "groepen", "id": "1", "pk": "1"}


@pytest.mark.parametrize("role", ROLES)
def test_admin_only_for_superusers(role, client_for, groep):
    """No role of the academy opens the technical admin: login, 403, 404 or 405, never a page."""
    from django.urls import reverse

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
