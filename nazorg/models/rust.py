"""Rest in the community: a break from it, and words a person does not want to run into.

Both belong to one person only and are never shown to anyone else (not to facilitators,
not to coordinators). The muted words say something about what hurts, so they are stored
encrypted like reflections.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField


class CommunityPauze(models.Model):
    """A break from the community until `tot`. One per person: a new break replaces it.

    The row stays after the break ends, so the first visit afterwards can show a gentle
    note once (welkom_getoond_op marks that it was shown)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_pauze"
    )
    sinds = models.DateTimeField(_("since"), default=timezone.now)
    tot = models.DateTimeField(_("until"))
    welkom_getoond_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("break from the community")
        verbose_name_plural = _("breaks from the community")
        # The digest leaves out everyone whose break has not ended yet.
        indexes = [models.Index(fields=["tot"])]

    def __str__(self):
        return f"{self.user_id} → {self.tot:%Y-%m-%d}"

    @property
    def actief(self) -> bool:
        return self.tot > timezone.now()


class GedempteWoorden(models.Model):
    """A person's private list of muted words, one per line (encrypted)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gedempte_woorden"
    )
    woorden = EncryptedTextField(_("muted words"), blank=True)
    bijgewerkt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("muted words")
        verbose_name_plural = _("muted words")

    def __str__(self):
        return f"{self.user_id}"

    @property
    def lijst(self) -> list[str]:
        return [w for w in (self.woorden or "").splitlines() if w.strip()]
