import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import CommandError, call_command
from django.test import override_settings

from deelnemers.models import User
from groepen.models import Bijeenkomst, Groep, Lidmaatschap
from ontwikkeling.management.commands.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = [
    "deelnemer@demo.nl",
    "deelnemer2@demo.nl",
    "facilitator@demo.nl",
    "coordinator@demo.nl",
]


def counts():
    return (
        User.objects.count(),
        Groep.objects.count(),
        Bijeenkomst.objects.count(),
        Lidmaatschap.objects.count(),
        Authenticator.objects.count(),
    )


@override_settings(DEBUG=True)
def test_demo_creates_accounts_and_is_idempotent():
    call_command("demo")
    first = counts()
    call_command("demo")
    assert counts() == first
    for email in DEMO_ACCOUNTS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    assert User.objects.get(email="coordinator@demo.nl").is_coordinator
    assert Lidmaatschap.objects.filter(
        user__email="facilitator@demo.nl", rol=Lidmaatschap.Rol.FACILITATOR
    ).exists()


@override_settings(DEBUG=True)
def test_demo_staff_totp_uses_documented_secret():
    call_command("demo")
    for email in ["facilitator@demo.nl", "coordinator@demo.nl"]:
        authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
        assert TOTP(authenticator).validate_code(pyotp.TOTP(DEMO_TOTP_SECRET).now())


@override_settings(DEBUG=False)
def test_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="Refusing"):
        call_command("demo")
    assert not User.objects.exists()
    call_command("demo", "--force")
    assert User.objects.filter(email__in=DEMO_ACCOUNTS).count() == 4
