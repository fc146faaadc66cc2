"""Sign-up, verification, login failures, password reset: the paths a person really takes."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from deelnemers.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def signup(client, **overrides):
    data = {
        "email": "nieuw@example.org",
        "roepnaam": "Mila",
        "password1": "zonnebloem-rivier-7",
        "password2": "zonnebloem-rivier-7",
        "privacy": "on",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_signup_asks_only_email_name_and_password(client):
    response = client.get(reverse("account_signup"))
    form = response.context["form"]
    # Plus the privacy consent, the optional summary email and the optional "I come as a
    # naaste"; nothing personal, and no nazit box (people hear about the nazit when they
    # enrol in a group).
    assert set(form.fields) == {
        "email",
        "roepnaam",
        "password1",
        "password2",
        "naaste",
        "privacy",
        "digest",
    }
    html = response.content.decode()
    for forbidden in ("diagnose", "geboortedatum", "achternaam"):
        assert forbidden not in html.lower()


def test_signup_sends_verification_and_login_waits_for_it(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.roepnaam == "Mila"
    assert user.password.startswith("md5$")  # tests hash fast; production uses Argon2
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)

    # Logging in before verifying: not let in, told to check the mail.
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "nieuw@example.org", "password": "zonnebloem-rivier-7"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert "Verifieer je e-mailadres" in response.content.decode()
    assert "_auth_user_id" not in client.session

    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path, follow=True)
    assert EmailAddress.objects.get(user=user).verified
    assert response.redirect_chain[-1][0] == reverse("mijn_overzicht")
    assert "Mila" in response.content.decode()


def test_signup_errors_are_dutch_next_to_the_field_and_keep_input(client):
    response = signup(client, roepnaam="x", password2="iets-anders-99")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een naam van minstens 2 tekens." in html
    assert 'value="nieuw@example.org"' in html  # typed email kept
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_signup_refuses_email_as_display_name(client):
    response = signup(client, roepnaam="mila@example.org")
    assert "anderen zien hem" in response.content.decode()


def test_wrong_password_gives_dutch_message_and_keeps_email(client):
    UserFactory(email="sam@example.org")
    response = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": "fout-wachtwoord"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "e-mailadres en/of wachtwoord is niet correct" in html
    assert 'value="sam@example.org"' in html


def test_repeated_failures_lock_login_for_a_while(client):
    UserFactory(email="sam@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "sam@example.org", "password": "fout"})
    # Even the right password is refused while the lock lasts, with a calm message.
    response = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": PASSWORD}
    )
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_log_in(client):
    UserFactory(email="weg@example.org", is_active=False)
    response = client.post(
        reverse("account_login"), {"login": "weg@example.org", "password": PASSWORD}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_login_with_right_password_lands_on_home(client, deelnemer):
    response = client.post(
        reverse("account_login"), {"login": deelnemer.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mijn_overzicht")


def test_password_reset_and_expired_link(client, deelnemer):
    client.post(reverse("account_reset_password"), {"email": deelnemer.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)
    path = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]

    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "nieuw-wachtwoord-123", "password2": "nieuw-wachtwoord-123"}
    )
    assert response.status_code == 302
    deelnemer.refresh_from_db()
    assert deelnemer.check_password("nieuw-wachtwoord-123")

    # The same link again: it has been used, so it is refused in plain Dutch.
    response = client.get(path, follow=True)
    assert "Ongeldige sleutel" in response.content.decode()


def test_email_change_requires_verification(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "nieuw-adres@example.org"}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="nieuw-adres@example.org", verified=False).exists()
    assert any("nieuw-adres@example.org" in m.to for m in mail.outbox)


def test_password_reset_link_expires(client, deelnemer):
    client.post(reverse("account_reset_password"), {"email": deelnemer.email})
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)
    path = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        response = client.get(path, follow=True)
    html = response.content.decode()
    assert "Ongeldige sleutel" in html
    assert 'name="password1"' not in html
