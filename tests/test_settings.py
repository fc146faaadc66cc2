"""Production configuration: strict by default, clear when something is missing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent
# Fresh keys every run: the app refuses any key that is written in the repository.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "herstel.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "DATABASE_URL": "sqlite:////tmp/herstelacademie-deploy-check.sqlite3",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean["DJANGO_SETTINGS_MODULE"] = "herstelacademie.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_HOST"])
def test_missing_variable_stops_start_up_with_a_clear_message(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Missing environment variable {missing}" in result.stderr
    assert ".env.example" in result.stderr


def test_bad_boolean_is_explained():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be 0 or 1" in result.stderr


def test_production_hashes_passwords_with_argon2():
    from herstelacademie import settings as production_settings

    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get(reverse("account_login"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_script_or_style():
    """The CSP forbids inline code; this keeps templates honest before a browser sees them."""
    offenders = []
    for path in (BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        for bad in ("<script>", '<script type="text/', ' style="', "<style", " onclick="):
            if bad in text:
                offenders.append(f"{path.relative_to(BASE_DIR)}: {bad.strip()}")
    assert not offenders, offenders


def test_bad_planner_cost_is_explained():
    postgres = "postgres://u@127.0.0.1:5432/x"  # `check` does not connect
    env = {**PRODUCTION_ENV, "DATABASE_URL": postgres, "DB_RANDOM_PAGE_COST": "snel"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DB_RANDOM_PAGE_COST must be a number" in result.stderr


@pytest.mark.parametrize(("waarde", "verwacht"), [(None, "1.1"), ("2", "2.0"), ("", None)])
def test_planner_cost_goes_to_postgresql_connections(monkeypatch, waarde, verwacht):
    import importlib

    from herstelacademie import settings as instellingen

    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/x")
    if waarde is None:
        monkeypatch.delenv("DB_RANDOM_PAGE_COST", raising=False)
    else:
        monkeypatch.setenv("DB_RANDOM_PAGE_COST", waarde)
    try:
        opties = importlib.reload(instellingen).DATABASES["default"].get("OPTIONS", {})
        assert opties.get("options") == (verwacht and f"-c random_page_cost={verwacht}")
    finally:
        monkeypatch.undo()
        importlib.reload(instellingen)
