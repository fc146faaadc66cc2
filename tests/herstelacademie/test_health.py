import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from herstelacademie.celery import app as celery_app
from herstelacademie.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_healthy_when_database_broker_and_heartbeat_are_fine(client):
    Heartbeat.beat()
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"]
    assert body["broker"]["ok"]
    assert body["heartbeat"]["ok"]
    assert body["heartbeat"]["age_seconds"] < 5


def test_unhealthy_before_the_first_heartbeat(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["heartbeat"] == {
        "ok": False,
        "detail": "never ran",
        "max_age_seconds": 120,
    }


def test_unhealthy_when_heartbeat_is_old(client):
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=10)):
        Heartbeat.beat()
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["heartbeat"]["age_seconds"] >= 600


def test_unhealthy_when_broker_is_unreachable(client, monkeypatch):
    Heartbeat.beat()
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    monkeypatch.setattr(celery_app.conf, "broker_write_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == {"ok": False, "detail": "unreachable", "transport": "redis"}


def test_unreachable_redis_gives_a_calm_dutch_page(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.post(reverse("account_login"), {"login": "a@b.nl", "password": "x"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Traceback" not in html
    assert "Probeer het over een paar minuten opnieuw" in html


# --- Public answer vs. details ----------------------------------------------------------

BUITEN = "203.0.113.7"
TOKEN = "t" * 40


def test_outsiders_get_only_ok(client):
    Heartbeat.beat()
    response = client.get(reverse("healthz"), REMOTE_ADDR=BUITEN)
    assert response.status_code == 200
    assert response.content.decode() == "ok"
    assert response["Content-Type"].startswith("text/plain")


def test_outsiders_get_only_niet_ok_without_which_check_failed(client):
    response = client.get(reverse("healthz"), REMOTE_ADDR=BUITEN)  # no heartbeat yet
    assert response.status_code == 503
    assert response.content.decode() == "niet ok"


def test_a_proxy_on_the_same_machine_does_not_make_a_visitor_local(client):
    response = client.get(reverse("healthz"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=BUITEN)
    assert response.content.decode() == "niet ok"


@override_settings(HEALTHZ_TOKEN=TOKEN)
def test_the_token_shows_details_from_anywhere(client):
    response = client.get(reverse("healthz"), REMOTE_ADDR=BUITEN, HTTP_X_HEALTHZ_TOKEN=TOKEN)
    assert response.status_code == 503
    assert response.json()["heartbeat"]["detail"] == "never ran"
    for fout in ("", "t" * 39, TOKEN + "x", "T" * 40):
        response = client.get(reverse("healthz"), REMOTE_ADDR=BUITEN, HTTP_X_HEALTHZ_TOKEN=fout)
        assert response.content.decode() == "niet ok", fout


def test_no_token_configured_means_no_token_accepted(client):
    response = client.get(reverse("healthz"), REMOTE_ADDR=BUITEN, HTTP_X_HEALTHZ_TOKEN="")
    assert response.content.decode() == "niet ok"
