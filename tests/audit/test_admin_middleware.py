"""The admin only looks at the trail; the actor is known only during a request."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from audit.log import record
from audit.middleware import AuditActorMiddleware, huidige_actor
from audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, mfa=True))
    return client


def test_admin_can_look_but_not_add_change_or_delete(admin_client, deelnemer):
    event = record(AuditEvent.Soort.EXPORT_EIGEN, actor=deelnemer, betreft=deelnemer)
    assert admin_client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    wijzig = reverse("admin:audit_auditevent_change", args=[event.pk])
    assert admin_client.get(wijzig).status_code == 200  # view only
    assert admin_client.post(wijzig, {"soort": "login"}).status_code == 403
    verwijder = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert admin_client.post(verwijder, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).soort == AuditEvent.Soort.EXPORT_EIGEN


def test_actor_is_known_during_a_request_only(deelnemer):
    gezien = []
    request = RequestFactory().get("/")
    request.user = deelnemer
    AuditActorMiddleware(lambda r: gezien.append(huidige_actor()))(request)
    assert gezien == [deelnemer]
    assert huidige_actor() is None
