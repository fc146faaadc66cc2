"""The account screens speak to people as "je", like the rest of the academy.

allauth's and Django's own Dutch is partly formal ("Uw wachtwoord…", "a.u.b."), and one of
Django's password messages has no Dutch at all; locale-allauth/ overrides them.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# "U", "u", "uw", "Uw" as words, and "a.u.b."; "Uitloggen" or "uur" do not match.
FORMEEL = re.compile(r"\b[Uu]w?\b|a\.u\.b\.|alstublieft")


def zichtbare_tekst(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_informeel(response):
    tekst = zichtbare_tekst(response)
    gevonden = [tekst[max(0, m.start() - 40) : m.end() + 40] for m in FORMEEL.finditer(tekst)]
    assert not gevonden, gevonden


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def aanmelden(client, wachtwoord, herhaling=None):
    return client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@example.org",
            "roepnaam": "Mila",
            "password1": wachtwoord,
            "password2": herhaling or wachtwoord,
            "privacy": "on",
        },
    )


def test_signup_page_says_je(client):
    response = client.get(reverse("account_signup"))
    assert_informeel(response)
    tekst = zichtbare_tekst(response)
    assert "Je wachtwoord moet minstens 10 tekens lang zijn." in tekst
    assert "Je wachtwoord mag niet alleen uit cijfers bestaan." in tekst


@pytest.mark.parametrize(
    ("wachtwoord", "herhaling", "bericht"),
    [
        ("kort-7", None, "Dit wachtwoord is te kort. Kies er een van minstens 10 tekens."),
        ("password123", None, "Veel mensen gebruiken dit wachtwoord"),
        ("8304918273645", None, "Dit wachtwoord bestaat alleen uit cijfers."),
        ("nieuw@example.org", None, "Dit wachtwoord lijkt te veel op je e-mailadres."),
        ("zonnebloem-rivier-7", "zonnebloem-rivier-8", "hetzelfde wachtwoord twee keer"),
    ],
    ids=["te-kort", "te-gewoon", "cijfers", "lijkt-op-email", "verschillend"],
)
def test_failed_signup_says_je_in_dutch_and_keeps_the_email(client, wachtwoord, herhaling, bericht):
    response = aanmelden(client, wachtwoord, herhaling)
    assert response.status_code == 200
    assert bericht in zichtbare_tekst(response)
    assert 'value="nieuw@example.org"' in response.content.decode()
    assert "This password" not in response.content.decode()  # no English left over
    assert_informeel(response)


def test_login_reset_and_verification_pages_say_je(client):
    for naam in (
        "account_login",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ):
        assert_informeel(client.get(reverse(naam)))
    assert_informeel(client.post(reverse("account_login"), {"login": "x@y.nl", "password": "x"}))
    assert "Kijk dan ook bij je ongewenste e-mail" in zichtbare_tekst(
        client.post(reverse("account_reset_password"), {"email": "wie@example.org"}, follow=True)
    )


def test_password_change_and_email_pages_say_je(client):
    client.force_login(UserFactory())
    for naam in ("account_change_password", "account_email"):
        assert_informeel(client.get(reverse(naam), follow=True))
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "fout", "password1": "kort-7", "password2": "kort-8"},
    )
    assert "Dit wachtwoord is te kort." in zichtbare_tekst(response)
    assert_informeel(response)
