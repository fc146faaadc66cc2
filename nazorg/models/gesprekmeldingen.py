"""Which community notifications a person wants (nazorg/gesprekmeldingen.py), the spaces
they follow (nazorg/volgen.py) and when they last got a reply email (nazorg/gesprekmail.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .community import Ruimte


class GesprekmeldingVoorkeur(models.Model):
    """Per kind on or off. No row means: all in-app kinds on, email off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gesprekmelding_voorkeur"
    )
    reacties = models.BooleanField(
        _("When someone replies in a conversation I am part of"), default=True
    )
    herken_ik = models.BooleanField(_("When people recognise my post"), default=True)
    moderatie = models.BooleanField(_("When a facilitator decides about my post"), default=True)
    nieuwe_gesprekken = models.BooleanField(
        _("When someone starts a conversation in a space I follow"), default=True
    )
    # Off unless chosen: an email about the community says something about someone's
    # recovery to whoever reads along in their mailbox.
    reacties_email = models.BooleanField(
        _("Also send me an email when there are new replies"),
        default=False,
        help_text=_(
            "At most once an hour, never between 22:00 and 08:00. The email only says how "
            "many replies there are, with links; never who wrote or what."
        ),
    )

    class Meta:
        verbose_name = _("notification choice")
        verbose_name_plural = _("notification choices")

    def __str__(self):
        return f"{self.user_id}"


class GevolgdeRuimte(models.Model):
    """A member follows a space: they hear when someone starts a conversation there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gevolgde_ruimtes"
    )
    ruimte = models.ForeignKey(Ruimte, on_delete=models.CASCADE, related_name="volgers")
    sinds = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed space")
        verbose_name_plural = _("followed spaces")
        constraints = [
            models.UniqueConstraint(fields=["user", "ruimte"], name="ruimte_een_keer_volgen"),
        ]

    def __str__(self):
        return f"{self.user_id} -> {self.ruimte_id}"


class GesprekmailStand(models.Model):
    """When the person last got an email about replies: at most one an hour."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gesprekmail_stand"
    )
    laatst_gemaild = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reply email status")
        verbose_name_plural = _("reply email status")

    def __str__(self):
        return f"{self.user_id}"
