"""Messages about a nazit after its invitation: the date is known or changed, the day
before, or it is called off. One row per person per message, delivered by the same
engine as the invitations (nazorg/herinneringen.py): the rows are the queue.

Why a table of its own: an invitation (Herinnering) is exactly one per person per
moment and holds the answer; these messages come later, can be several, and always
point back at the invitation, so the links in them (ja / misschien / nee, stop) are
the invitation's own.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Groep

from .nazit import Herinnering, NazitMoment


class NazitBericht(models.Model):
    class Soort(models.TextChoices):
        DATUM_BEKEND = "datum_bekend", _("date known")
        DATUM_GEWIJZIGD = "datum_gewijzigd", _("date changed")
        DAG_ERVOOR = "dag_ervoor", _("the day before")
        AFGELAST = "afgelast", _("called off")

    # The kinds that say "this is now the date" (or that there is none): a later change
    # replaces a message of these kinds that has not gone out yet.
    OVER_DE_DATUM = (Soort.DATUM_BEKEND, Soort.DATUM_GEWIJZIGD, Soort.AFGELAST)

    herinnering = models.ForeignKey(Herinnering, on_delete=models.CASCADE, related_name="berichten")
    # Copied from the invitation: the engine reads a person's choices per (user, groep).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nazit_berichten"
    )
    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, related_name="+")
    moment = models.ForeignKey(NazitMoment, on_delete=models.CASCADE, related_name="berichten")
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    # The moment's version (NazitMoment.versie) this message is about. A message is
    # rendered when it is sent, so it always tells the latest date.
    versie = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Herinnering.Status.choices,
        default=Herinnering.Status.GEPLAND,
    )
    verstuur_op = models.DateTimeField(_("send at"))
    # The engine's bookkeeping, exactly as on Herinnering (see nazorg/herinneringen.py).
    claim = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    geclaimd_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    poging_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=500, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up message")
        verbose_name_plural = _("follow-up messages")
        constraints = [
            # Changing a date three times before the message goes out: one message, the
            # latest. Only one message about the date waits per person.
            models.UniqueConstraint(
                fields=["herinnering"],
                condition=Q(
                    status="gepland", soort__in=["datum_bekend", "datum_gewijzigd", "afgelast"]
                ),
                name="nazitbericht_een_wachtend",
            ),
            # One day-before reminder per date (a new date may need a new one).
            models.UniqueConstraint(
                fields=["herinnering", "versie"],
                condition=Q(soort="dag_ervoor"),
                name="nazitbericht_dag_ervoor_uniek",
            ),
            models.CheckConstraint(
                condition=~Q(status="verzonden") | Q(verzonden_op__isnull=False),
                name="nazitbericht_verzonden_heeft_tijd",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "verstuur_op"], name="nazitbericht_wachtrij"),
            models.Index(fields=["status", "geclaimd_op"], name="nazitbericht_lease"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.soort} {self.status}"
