"""The academy's identity (deelnemers.models.Academie): one accessor, its cache, its checks.

`huidige_academie()` is the only way other code reads the row. It is cached (Redis in
production, per process otherwise) and forgotten on every save, so a page, a mail or a PDF
costs at most one query for it, and usually none. Without Redis each process keeps its
copy for at most CACHE_SECONDEN after a change made in another process.
"""

import io
import logging
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .models import Academie

logger = logging.getLogger(__name__)

CACHE_SLEUTEL = "deelnemers:academie:v1"
# What a cache that is away raises (Redis, or its socket).
CACHE_FOUTEN = (RedisConnectionError, RedisTimeoutError, OSError)
CACHE_SECONDEN = 300

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
TELEFOON_RE = re.compile(r"^\+?[0-9][0-9 \-]{1,28}$")
# WCAG 2.1 AA for normal text: white text on the brand colour (buttons, the header link).
CONTRAST_AA = 4.5
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 2000
LOGO_FORMATEN = {"PNG": "image/png", "JPEG": "image/jpeg"}


def huidige_academie() -> Academie:
    """The academy this installation runs. Without a row (a fresh test database, or one
    deleted in the admin) a row with the defaults is made, so callers never get None.

    Never an error: the help box with the crisis numbers hangs on this, and must show on
    a bad day too. With the cache away (Redis down) the database answers; with the
    database away (or not migrated yet) the defaults do, unsaved and uncached."""
    try:
        academie = cache.get(CACHE_SLEUTEL)
    except CACHE_FOUTEN:
        logger.warning("Cache unreachable; the academy is read from the database.")
        academie = None
    if academie is not None:
        return academie
    try:
        academie = Academie.objects.defer("logo").order_by("pk").first()
        if academie is None:
            academie = Academie.objects.create()
    except DatabaseError:
        logger.warning("Academy row unreadable; the defaults are shown.", exc_info=True)
        return Academie()
    try:
        cache.set(CACHE_SLEUTEL, academie, CACHE_SECONDEN)
    except CACHE_FOUTEN:
        logger.warning("Cache unreachable; the academy is not cached.")
    return academie


def vergeet_academie():
    try:
        cache.delete(CACHE_SLEUTEL)
    except CACHE_FOUTEN:  # the copy expires by itself (CACHE_SECONDEN)
        logger.warning("Cache unreachable; the academy's cached copy expires by itself.")


@receiver(post_save, sender=Academie)
@receiver(post_delete, sender=Academie)
def _na_wijziging(**kwargs):
    # Now, and again after the commit: a page rendered inside the same transaction could
    # have cached the row before the commit.
    vergeet_academie()
    transaction.on_commit(vergeet_academie)


# --- Checks ---------------------------------------------------------------------------------


def _kanaal(waarde: int) -> float:
    c = waarde / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminantie(hex_kleur: str) -> float:
    r, g, b = (int(hex_kleur[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _kanaal(r) + 0.7152 * _kanaal(g) + 0.0722 * _kanaal(b)


def contrast_met_wit(hex_kleur: str) -> float:
    """WCAG contrast ratio of white on this colour (1 to 21)."""
    return 1.05 / (luminantie(hex_kleur) + 0.05)


def donkerder(hex_kleur: str, factor: float = 0.8) -> str:
    """The hover shade of the brand colour: the same hue, darker (so contrast only grows)."""
    delen = (round(int(hex_kleur[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return "#" + "".join(f"{d:02x}" for d in delen)


def controleer_kleur(waarde: str) -> str:
    waarde = (waarde or "").strip()
    if not HEX_RE.match(waarde):
        raise ValidationError(
            _("Type a colour as # and six characters (0-9, a-f), for example #8a3b12."),
            code="kleur",
        )
    ratio = contrast_met_wit(waarde)
    if ratio < CONTRAST_AA:
        raise ValidationError(
            _(
                "White text on this colour is hard to read (contrast %(ratio)s:1, at least "
                "4.5:1 is needed). Choose a darker colour."
            ),
            code="contrast",
            params={"ratio": f"{ratio:.1f}".replace(".", ",")},
        )
    return waarde.lower()


def controleer_telefoon(waarde: str) -> str:
    waarde = (waarde or "").strip()
    if waarde and not TELEFOON_RE.match(waarde):
        raise ValidationError(
            _("Type a phone number with digits, spaces or dashes, for example 0800-0113."),
            code="telefoon",
        )
    return waarde


def lees_logo(bestand) -> tuple[bytes, str]:
    """An uploaded logo as (bytes, content type). Only PNG and JPEG that Pillow can read,
    not too big; it is encoded again, which drops anything hidden in it (camera data,
    trailing bytes). Raises ValidationError with a message for the person."""
    from PIL import Image, UnidentifiedImageError

    if bestand.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is too big. Choose a file of at most 200 kB."), code="te_groot"
        )
    try:
        with Image.open(bestand) as beeld:
            formaat = beeld.format
            if formaat not in LOGO_FORMATEN:
                raise ValidationError(
                    _("Choose a PNG or JPEG file. Other kinds (like SVG) are not accepted."),
                    code="formaat",
                )
            if max(beeld.size) > LOGO_MAX_PIXELS:
                raise ValidationError(
                    _("The logo is too large: at most 2000 by 2000 pixels."), code="pixels"
                )
            beeld.load()
            if formaat == "JPEG" and beeld.mode not in ("RGB", "L"):
                beeld = beeld.convert("RGB")
            uit = io.BytesIO()
            beeld.save(uit, format=formaat)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not a picture we can read. Choose a PNG or JPEG file."),
            code="onleesbaar",
        ) from None
    return uit.getvalue(), LOGO_FORMATEN[formaat]


def mail_context() -> dict:
    """For lib.mail: every mail can say who sends it and how to reach the academy. Lazy:
    a mail that does not show it does not ask for it."""
    return {"academie": SimpleLazyObject(huidige_academie)}
