"""Which community notifications a person wants (nazorg/gesprekmeldingen.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GesprekmeldingVoorkeur(models.Model):
    """Per kind on or off. No row means: all on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gesprekmelding_voorkeur"
    )
    reacties = models.BooleanField(
        _("When someone replies in a conversation I am part of"), default=True
    )
    herken_ik = models.BooleanField(_("When people recognise my post"), default=True)
    moderatie = models.BooleanField(_("When a facilitator decides about my post"), default=True)

    class Meta:
        verbose_name = _("notification choice")
        verbose_name_plural = _("notification choices")

    def __str__(self):
        return f"{self.user_id}"
