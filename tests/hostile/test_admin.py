"""The technical admin: only superusers, and only after two-step verification.

The URL walk covers the academy's roles, tests/herstelacademie/test_mfa.py superusers
with and without MFA; this adds the staff flag without superuser rights.
"""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/deelnemers/user/", "/admin/groepen/groep/"])
def test_staff_without_superuser_rights_does_not_open_the_admin(client, path):
    client.force_login(UserFactory(is_staff=True, is_superuser=False, mfa=True))
    response = client.get(path)
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert "login" in response.url


def test_superuser_with_mfa_reaches_the_models(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, mfa=True))
    assert client.get("/admin/groepen/groep/").status_code == 200
