"""One-to-one conversations with an ervaringsdeskundige (Aanbod.Soort.GESPREK).

An ervaringsdeskundige (anyone who facilitates or co-facilitates a group, volunteers
included) publishes time slots (Gespreksslot) for a gesprek offer; a signed-in person
books one (Gespreksboeking). There are no groups or enrolments for this kind of offer.

"One booking per slot" is a partial unique index in the database: of two people who
book the same slot at the same moment exactly one insert succeeds, whatever the code
above it does. A cancelled booking keeps its row (cancelled_op set) so the other party
can be told and the counts stay right; the slot is then free again.

The note after the conversation and everything a person writes here is encrypted at
rest and only ever shown to the two people concerned (the note: only to the
ervaringsdeskundige). Coordinators see counts (groepen/gesprek.py cijfers_per_maand).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField


class GespreksslotQuerySet(models.QuerySet):
    def open(self):
        """Not withdrawn, of an offer that is still offered."""
        return self.filter(ingetrokken_op__isnull=True, aanbod__gearchiveerd=False)

    def met_boeking(self):
        return self.annotate(
            geboekt=Exists(
                Gespreksboeking.objects.filter(slot=OuterRef("pk"), geannuleerd_op__isnull=True)
            )
        )

    def vrij(self, nu=None):
        """Slots a person can still book: in the future, open and without a booking."""
        return (
            self.open()
            .filter(begint_om__gt=nu or timezone.now())
            .met_boeking()
            .filter(geboekt=False)
        )


class Gespreksslot(models.Model):
    aanbod = models.ForeignKey(
        "groepen.Aanbod",
        on_delete=models.PROTECT,
        related_name="gespreksslots",
        verbose_name=_("offer"),
    )
    ervaringsdeskundige = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="gespreksslots",
        verbose_name=_("peer expert"),
    )
    begint_om = models.DateTimeField(_("starts at"))
    eindigt_om = models.DateTimeField(_("ends at"))
    plaats = models.CharField(
        _("place"),
        max_length=200,
        help_text=_("An address or room, or for example: by phone or video call."),
    )
    ingetrokken_op = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = GespreksslotQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation slot")
        verbose_name_plural = _("conversation slots")
        ordering = ["begint_om", "pk"]
        indexes = [
            models.Index(fields=["aanbod", "begint_om"]),
            models.Index(fields=["ervaringsdeskundige", "begint_om"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindigt_om__gt=models.F("begint_om")),
                name="gespreksslot_einde_na_begin",
            ),
        ]

    def __str__(self):
        return f"{self.aanbod} {timezone.localtime(self.begint_om):%Y-%m-%d %H:%M}"

    @property
    def duur_minuten(self) -> int:
        return int((self.eindigt_om - self.begint_om).total_seconds() // 60)


class Gespreksboeking(models.Model):
    class Door(models.TextChoices):
        DEELNEMER = "deelnemer", _("the participant")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("the peer expert")

    slot = models.ForeignKey(
        Gespreksslot,
        on_delete=models.CASCADE,
        related_name="boekingen",
        verbose_name=_("conversation slot"),
    )
    deelnemer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="gespreksboekingen",
        verbose_name=_("person"),
    )
    # What the person would like to talk about (optional); for the ervaringsdeskundige.
    vraag = EncryptedTextField(_("what you would like to talk about"), blank=True)
    geboekt_op = models.DateTimeField(default=timezone.now)
    geannuleerd_op = models.DateTimeField(null=True, blank=True)
    geannuleerd_door = models.CharField(max_length=20, choices=Door.choices, blank=True)
    annuleringsbericht = EncryptedTextField(_("message"), blank=True)
    # The ervaringsdeskundige's own short note of the conversation: only for them.
    notitie = EncryptedTextField(_("note"), blank=True)
    notitie_bijgewerkt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation booking")
        verbose_name_plural = _("conversation bookings")
        ordering = ["slot__begint_om", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(geannuleerd_op__isnull=True),
                name="gespreksboeking_een_per_slot",
            ),
        ]
        indexes = [models.Index(fields=["deelnemer", "geannuleerd_op"])]

    def __str__(self):
        return _("Conversation booking #%(pk)s") % {"pk": self.pk}

    @property
    def geannuleerd(self) -> bool:
        return self.geannuleerd_op is not None
