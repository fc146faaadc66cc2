"""The privacy app's own permissions (privacy/rules.py): coordinators publish the
statement and record deletion requests; nobody else, not even a superuser without the
coordinator role on the deletion page (as before)."""

import pytest
import rules
from django.urls import reverse

from tests.factories import UserFactory

PERMS = ("privacy.publish_statement", "privacy.manage_deletion_requests")


@pytest.mark.parametrize("perm", PERMS)
def test_only_coordinators_have_the_privacy_permissions(perm, coordinator, facilitator, deelnemer):
    assert rules.has_perm(perm, coordinator)
    assert not rules.has_perm(perm, facilitator)
    assert not rules.has_perm(perm, deelnemer)
    coordinator.is_active = False
    assert not rules.has_perm(perm, coordinator)


def test_the_pages_use_them(client, coordinator, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("privacy_beheer")).status_code == 403
    assert client.get(reverse("verwijderen_beheer")).status_code == 403
    client.force_login(coordinator)
    assert client.get(reverse("privacy_beheer")).status_code == 200
    assert client.get(reverse("verwijderen_beheer")).status_code == 200


def test_a_superuser_without_the_role_may_publish_but_not_record_deletions(client, db):
    baas = UserFactory(is_superuser=True, is_staff=True, mfa=True)
    client.force_login(baas)
    assert client.get(reverse("privacy_beheer")).status_code == 200
    assert client.get(reverse("verwijderen_beheer")).status_code == 403
