"""Response headers: a Permissions-Policy on every page, no server banner from gunicorn."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/bestaat-niet/"])
def test_permissions_policy_turns_off_camera_microphone_and_location(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for functie in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert functie in policy


@pytest.mark.django_db
def test_permissions_policy_also_on_a_redirect(client):
    response = client.get(reverse("mijn_overzicht"))
    assert response.status_code == 302
    assert "camera=()" in response["Permissions-Policy"]


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haal(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (localhost)
            return response.status, response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers


def test_gunicorn_sends_no_server_header(tmp_path):
    """Starts gunicorn with the image's config on 127.0.0.1 and reads the headers."""
    poort = vrije_poort()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "herstelacademie.settings",
        "DEBUG": "1",
        "VAR_DIR": str(tmp_path),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--config",
            "docker/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            "1",
            "--worker-tmp-dir",
            str(tmp_path),
            "herstelacademie.wsgi",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                status, headers = haal(f"http://127.0.0.1:{poort}/accounts/login/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        assert status == 200
        assert "Server" not in headers
        assert "gunicorn" not in str(headers).lower()
        assert "camera=()" in headers["Permissions-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=10)
