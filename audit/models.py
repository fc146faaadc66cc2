"""The audit trail: an append-only record of security-relevant events.

It never holds anyone's words: only what happened, when, by whom and to whom, plus a
few ids in `details`. Rows cannot be changed or deleted through the ORM, and on
PostgreSQL a trigger refuses UPDATE and DELETE as well (migration 0002).
People who erase their account keep their (scrubbed) user row, so events about them
stay consistent without ever being rewritten.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def _raw_delete(self, using):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def over(self, user):
        """Events a person sees in their own trail: done by them or about them."""
        return self.filter(models.Q(actor=user) | models.Q(betreft=user))


class AuditEvent(models.Model):
    class Soort(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_MISLUKT = "login_mislukt", _("Failed login attempt")
        LOGOUT = "logout", _("Logged out")
        WACHTWOORD = "wachtwoord", _("Password changed or reset")
        MFA_AAN = "mfa_aan", _("Two-step verification switched on")
        MFA_UIT = "mfa_uit", _("Two-step verification switched off")
        MFA_CODES = "mfa_codes", _("New recovery codes made")
        ROL = "rol", _("Role changed")
        EXPORT_EIGEN = "export_eigen", _("Own data downloaded")
        EXPORT_NAMEN = "export_namen", _("List with names exported")
        REFLECTIE_GELEZEN = "reflectie_gelezen", _("Shared reflection read")
        MODERATIE = "moderatie", _("Moderation action")
        TOESTEMMING = "toestemming", _("Consent given or changed")
        VERWIJDERVERZOEK = "verwijderverzoek", _("Account deletion requested")
        VERWIJDERING_GEANNULEERD = "verwijdering_geannuleerd", _("Account deletion cancelled")
        VERWIJDERD = "verwijderd", _("Account deleted")
        BEWAARTERMIJN = "bewaartermijn", _("Inactivity warning sent")
        AANNAME = "aanname", _("Value report assumption changed")

    tijd = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    soort = models.CharField(_("kind"), max_length=40, choices=Soort.choices)
    # Who did it (empty for the system itself or an unknown visitor).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Whom it is about (often the same person).
    betreft = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )
    # Ids and short codes only (e.g. {"groep": 3, "reflectie": 12}); never free text.
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-tijd", "-pk"]
        indexes = [
            models.Index(fields=["betreft", "-tijd"]),
            models.Index(fields=["actor", "-tijd"]),
            models.Index(fields=["soort", "-tijd"]),
        ]

    def __str__(self):
        return f"{self.tijd:%Y-%m-%d %H:%M} {self.soort}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
