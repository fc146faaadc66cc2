"""Production refuses keys, tokens and passwords that are written in the repository.

herstelacademie/checks.py holds the one list (BEKENDE_GEHEIMEN); the grep below fails
when a key-looking literal appears anywhere in the repository without being on it.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from herstelacademie.checks import BEKENDE_GEHEIMEN, check_bekende_geheimen

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEV_SECRET_KEY = "django-insecure-development-only-key-0123456789abcdef"
DEV_FERNET = "ZGV2LW9ubHkta2V5LWZvci1oZXJzdGVsYWNhZGVtaWU="


def productie(**anders):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "herstel.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": "sqlite:////tmp/herstelacademie-geheimen.sqlite3",
        **anders,
    }
    return {k: v for k, v in env.items() if v is not None}


def draai(*args, env):
    schoon = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET", "FIELD_", "DEBUG", "HEALTHZ", "DATABASE"))
    }
    schoon["DJANGO_SETTINGS_MODULE"] = "herstelacademie.settings"
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env={**schoon, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variabele", "waarde"),
    [
        ("SECRET_KEY", DEV_SECRET_KEY),
        ("FIELD_ENCRYPTION_KEYS", DEV_FERNET),
        ("FIELD_ENCRYPTION_KEYS", "{eigen}," + DEV_FERNET),  # behind a key of your own
        ("HEALTHZ_TOKEN", "HERSTELACADEMIEDEMOTOTPGEHEIM234"),
        ("EMAIL_HOST_PASSWORD", "herstel-demo-2026"),
        # docker-compose.yml's former default, and .env.example's example.
        ("DATABASE_URL", "postgres://herstelacademie:herstelacademie@db:5432/herstelacademie"),
        ("DATABASE_URL", "postgres://herstelacademie:secret@127.0.0.1:5432/herstelacademie"),
    ],
)
def test_the_app_refuses_to_start_with_a_key_from_the_repository(variabele, waarde):
    waarde = waarde.replace("{eigen}", Fernet.generate_key().decode())
    result = draai("-c", "import django; django.setup()", env=productie(**{variabele: waarde}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variabele} is a value that is written in the repository" in result.stderr
    # The value itself is never printed (a database password is too short to grep
    # for on its own: "secret" is also an English word in the message).
    assert waarde not in result.stderr + result.stdout


def test_and_starts_with_its_own_keys():
    result = draai("-c", "import django; django.setup()", env=productie())
    assert result.returncode == 0, result.stderr


def test_manage_py_check_refuses_too():
    result = draai("manage.py", "check", env=productie(SECRET_KEY=DEV_SECRET_KEY))
    assert result.returncode != 0
    assert "Refusing to start with DEBUG=0: SECRET_KEY" in result.stderr


def test_check_deploy_lists_every_unsafe_setting_as_an_error():
    env = productie(
        SECRET_KEY=DEV_SECRET_KEY, FIELD_ENCRYPTION_KEYS=DEV_FERNET, HEALTHZ_TOKEN="kort"
    )
    result = draai("manage.py", "check", "--deploy", env=env)
    assert result.returncode != 0
    uitvoer = result.stderr
    assert "SystemCheckError" in uitvoer
    assert uitvoer.count("herstelacademie.E010") == 3
    for naam in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "HEALTHZ_TOKEN is shorter than 32"):
        assert naam in uitvoer
    assert DEV_SECRET_KEY not in uitvoer
    assert DEV_FERNET not in uitvoer


def test_the_usual_deploy_warnings_are_not_silenced():
    result = draai("manage.py", "check", "--deploy", env=productie(SECURE_HSTS_SECONDS="0"))
    assert "security.W004" in result.stderr
    assert "0 silenced" in result.stdout + result.stderr
    from herstelacademie import settings as productie_settings

    assert not getattr(productie_settings, "SILENCED_SYSTEM_CHECKS", [])


@pytest.mark.parametrize("waarde", sorted(BEKENDE_GEHEIMEN))
def test_every_listed_value_is_refused(waarde):
    eigen = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": [Fernet.generate_key().decode()],
    }
    with override_settings(**{**eigen, "SECRET_KEY": waarde}):
        assert [e.obj for e in check_bekende_geheimen()] == ["SECRET_KEY"]
    with override_settings(
        **{**eigen, "FIELD_ENCRYPTION_KEYS": [*eigen["FIELD_ENCRYPTION_KEYS"], waarde]}
    ):
        assert [e.obj for e in check_bekende_geheimen()] == ["FIELD_ENCRYPTION_KEYS"]
    with override_settings(**eigen, EMAIL_HOST_PASSWORD=waarde):
        assert [e.obj for e in check_bekende_geheimen()] == ["EMAIL_HOST_PASSWORD"]


def test_own_values_pass_the_check():
    with override_settings(
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()],
        HEALTHZ_TOKEN=secrets.token_urlsafe(32),
    ):
        assert check_bekende_geheimen() == []


# --- The repository grep ------------------------------------------------------------------

NAAM = r"[A-Z_]*(?:SECRET_KEY|ENCRYPTION_KEYS|SECRET|TOKEN|PASSWORD|PASSWD)"
PATRONEN = [
    # Fernet keys and other 32-byte base64 keys.
    re.compile(r"(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{43}=)"),
    # Base32 TOTP secrets (upper case with at least one digit 2-7).
    re.compile(r"\b((?=[A-Z2-7]*[2-7])[A-Z2-7]{16,})\b"),
    re.compile(r"(django-insecure-[^\"'\s]+)"),
    # NAME = "value" / NAME: "value" in code, and NAME=value in env files and docs.
    re.compile(NAAM + r"\"?\s*[:=]\s*[\"']([^\"'\s$]{4,})[\"']"),
    re.compile(r"^[#\s]*" + NAAM + r"=([^\s\"'$()\[\],]+)\s*$", re.MULTILINE),
    # Passwords in URLs, also the default of ${VAR:-default}.
    re.compile(r"://[^:/\s@]+:([^@\s/$]+)@"),
    re.compile(r"://[^:/\s@]+:\$\{\w+:-([^}]+)\}@"),
]
# Matches that are not values: placeholders and the names of other variables.
GEEN_WAARDE = {"USER", "os.environ", "envstr"}


ZELF = "tests/herstelacademie/test_geheimen.py"
BINAIR = {".mo", ".png", ".jpg", ".woff2", ".ico"}


def repository_bestanden():
    result = subprocess.run(
        ["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, text=True, check=True
    )
    for naam in filter(None, result.stdout.split("\0")):
        pad = BASE_DIR / naam
        # This file holds the patterns and made-up examples, no values that are used.
        if naam == ZELF or not pad.is_file() or pad.suffix in BINAIR:
            continue
        try:
            yield naam, pad.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def test_every_key_looking_literal_in_the_repository_is_on_the_list():
    gevonden, onbekend = set(), []
    for naam, tekst in repository_bestanden():
        for patroon in PATRONEN:
            for match in patroon.finditer(tekst):
                waarde = match.group(1).strip()
                if waarde in GEEN_WAARDE:
                    continue
                gevonden.add(waarde)
                if waarde not in BEKENDE_GEHEIMEN:
                    onbekend.append(f"{naam}: {waarde}")
    assert not onbekend, (
        "Add these to BEKENDE_GEHEIMEN in herstelacademie/checks.py (or generate the "
        f"value at run time): {sorted(set(onbekend))}"
    )
    # The grep really finds the known ones (it would pass vacuously otherwise).
    assert {DEV_SECRET_KEY, DEV_FERNET, "HERSTELACADEMIEDEMOTOTPGEHEIM234"} <= gevonden


def test_the_grep_catches_a_new_key():
    nieuw = f'FIELD_ENCRYPTION_KEYS = "{Fernet.generate_key().decode()}"\nAPI_TOKEN="abcdefgh"'
    treffers = {m.group(1) for p in PATRONEN for m in p.finditer(nieuw)}
    assert treffers - BEKENDE_GEHEIMEN
    assert "abcdefgh" in treffers
