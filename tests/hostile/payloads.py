"""Hostile values, and one request body per form and payload class.

One request per class keeps the suite bounded: every field of the form gets the class's
value at once, the fields the class does not aim at keep what the browser would send,
so the form still gets past its other checks and the payload reaches storage.
"""

import datetime
from urllib.parse import quote_plus

from django.utils import timezone

XSS = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'><svg onload=alert(1)>"
XSS_URL = "javascript:alert(1)"
SQL = '\'; DROP TABLE x; -- \' OR 1=1 -- " OR ""="'
HUGE = "A" * 100_000
NUL = "voor\x00na"
EVIL_HOST = "//evil.example/"  # scheme-relative: the GET tests use https://

# Raw, already-encoded bytes a browser would not send but an attacker can: a lone
# surrogate (UTF-8 of U+D800), an invalid byte and an overlong slash.
RAW_MALFORMED = "%ED%A0%80%FF%C0%AF"

BAD_BY_KIND = {
    "number": "-99999999999999999999999999",
    "range": "1e999",
    "date": "2026-02-31",
    "datetime-local": "2026-13-45T25:61",
    "time": "25:61",
    "month": "2026-00",
    "week": "2026-W99",
    "email": "@@@",
    "url": "http://[::1",
    "color": "#zzzzzz",
}


def _tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def sensible(f):
    """What a person would fill in, so that other fields do not stop the form early."""
    if f.value:
        return f.value
    if f.kind == "date":
        return _tomorrow().isoformat()
    if f.kind == "time":
        return "19:00"
    if f.kind == "datetime-local":
        return f"{_tomorrow().isoformat()}T19:00"
    if f.kind in ("number", "range"):
        return "1"
    if f.kind == "email":
        return "iemand@example.org"
    if f.kind == "url":
        return "https://example.org/"
    if f.kind in ("textarea", "text", "search", "tel"):
        return "Gewone tekst"
    return ""


def is_text(f):
    return f.kind in ("text", "search", "email", "url", "tel", "password", "textarea", "")


def is_choice(f):
    return f.kind in ("select", "radio", "checkbox", "hidden")


def _forged_id(f, foreign):
    """An id of the other group's object of the kind the field's name suggests."""
    name = f.name.lower()
    for word, pk in foreign.items():
        if word in name:
            return str(pk)
    return str(foreign["groep"])


def value_for(cls, f, foreign):  # noqa: C901 - a table of payload classes x field types
    """The value a field gets in payload class `cls`, or None to leave it out."""
    if cls == "xss":  # markup and SQL in one go: both must come back as plain text
        if f.kind == "url":
            return XSS_URL
        if is_text(f):
            return XSS + SQL
    elif cls == "oversize":
        if is_text(f):
            return HUGE
    elif cls == "malformed":
        if f.name == "next":
            return EVIL_HOST
        return BAD_BY_KIND.get(f.kind, NUL)
    elif cls == "forged":
        if is_choice(f):
            return _forged_id(f, foreign)
    elif cls == "missing":
        if is_choice(f):
            return "999999"
        if f.kind in ("number", "range"):
            return "-1"
    if f.kind in ("checkbox", "radio") and not f.checked:
        # Tick it, as a person would: choices get exercised too.
        return f.options[0] if f.options else "on"
    return sensible(f)


CLASSES = ["xss", "oversize", "malformed", "forged", "missing"]


def body(form, cls, foreign):
    """The urlencoded request body for `form` filled with payload class `cls`."""
    pairs = []
    for f in form.by_name().values():
        value = value_for(cls, f, foreign)
        if value is None:
            continue
        pairs.append(f"{quote_plus(f.name)}={quote_plus(value)}")
        if cls == "malformed" and is_text(f):
            pairs[-1] += RAW_MALFORMED
    if form.submit:
        pairs.append(f"{quote_plus(form.submit[0])}={quote_plus(form.submit[1])}")
    return "&".join(pairs)
