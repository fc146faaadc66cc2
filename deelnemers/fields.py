"""Text encrypted at rest with the keys in FIELD_ENCRYPTION_KEYS.

Lives in the lowest app so that every app above (reflections, session logs, intervisie
notes) can use it. MultiFernet encrypts with the first key and decrypts with any of
them, so a key is rotated by putting a new one in front and re-saving the rows.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be comma-separated Fernet keys (32 url-safe base64 "
            "bytes each). See .env.example for how to make one."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:
        # Never fall back to showing ciphertext or an empty text: that would hide data loss.
        raise ImproperlyConfigured(
            "Stored text cannot be decrypted with FIELD_ENCRYPTION_KEYS: was a key removed?"
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt a stored value with the newest key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A TextField whose value is stored encrypted. Not searchable or orderable in SQL."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)


@checks.register(checks.Tags.security)
def check_encryption_keys(app_configs, **kwargs):
    try:
        fernet()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="herstelacademie.E001")]
    return []
