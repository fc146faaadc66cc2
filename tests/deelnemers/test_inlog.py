"""Logins that no stranger can block (deelnemers/inlog.py).

Failures slow down one account from one origin (address, or a browser that logged in to
it before), with growing waits; one address has a generous limit over all accounts.
"""

import datetime
import re
import time
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from deelnemers import inlog
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACADEMIE = "145.1.2.3"  # the academy's wifi: one public address for the whole group
THUIS = "83.4.5.6"
ELDERS = "203.0.113.9"
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def noor(db):
    return UserFactory(email="noor@example.org", roepnaam="Noor")


def cache_sleutels() -> str:
    """Our keys in the cache (locmem in tests, Redis when REDIS_URL is set); allauth's
    own limits are keyed differently."""
    if hasattr(cache._cache, "get_client"):
        sleutels = cache._cache.get_client().keys("*inlog:*")
    else:
        sleutels = list(cache._cache)
    return " ".join(str(k) for k in sleutels if "inlog:" in str(k))


def poging(client, email, password, adres):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=adres
    )


def ingelogd(client):
    return "_auth_user_id" in client.session


def test_twenty_people_with_two_typos_each_on_one_wifi_all_get_in():
    mensen = [UserFactory() for _ in range(20)]
    clients = [Client() for _ in mensen]
    # Everyone mistypes twice, interleaved as in a real room, then types it right.
    for ronde in ("fout-een", "fout-twee"):
        for client, persoon in zip(clients, mensen, strict=True):
            response = poging(client, persoon.email, ronde, ACADEMIE)
            assert "is niet correct" in response.content.decode()
    for client, persoon in zip(clients, mensen, strict=True):
        response = poging(client, persoon.email, PASSWORD, ACADEMIE)
        assert response.status_code == 302, response.content.decode()[:300]
        assert ingelogd(client)


def test_a_stranger_elsewhere_does_not_stop_noor(noor):
    vreemde = Client()
    for _ in range(40):
        poging(vreemde, "noor@example.org", "geraden", ELDERS)
    # The stranger is slowed down...
    assert (
        "Te veel mislukte pogingen"
        in poging(vreemde, "noor@example.org", "geraden", ELDERS).content.decode()
    )
    # ...Noor, from her own address, is not.
    client = Client()
    assert poging(client, "noor@example.org", PASSWORD, THUIS).status_code == 302
    assert ingelogd(client)


def test_a_stranger_on_the_same_wifi_does_not_stop_noor_on_her_own_laptop(noor):
    laptop = Client()
    assert poging(laptop, "noor@example.org", PASSWORD, ACADEMIE).status_code == 302
    assert inlog.APPARAAT_COOKIE in laptop.cookies
    laptop.post(reverse("account_logout"))

    vreemde = Client()
    # Start at the beginning of an address window: the 180 attempts below must fall in
    # one window whatever the wall clock says when the test runs.
    begin_venster = (int(time.time() // inlog.ADRES_VENSTER) + 1) * inlog.ADRES_VENSTER
    with time_machine.travel(begin_venster + 1, tick=False) as reis:
        # Guessing Noor's password from the same address, then one password on 150
        # accounts, one attempt a second (under the limit on requests per minute).
        for i in range(180):
            email = "noor@example.org" if i < 30 else f"iemand{i}@example.org"
            poging(vreemde, email, "welkom123", ACADEMIE)
            reis.shift(1)
        response = poging(vreemde, "nog.iemand@example.org", "welkom123", ACADEMIE)
        assert "vanaf dit netwerk" in response.content.decode()
        # A newcomer without history on that address now waits (the price of the limit)...
        nieuw = poging(Client(), "noor@example.org", PASSWORD, ACADEMIE)
        assert "Te veel" in nieuw.content.decode()

        # ...but Noor's laptop, which logged in to her account before, gets in.
        response = poging(laptop, "noor@example.org", PASSWORD, ACADEMIE)
        assert response.status_code == 302
        assert ingelogd(laptop)


def test_the_device_cookie_counts_only_for_its_own_account(noor):
    laptop = Client()
    poging(laptop, "noor@example.org", PASSWORD, ACADEMIE)
    laptop.post(reverse("account_logout"))
    for _ in range(inlog.VRIJE_POGINGEN):
        poging(laptop, "ander@example.org", "geraden", ACADEMIE)
    # Another account from the same browser is slowed down like from anywhere else.
    assert "Te veel" in poging(laptop, "ander@example.org", "x", ACADEMIE).content.decode()
    # A forged cookie is ignored.
    vreemde = Client()
    vreemde.cookies[inlog.APPARAAT_COOKIE] = "nep"
    for _ in range(inlog.VRIJE_POGINGEN):
        poging(vreemde, "noor@example.org", "geraden", ELDERS)
    assert "Te veel" in poging(vreemde, "noor@example.org", "x", ELDERS).content.decode()


def test_the_wait_doubles_with_every_further_failure_and_is_capped(noor):
    client = Client()
    start = timezone.now()
    wachttijden = []
    with time_machine.travel(start, tick=False) as reis:
        for _ in range(inlog.VRIJE_POGINGEN):
            assert "is niet correct" in poging(client, noor.email, "fout", THUIS).content.decode()
        for _ in range(8):
            # Refused at once (no waiting inside the request); count the seconds until
            # the next attempt is accepted.
            gewacht = 0
            while "Te veel" in poging(client, noor.email, "fout", THUIS).content.decode():
                reis.shift(datetime.timedelta(seconds=15))
                gewacht += 15
            wachttijden.append(gewacht)
    assert wachttijden[:6] == [30, 60, 120, 240, 480, 960]
    assert wachttijden[6:] == [1800, 1800]
    # The right password, once the wait is over, still works and resets the count.
    with time_machine.travel(start + datetime.timedelta(hours=3), tick=False):
        assert poging(client, noor.email, PASSWORD, THUIS).status_code == 302
    assert "inlog:paar:" not in cache_sleutels()


def test_refusal_says_when_to_try_again_in_dutch(noor):
    client = Client()
    moment = datetime.datetime(2026, 3, 10, 14, 30, 5, tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        for _ in range(inlog.VRIJE_POGINGEN + 1):
            response = poging(client, noor.email, "fout", THUIS)
    html = response.content.decode()
    # The fifth try is refused until 30 seconds after the fourth failure.
    assert "Probeer het om 14:30 opnieuw (over 1 minuut)" in html
    assert 'value="noor@example.org"' in html  # what was typed is kept
    with time_machine.travel(moment + datetime.timedelta(seconds=31), tick=False):
        poging(client, noor.email, "fout", THUIS)
        response = poging(client, noor.email, "fout", THUIS)
    assert "Probeer het om 14:31 opnieuw (over 1 minuut)" in response.content.decode()


def test_the_message_does_not_reveal_whether_the_account_exists(noor):
    antwoorden = []
    for email in ("noor@example.org", "niemand@example.org"):
        client = Client()
        moment = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=AMSTERDAM)
        with time_machine.travel(moment, tick=False):
            for _ in range(inlog.VRIJE_POGINGEN + 1):
                response = poging(client, email, "fout", THUIS)
        antwoorden.append(response.content.decode().replace(email, "EMAIL"))
    assert "Te veel mislukte pogingen" in antwoorden[0]
    assert antwoorden[0].count("Te veel") == antwoorden[1].count("Te veel")
    assert "Probeer het om 09:00 opnieuw" in antwoorden[1]


def test_failures_of_an_existing_account_are_still_audited(noor):
    poging(Client(), noor.email, "fout", THUIS)
    assert AuditEvent.objects.filter(soort=AuditEvent.Soort.LOGIN_MISLUKT, betreft=noor).exists()


def test_cache_holds_no_email_or_address(noor):
    poging(Client(), noor.email, "fout", THUIS)
    sleutels = cache_sleutels()
    assert "inlog:paar:" in sleutels
    assert "inlog:adres:" in sleutels
    assert "noor" not in sleutels
    assert THUIS not in sleutels


def test_a_password_reset_ends_the_wait_from_there(noor):
    client = Client()
    for _ in range(inlog.VRIJE_POGINGEN + 2):
        poging(client, noor.email, "fout", THUIS)
    assert "Te veel" in poging(client, noor.email, PASSWORD, THUIS).content.decode()

    client.post(reverse("account_reset_password"), {"email": noor.email}, REMOTE_ADDR=THUIS)
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body)
    pad = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    formulier = client.get(pad, follow=True, REMOTE_ADDR=THUIS).redirect_chain[-1][0]
    nieuw = {"password1": "nieuw-wachtwoord-123", "password2": "nieuw-wachtwoord-123"}
    assert client.post(formulier, nieuw, REMOTE_ADDR=THUIS).status_code == 302

    response = poging(client, noor.email, "nieuw-wachtwoord-123", THUIS)
    assert response.status_code == 302
    assert ingelogd(client)


def test_too_many_requests_get_a_calm_dutch_page(client, settings):
    # allauth's own limits (here: reset-password requests) answer 429 with our template,
    # not its bare English page.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    url = reverse("account_reset_password")
    client.post(url, {"email": "een@example.org"}, REMOTE_ADDR=ELDERS)
    response = client.post(url, {"email": "twee@example.org"}, REMOTE_ADDR=ELDERS)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Te veel pogingen in korte tijd" in html
    assert f'href="{url}"' in html  # one tap to the form again
    assert "Too Many Requests" not in html
