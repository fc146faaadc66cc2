"""Getuigenis as a role: offering to tell your story in a group, and being invited.

An offer (Verhaalaanbod) is one row per person: it exists while the person offers, and
turning it off deletes it. Who may see an offer is the same as who may read the story
it is about (Verhaalaanbod.objects.zichtbaar_voor, the rule of herstelmodel's
getuigenissen): nobody learns from an offer something the story itself would not show.

An invitation (Verhaaluitnodiging) names one upcoming meeting of a group the facilitator
runs; the person answers yes or no, and the facilitator sees the answer.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Lidmaatschap
from herstelmodel.models import Verhaal, facilitator_sinds

BERICHT_MAX = 500


def _leesbaar_verhaal(lezer):
    """Stories `lezer` may read as a facilitator: shared with a group they facilitate
    since before it was shared, by an author who still takes part in that group."""
    return Verhaal.objects.filter(
        facilitator_sinds(lezer, OuterRef("gedeeld_met"), OuterRef("gedeeld_op")),
        gedeelde_versie__isnull=False,
        auteur__is_active=True,
        auteur__lidmaatschappen__groep=models.F("gedeeld_met"),
        auteur__lidmaatschappen__status=Lidmaatschap.Status.ACTIEF,
    )


class VerhaalaanbodQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Offers `user` may see: of stories they may read as a facilitator, never their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Exists(_leesbaar_verhaal(user).filter(auteur=OuterRef("user")))).exclude(
            user=user
        )


class Verhaalaanbod(models.Model):
    """ "I would also like to tell my story in a group." """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verhaalaanbod",
        verbose_name=_("person"),
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = VerhaalaanbodQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer to tell one's story")
        verbose_name_plural = _("offers to tell one's story")

    def __str__(self):
        return str(self.user)


class Verhaaluitnodiging(models.Model):
    class Antwoord(models.TextChoices):
        OPEN = "open", _("no answer yet")
        JA = "ja", _("yes")
        NEE = "nee", _("no, thank you")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verhaaluitnodigingen",
        verbose_name=_("person"),
    )
    bijeenkomst = models.ForeignKey(
        "groepen.Bijeenkomst",
        on_delete=models.CASCADE,
        related_name="verhaaluitnodigingen",
        verbose_name=_("meeting"),
    )
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    bericht = models.TextField(_("message"), max_length=BERICHT_MAX, blank=True)
    antwoord = models.CharField(
        _("answer"), max_length=10, choices=Antwoord.choices, default=Antwoord.OPEN
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to tell one's story")
        verbose_name_plural = _("invitations to tell one's story")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            # One invitation per person per meeting: a second click changes nothing.
            models.UniqueConstraint(
                fields=["user", "bijeenkomst"], name="verhaaluitnodiging_een_per_bijeenkomst"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "antwoord"]),
            models.Index(fields=["uitgenodigd_door", "-aangemaakt_op"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.bijeenkomst_id}"
