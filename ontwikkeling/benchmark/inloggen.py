"""Logging in, measured as a person does it: the form, the password, and the two-step
code for staff (issue #17: "no run ever measured logging in").

Each timed login is a new browser (a fresh client, its own address, so allauth's login
limit of 120 a minute per address is not what is measured). The password step is
dominated by Argon2 on purpose (PASSWORD_HASHERS): slow enough to make guessing costly,
so its goal is the p95 limit, not a ratio to the bare view. The two-step code is timed
after an untimed password step; a TOTP code may be used once per period (allauth keeps
the used codes in the cache), so the used mark is removed before each round.
"""

import pyotp
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .generate import PASSWORD

# The password step has no ratio goal (see the docstring); this stands for "p95 only".
GEEN_RATIO = 1000


def _client(i: int) -> Client:
    return Client(REMOTE_ADDR=f"10.{i // 62500 % 250}.{i // 250 % 250}.{i % 250 + 1}")


class Inloggen:
    """The steps of logging in, each a callable that returns (status, seconds)."""

    def __init__(self, academie):
        self.academie = academie
        self.login_url = reverse("account_login")
        self.code_url = reverse("mfa_authenticate")
        self.teller = 0
        staff = academie.facilitator
        self.totp = TOTP(Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP))
        self.staff = staff

    def _nieuw(self) -> Client:
        self.teller += 1
        return _client(self.teller)

    def wachtwoord(self, user) -> tuple[Client, object]:
        client = self._nieuw()
        response = client.post(
            self.login_url, {"login": user.email, "password": PASSWORD}, secure=True
        )
        return client, response

    def code(self, client):
        code = pyotp.TOTP(self.academie.totp_secret).now()
        cache.delete(self.totp._get_used_cache_key(code))
        return client.post(self.code_url, {"code": code}, secure=True)
