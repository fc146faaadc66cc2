"""Two-step verification: optional for everyone, required for facilitators and coordinators."""

import pyotp
import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.cache import cache
from django.urls import reverse

from groepen.models import Lidmaatschap
from tests.factories import PASSWORD, TOTP_SECRET, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/", "/mijn-overzicht/", "/facilitator/", "/mijn-gegevens/", "/admin/"]
)
def test_facilitator_without_mfa_must_set_it_up_first(client, groep, path):
    user = UserFactory()
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.FACILITATOR)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == reverse("mfa_required")


def test_coordinator_without_mfa_must_set_it_up_first(client):
    client.force_login(UserFactory(is_coordinator=True))
    response = client.get(reverse("coordinator_home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_required")
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_role_granted_during_a_session_takes_effect_at_once(client, groep, deelnemer):
    client.force_login(deelnemer)
    assert client.get(reverse("mijn_overzicht")).status_code == 200
    Lidmaatschap.objects.filter(user=deelnemer).update(rol=Lidmaatschap.Rol.FACILITATOR)
    assert client.get(reverse("mijn_overzicht")).url == reverse("mfa_required")


def test_setting_up_is_still_possible_without_mfa(client):
    client.force_login(UserFactory(is_coordinator=True))
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("mfa_required")).status_code == 200


def test_participants_do_not_need_mfa_but_may_use_it(client, deelnemer):
    client.force_login(deelnemer)
    assert client.get(reverse("mijn_overzicht")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_mfa_required_page_sends_people_who_are_done_home(client, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("mfa_required")).url == reverse("home")


def test_staff_login_asks_for_totp_code(client, facilitator):
    cache.clear()
    response = client.post(
        reverse("account_login"), {"login": facilitator.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Ongeldige code" in response.content.decode()
    assert "_auth_user_id" not in client.session

    code = pyotp.TOTP(TOTP_SECRET).now()
    response = client.post(reverse("mfa_authenticate"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("facilitator_home")
    assert is_mfa_enabled(facilitator)


def test_superuser_with_mfa_opens_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_superuser_without_mfa_does_not(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").url == reverse("mfa_required")
