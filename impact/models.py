"""Coordinator-editable assumptions of the societal value report, versioned.

Every change is a new row; the newest row per key is in force (its value, and whether
the report uses the figure measured in the academy instead). Keys and their
defaults (from the study) live in impact/waarde.py, not here, so a fresh database
needs no data migration.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Aanname(models.Model):
    sleutel = models.CharField(_("assumption"), max_length=60)
    waarde = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    bron = models.CharField(_("source"), max_length=300, blank=True)
    # For the few assumptions the academy also measures (impact/gemeten.py): this version
    # tells the report to use the figure measured in the academy instead of `waarde`.
    # The choice is versioned with the value, so the history shows when it changed.
    gemeten = models.BooleanField(_("uses the measured figure"), default=False)
    gewijzigd_op = models.DateTimeField(_("changed at"), default=timezone.now)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("value report assumption")
        verbose_name_plural = _("value report assumptions")
        ordering = ["sleutel", "-gewijzigd_op", "-pk"]
        indexes = [models.Index(fields=["sleutel", "-gewijzigd_op"])]
        permissions = [
            ("export_named", _("May export lists with participants' names")),
        ]

    def __str__(self):
        return f"{self.sleutel}={self.waarde}"

    @property
    def definitie(self):
        """Label, unit and range from impact/waarde.py (imported late: it imports this module)."""
        from .waarde import PER_SLEUTEL

        return PER_SLEUTEL.get(self.sleutel)

    @property
    def getal(self):
        """The value as people write it: 1.41, 40000 (not 1.4100 or 4E+4)."""
        from .waarde import schoon

        return schoon(self.waarde)


class Maandcijfers(models.Model):
    """The participation and model-mirror figures of one closed calendar month
    (Europe/Amsterdam), for one filter, computed once by impact/samenvatting.py.

    Counts only: no person, no group name, nothing anyone wrote. Small counts (1-4) are
    stored as they are and hidden when shown, exactly as the direct computation does."""

    maand = models.DateField(_("month"))  # its first day
    # The dashboard filter these figures are for: "" / 0 is "all".
    locatie = models.CharField(_("location"), max_length=200, blank=True, default="")
    aanbod = models.PositiveIntegerField(_("offer"), default=0)
    cijfers = models.JSONField(_("figures"))
    # Rows changed at or after this moment may be missing from the figures (the
    # "changed since" check compares it with the rows' own timestamps).
    peil = models.DateTimeField(_("data up to"))
    # The month's version (Maandversie) and the version of "everything" when computed.
    versie = models.CharField(max_length=32, default="")
    alles = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["maand", "locatie", "aanbod"], name="maandcijfers_uniek"
            ),
        ]

    def __str__(self):
        return f"{self.maand:%Y-%m} {self.locatie or '*'} {self.aanbod or '*'}"


class Maandversie(models.Model):
    """A new random version each time data of a closed month changes (impact/samenvatting.py);
    one row per month, plus one for changes that touch every month."""

    maand = models.DateField(_("month"), unique=True)
    versie = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("month version")
        verbose_name_plural = _("month versions")

    def __str__(self):
        return f"{self.maand:%Y-%m} {self.versie}"
