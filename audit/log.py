"""One call to record an audit event from anywhere: `audit.log.record(...)`."""

from __future__ import annotations

from .models import AuditEvent

# Keys allowed in `details`: ids and short codes, so no free text can slip in.
ALLOWED_DETAIL_TYPES = (int, bool, type(None))
MAX_CODE_LENGTH = 40


def _clean(details: dict) -> dict:
    clean = {}
    for key, value in details.items():
        short_code = isinstance(value, str) and len(value) <= MAX_CODE_LENGTH
        if short_code or isinstance(value, ALLOWED_DETAIL_TYPES):
            clean[key] = value
        else:
            raise ValueError(f"Audit detail {key!r} must be an id or a short code.")
    return clean


def _user_or_none(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def record(soort: str, *, actor=None, betreft=None, **details) -> AuditEvent:
    """Append one event. `actor` did it, `betreft` is whom it is about."""
    return AuditEvent.objects.create(
        soort=soort,
        actor=_user_or_none(actor),
        betreft=_user_or_none(betreft),
        details=_clean(details),
    )
