"""The day of the last visit is written at most once a day per person."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from privacy import activiteit  # noqa: F401 - connects the login signal, as apps.py does
from tests.factories import PASSWORD, UserFactory

URL = "/mijn-gegevens/"


def schrijfacties(context):
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith("UPDATE") and "laatst_actief" in q["sql"]
    ]


def bezoek(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return schrijfacties(context)


@pytest.fixture
def user(db):
    return UserFactory(laatst_actief=timezone.localdate() - datetime.timedelta(days=3))


def test_first_visit_of_the_day_writes_once(client, user):
    client.force_login(user)  # logging in already counts (see below): undo that here
    eerder = timezone.localdate() - datetime.timedelta(days=3)
    type(user).objects.filter(pk=user.pk).update(laatst_actief=eerder)
    assert len(bezoek(client)) == 1
    user.refresh_from_db()
    assert user.laatst_actief == timezone.localdate()
    # Later the same day: no write at all, and no extra query.
    assert bezoek(client) == []
    assert bezoek(client) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert len(bezoek(client)) == 1
        assert bezoek(client) == []


def test_the_middleware_costs_no_query_on_most_requests(client, user, django_assert_num_queries):
    client.force_login(user)
    client.get(URL)
    with CaptureQueriesContext(connection) as eerste:
        client.get(URL)
    # Same page again, same day: exactly as many queries, none of them a write.
    with django_assert_num_queries(len(eerste.captured_queries)):
        client.get(URL)
    assert schrijfacties(eerste) == []


def test_anonymous_visitors_write_nothing(client, db):
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("account_login"))
    assert schrijfacties(context) == []


def test_force_login_counts_too(client, user):
    """Django's own login signal: tests and every other way of logging in count, and the
    first page after logging in then needs no write."""
    client.force_login(user)
    user.refresh_from_db()
    assert user.laatst_actief == timezone.localdate()
    assert bezoek(client) == []


def test_logging_in_resets_the_clock(client, user, settings):
    # The rate limit counts in the shared cache; other tests' failed logins must not count.
    settings.ACCOUNT_RATE_LIMITS = False
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.laatst_actief == timezone.localdate()
