"""Growing as a volunteer: trainings and other development, recorded per person.

A coordinator records what a volunteer did (an OCE course, a training for facilitators,
an intervisie outside this app, anything else) with its dates. Intervisie that happened
in the app's own intervisiegroepen is not copied here: doorgroei/ontwikkeling.py reads
it from groepen (counts only, never what was said). The person sees every row about
them, the note included (/meehelpen/mijn-pad/).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITEL_MAX = 150
NOTITIE_MAX = 1_000


class Ontwikkeling(models.Model):
    class Soort(models.TextChoices):
        OCE = "oce", _("OCE course")
        FACILITATORTRAINING = "facilitatortraining", _("training for facilitators")
        INTERVISIE = "intervisie", _("intervision")
        ANDERS = "anders", _("something else")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ontwikkelingen",
        verbose_name=_("person"),
    )
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    titel = models.CharField(_("title"), max_length=TITEL_MAX)
    datum = models.DateField(_("date"))
    # Empty: one day (or still going, for a course that has no end date yet).
    einddatum = models.DateField(_("end date"), null=True, blank=True)
    notitie = models.TextField(_("note"), max_length=NOTITIE_MAX, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("training or development")
        verbose_name_plural = _("trainings and development")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("datum")),
                name="ontwikkeling_eindigt_na_begin",
            ),
        ]
        indexes = [models.Index(fields=["user", "-datum"])]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.titel}"

    @property
    def klaar_op(self):
        """The day it was done: the end date, or the date for a one-day event."""
        return self.einddatum or self.datum
