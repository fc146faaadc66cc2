"""Staff without two-step verification reach only its setup, logging out and the privacy
statement: every other URL of the URL walk sends them to "tweestaps-nodig"."""

import pytest
from django.urls import reverse

from groepen.models import Lidmaatschap
from herstelacademie.middleware import mfa_vrijgesteld
from tests.factories import LidmaatschapFactory, UserFactory
from tests.test_url_walk import EXPECTED

pytestmark = pytest.mark.django_db

# What such a person may still open, by URL name. Everything else must redirect.
OPEN_ZONDER_TWEESTAPS = {
    # The academy's colour and logo: public files that the MFA page itself loads.
    "academie_kleur",
    "academie_logo",
    "account_logout",
    "account_reauthenticate",
    "healthz",
    "mfa_required",
    "privacyverklaring",
    "privacyverklaring_versie",
    "set_language",
}


@pytest.fixture
def zonder_tweestaps(client, world):
    user = UserFactory(roepnaam="Lotte")
    LidmaatschapFactory(groep=world.groep, user=user, rol=Lidmaatschap.Rol.FACILITATOR)
    client.force_login(user)
    return client


def url_of(name, world):
    case = EXPECTED[name]
    kwargs = case.kwargs(world) if callable(case.kwargs) else case.kwargs
    return case.method, reverse(name, kwargs=kwargs)


def test_every_other_url_of_the_walk_sends_them_to_set_up_two_step(zonder_tweestaps, world):
    open_urls, leaks = [], []
    for name in sorted(EXPECTED):
        method, url = url_of(name, world)
        if name in OPEN_ZONDER_TWEESTAPS or name.startswith("mfa_"):
            open_urls.append(url)
            continue
        response = getattr(zonder_tweestaps, method)(url)
        if response.status_code != 302 or response.url != reverse("mfa_required"):
            leaks.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not leaks, leaks
    # The walk really covered the account pages the issue named.
    assert len(EXPECTED) - len(open_urls) > 50


@pytest.mark.parametrize(
    "path", ["/accounts/email/", "/accounts/password/change/", "/accounts/password/set/"]
)
def test_email_and_password_pages_are_closed(zonder_tweestaps, path):
    for method in ("get", "post"):
        response = getattr(zonder_tweestaps, method)(path)
        assert response.status_code == 302, (method, path)
        assert response.url == reverse("mfa_required")


def test_they_can_still_set_up_two_step_and_log_out(zonder_tweestaps):
    assert zonder_tweestaps.get(reverse("mfa_required")).status_code == 200
    assert zonder_tweestaps.get(reverse("mfa_index")).status_code == 200
    # Activating asks for the password first (allauth's reauthentication), then shows
    # the QR code; neither step is sent back to "tweestaps-nodig".
    response = zonder_tweestaps.get(reverse("mfa_activate_totp"))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_reauthenticate"))
        assert zonder_tweestaps.get(response.url).status_code == 200
    assert zonder_tweestaps.get(reverse("privacyverklaring")).status_code == 200
    response = zonder_tweestaps.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in zonder_tweestaps.session


def test_only_the_named_pages_are_exempt():
    assert mfa_vrijgesteld("/privacy/")
    assert not mfa_vrijgesteld("/privacy/accepteren-iets-anders/")
    assert not mfa_vrijgesteld("/mijn-gegevens/export/")
    assert not mfa_vrijgesteld("/accounts/email/")
    assert not mfa_vrijgesteld("/accounts/")
    assert mfa_vrijgesteld(reverse("mfa_activate_totp"))
