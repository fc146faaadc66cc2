"""The places where the academy meets: a building with an address, not a line of text.

A Locatie holds no personal data (a public address and how to get there), so it can be
shown to anyone, also on pages for people without an account.
"""

import re
import unicodedata
from urllib.parse import quote, quote_plus

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")


def normaliseer_postcode(waarde: str) -> str:
    """'1234ab' -> '1234 AB'; anything else unchanged (the validator says what is wrong)."""
    m = POSTCODE_RE.match(waarde or "")
    return f"{m.group(1)} {m.group(2).upper()}" if m else waarde


postcode_validator = RegexValidator(
    POSTCODE_RE,
    _("Type a Dutch postcode: four digits and two letters, for example 1234 AB."),
    code="postcode",
)


def alleen_leesbaar(waarde: str):
    """Any letters, digits and signs are fine (Ĳsselstraat, 's-Hertogenbosch, 12-b); tabs,
    line breaks or other control characters in a one-line field are not: they come from a
    bad paste and would break an address label or a calendar file."""
    if any(unicodedata.category(t).startswith("C") for t in waarde):
        raise ValidationError(
            _("This contains an invisible character (like a tab or line break). Type it again."),
            code="onleesbaar",
        )


class LocatieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(gearchiveerd=False)


class Locatie(models.Model):
    """A place where groups meet and the walk-in is open."""

    naam = models.CharField(_("name"), max_length=200, validators=[alleen_leesbaar])
    straat = models.CharField(
        _("street and number"), max_length=200, blank=True, validators=[alleen_leesbaar]
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[postcode_validator]
    )
    plaats = models.CharField(
        _("town or city"), max_length=100, blank=True, validators=[alleen_leesbaar]
    )
    route = models.TextField(
        _("how to get there"),
        max_length=2000,
        blank=True,
        help_text=_("Public transport, parking, which door to take."),
    )
    drempelvrij = models.BooleanField(_("step-free entrance"), default=False)
    stilteruimte = models.BooleanField(_("quiet room"), default=False)
    invalidentoilet = models.BooleanField(_("accessible toilet"), default=False)
    toegankelijkheid = models.TextField(
        _("more about accessibility"),
        max_length=1000,
        blank=True,
        help_text=_("For example: a lift to the first floor, a hearing loop, dogs welcome."),
    )
    gearchiveerd = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("No longer in use. It stays on the pages of groups that met here."),
    )

    objects = LocatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("locatie_detail", kwargs={"pk": self.pk})

    def clean(self):
        self.postcode = normaliseer_postcode(self.postcode)

    @property
    def adres(self) -> str:
        """One line: 'Lindelaan 4, 1234 AB Utrecht' (only the parts that are filled in)."""
        plaats = " ".join(d for d in (self.postcode, self.plaats) if d)
        return ", ".join(d for d in (self.straat, plaats) if d)

    @property
    def naam_en_adres(self) -> str:
        """For a calendar event and a plain-text mail: the name and, if known, the address."""
        return f"{self.naam}, {self.adres}" if self.adres else self.naam

    @property
    def kaart_zoekterm(self) -> str:
        return self.adres or self.naam

    @property
    def kaart_url(self) -> str:
        """A link to the address on OpenStreetMap: an ordinary link to another site, so
        this site loads no map tiles or scripts and tells nobody who looked."""
        return "https://www.openstreetmap.org/search?query=" + quote_plus(self.kaart_zoekterm)

    @property
    def geo_url(self) -> str:
        """geo: URI (RFC 5870 with the common q= search): phones open their own map app."""
        return "geo:0,0?q=" + quote(self.kaart_zoekterm)

    @property
    def heeft_toegankelijkheid(self) -> bool:
        return any(
            (self.drempelvrij, self.stilteruimte, self.invalidentoilet, self.toegankelijkheid)
        )
