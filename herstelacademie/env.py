"""Tiny helpers to read settings from the environment (healthchecks style)."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on", "ja"}
FALSE = {"0", "false", "no", "off", "nee", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1 (got {value!r}).")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {value!r}).") from None


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require(name: str, why: str) -> str:
    """Return a required variable or stop start-up with a message that says what to do."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Missing environment variable {name}: {why} See .env.example for an example."
        )
    return value


def envfloat(name: str, default: float | None) -> float | None:
    """A number such as 1.1; empty means None (the caller's "leave it as it is")."""
    value = os.environ.get(name)
    if value is None:
        return default
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a number such as 1.1 (got {value!r})."
        ) from None
