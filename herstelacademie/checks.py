"""Production refuses settings that are not secret: keys, tokens and passwords that are
written somewhere in this repository (so anyone can read them), and the examples of
.env.example.

With DEBUG=0 the app does not start with them (AppConfig.ready calls `weiger_bij_start`:
web, worker, beat, every management command). `manage.py check --deploy` instead lists
them as system check errors, so an operator sees all problems at once. The messages
name the variable, never its value.

BEKENDE_GEHEIMEN is the one list of such values. tests/herstelacademie/test_geheimen.py
greps the repository for anything that looks like a key or password and fails when a
value is not listed here, so a new one cannot slip in unlisted.
"""

import sys

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

# Every key, secret or password literal in the repository (code, tests, docs, README,
# Dockerfile, docker-compose.yml, .env.example), also ones that were removed: they stay
# readable in the git history.
BEKENDE_GEHEIMEN = frozenset(
    {
        # settings.py: the development SECRET_KEY and field encryption key (DEBUG=1 only).
        "django-insecure-development-only-key-0123456789abcdef",
        "ZGV2LW9ubHkta2V5LWZvci1oZXJzdGVsYWNhZGVtaWU=",
        # The Dockerfile's former throwaway build-time values.
        "build-time-only-not-a-secret",
        "YnVpbGQtdGltZS1vbmx5LW5vdC1hLXJlYWwta2V5ISE=",
        # Former fixed "production" values of tests/test_settings.py.
        "x7Hq!m2vR9#pL4sW8zK1nB6yT3cF5gJ0dE-aU_iO+rV@eQ&hN^wX*kM%tY$bZ(l)",
        "8hpOa5I5X6xRHSy7j2Lm0tYw3Wr2wC3n0q3y2B8r0kE=",
        # TOTP secrets: demo (README, demo command, e2e), the benchmark's former fixed one
        # (now generated per run, but it was in the repository), test factories.
        "HERSTELACADEMIEDEMOTOTPGEHEIM234",
        "BENCHMARKHERSTELACADEMIE2345672",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        # Passwords of demo, benchmark and test accounts.
        "herstel-demo-2026",
        "benchmark-herstel-2026",
        "een-goed-wachtwoord-42",
        # Database passwords of docker-compose.yml, .env.example and the docs' examples.
        "herstelacademie",
        "secret",
        "pass",
        "password",
        "PASSWORD",
    }
)

# Variables whose value must be secret, and the shortest value we accept for the ones
# the app generates itself (Django's own check asks 50 characters of SECRET_KEY).
MIN_LENGTE = {"HEALTHZ_TOKEN": 32}


def _bekend(waarde: str) -> bool:
    return waarde.strip() in BEKENDE_GEHEIMEN or waarde.startswith("django-insecure")


def _database_wachtwoord() -> str:
    wachtwoord = settings.DATABASES.get("default", {}).get("PASSWORD") or ""
    return wachtwoord if isinstance(wachtwoord, str) else ""


def onveilige_instellingen() -> list[tuple[str, str]]:
    """(variable, why) for every setting that must not be used in production."""
    te_controleren = [
        ("SECRET_KEY", [settings.SECRET_KEY]),
        ("FIELD_ENCRYPTION_KEYS", list(getattr(settings, "FIELD_ENCRYPTION_KEYS", []))),
        ("HEALTHZ_TOKEN", [getattr(settings, "HEALTHZ_TOKEN", "")]),
        ("EMAIL_HOST_PASSWORD", [getattr(settings, "EMAIL_HOST_PASSWORD", "")]),
        ("DATABASE_URL", [_database_wachtwoord()]),
    ]
    problemen = []
    for naam, waarden in te_controleren:
        waarden = [w for w in waarden if w]
        if any(_bekend(w) for w in waarden):
            problemen.append((naam, "is a value that is written in the repository"))
        elif any(len(w) < MIN_LENGTE.get(naam, 0) for w in waarden):
            problemen.append((naam, f"is shorter than {MIN_LENGTE[naam]} characters"))
    return problemen


def _uitleg(naam: str, waarom: str) -> str:
    return (
        f"{naam} {waarom}, so it is not secret. Generate your own value "
        "(see .env.example for how) and keep it out of the repository."
    )


@register(Tags.security, deploy=True)
def check_bekende_geheimen(app_configs=None, **kwargs):
    return [
        Error(_uitleg(naam, waarom), id="herstelacademie.E010", obj=naam)
        for naam, waarom in onveilige_instellingen()
    ]


def _draait_check_deploy() -> bool:
    # `manage.py check --deploy` must get as far as the system checks to list them.
    return len(sys.argv) > 1 and sys.argv[1] == "check" and "--deploy" in sys.argv


def weiger_bij_start() -> None:
    """Stop start-up in production with a message naming every unsafe variable."""
    if settings.DEBUG or _draait_check_deploy():
        return
    problemen = onveilige_instellingen()
    if problemen:
        raise ImproperlyConfigured(
            "Refusing to start with DEBUG=0: "
            + " ".join(_uitleg(naam, waarom) for naam, waarom in problemen)
        )
