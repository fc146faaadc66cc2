"""Consent to the privacy statement, and requests to delete an account."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyverklaringQuerySet(models.QuerySet):
    def geldend(self, nu=None):
        """The statement in force: the newest one published up to now (or None)."""
        return (
            self.filter(gepubliceerd_op__lte=nu or timezone.now())
            .order_by("-gepubliceerd_op", "-versie")
            .first()
        )


class Privacyverklaring(models.Model):
    """One version of the privacy statement. Published versions are never edited:
    a change is a new version, which everyone accepts again at their next visit."""

    versie = models.PositiveIntegerField(_("version"), unique=True)
    samenvatting = models.TextField(
        _("what changed"),
        max_length=2000,
        blank=True,
        help_text=_("In a few plain sentences: what is new in this version."),
    )
    tekst = models.TextField(_("text"), max_length=40000)
    gepubliceerd_op = models.DateTimeField(_("published at"), default=timezone.now)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PrivacyverklaringQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy statement")
        verbose_name_plural = _("privacy statements")
        ordering = ["-versie"]
        indexes = [models.Index(fields=["gepubliceerd_op"])]

    def __str__(self):
        return f"v{self.versie}"


class Toestemming(models.Model):
    """A person accepted one version of the privacy statement, at this moment."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toestemmingen"
    )
    verklaring = models.ForeignKey(Privacyverklaring, on_delete=models.PROTECT)
    geaccepteerd_op = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["user", "verklaring"], name="toestemming_uniek"),
        ]

    def __str__(self):
        return f"{self.user_id}: v{self.verklaring_id}"


class Verwijderverzoek(models.Model):
    """A request to delete an account, carried out after a cooling-off period."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("waiting")
        GEANNULEERD = "geannuleerd", _("cancelled")
        UITGEVOERD = "uitgevoerd", _("carried out")

    class Berichten(models.TextChoices):
        VERWIJDEREN = "verwijderen", _("Delete my community posts")
        ANONIEM = "anoniem", _("Keep my community posts without my name")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verwijderverzoeken"
    )
    aangevraagd_op = models.DateTimeField(_("requested at"), default=timezone.now)
    # A coordinator who records a request made outside the app (by phone, letter).
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uitvoeren_na = models.DateTimeField(_("carried out after"))
    berichten = models.CharField(
        _("community posts"),
        max_length=20,
        choices=Berichten.choices,
        default=Berichten.VERWIJDEREN,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="wachtend"), name="een_wachtend_verzoek"
            ),
        ]
        indexes = [models.Index(fields=["status", "uitvoeren_na"])]

    def __str__(self):
        return f"{self.user_id} {self.status}"
