"""Who is in the community and who looks in (anchor: Mind's Side by Side).

- CommunityWelkom: a host (a facilitator) welcomed a person into the academy-wide space,
  e.g. someone who comes to the walk-in but never took part in a group.
- Moderator: a person named by a coordinator to look after one space. This is the only
  way a coordinator ever reads posts, and members see it in the space's "Wie kijkt er
  mee" list.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Aanwezigheid, Lidmaatschap

from .community import Ruimte


def community_lid(user, vandaag=None) -> Q:
    """A condition that holds when `user` belongs in the academy-wide space (no extra query:
    it becomes part of the query it filters).

    In: a participant membership that really was active, i.e. taking part in a group that
    has started (a place that stayed active at the end stays active), or present at any
    meeting (someone who cancelled halfway did take part); or welcomed by a host. Not in:
    a waiting-list place, a cancellation before the start, a place in a group that has
    not started yet, or an account alone.

    `vandaag` (default: today) is a parameter so that the menu's unread count can compile
    its query once and fill in the day (nazorg/gesprekmeldingen.py, aantal_ongelezen).
    """
    vandaag = vandaag or timezone.localdate()
    deelgenomen = Lidmaatschap.objects.deelnemers().filter(
        user=user, groep__startdatum__lte=vandaag
    )
    aanwezig = Aanwezigheid.objects.filter(user=user, status=Aanwezigheid.Status.AANWEZIG)
    welkom = CommunityWelkom.objects.filter(user=user)
    return Q(Exists(deelgenomen)) | Q(Exists(aanwezig)) | Q(Exists(welkom))


class CommunityWelkom(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_welkom",
        verbose_name=_("person"),
    )
    welkom_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("welcomed by"),
    )
    op = models.DateTimeField(_("welcomed on"), default=timezone.now)

    class Meta:
        verbose_name = _("welcome into the community")
        verbose_name_plural = _("welcomes into the community")

    def __str__(self):
        return f"{self.user_id}"


class Moderator(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_moderaties",
        verbose_name=_("person"),
    )
    ruimte = models.ForeignKey(
        Ruimte, on_delete=models.CASCADE, related_name="moderatoren", verbose_name=_("space")
    )
    aangesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named by"),
    )
    sinds = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("community moderator")
        verbose_name_plural = _("community moderators")
        constraints = [
            models.UniqueConstraint(fields=["user", "ruimte"], name="moderator_uniek"),
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.ruimte_id}"
