"""The secret address of a person's calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def nieuw_kalender_token() -> str:
    return secrets.token_urlsafe(32)


class KalenderFeed(models.Model):
    """The secret address of a person's calendar feed. A new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kalender_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, default=nieuw_kalender_token)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user}"

    def vernieuw(self):
        self.token = nieuw_kalender_token()
        self.aangemaakt_op = timezone.now()
        self.save(update_fields=["token", "aangemaakt_op"])
