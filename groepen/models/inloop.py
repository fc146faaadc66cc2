"""Visitor counts of a walk-in group, per day and day-part."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .groep import Groep


class InloopTelling(models.Model):
    """Walk-in visits counted per day-part. No names: visitors need no account."""

    class Dagdeel(models.TextChoices):
        OCHTEND = "ochtend", _("morning")
        MIDDAG = "middag", _("afternoon")
        AVOND = "avond", _("evening")

    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="inloop_tellingen", verbose_name=_("group")
    )
    datum = models.DateField(_("date"))
    dagdeel = models.CharField(_("part of the day"), max_length=10, choices=Dagdeel.choices)
    aantal = models.PositiveIntegerField(_("visitors"), default=0)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("walk-in count")
        verbose_name_plural = _("walk-in counts")
        ordering = ["-datum", "dagdeel"]
        constraints = [
            models.UniqueConstraint(
                fields=["groep", "datum", "dagdeel"], name="inloop_telling_uniek"
            ),
        ]
        indexes = [models.Index(fields=["datum"])]

    def __str__(self):
        return f"{self.groep} {self.datum} {self.get_dagdeel_display()}: {self.aantal}"
