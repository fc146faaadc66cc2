"""Who is in the community and who looks in (anchor: Mind's Side by Side).

- CommunityWelkom: a host (a facilitator) welcomed a person into the academy-wide space,
  e.g. someone who comes to the walk-in but never took part in a group.
- Named moderators: people with an active moderator role (groepen.Vrijwilligersrol
  MODERATOR, started by a coordinator through groepen/rollen.py). The role's group is the
  cohort space's group; a role without a group is for the academy-wide space. This is the
  only way a coordinator ever reads posts, and members see it in the space's "Wie kijkt
  er mee" list. From the day the role ends, the access is gone.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Aanwezigheid, Lidmaatschap, Vrijwilligersrol


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


def moderatorrollen(op=None):
    """Moderator roles that count on day `op` (default today)."""
    return Vrijwilligersrol.objects.actief(op).filter(soort=Vrijwilligersrol.Soort.MODERATOR)


def benoemd_als_moderator(persoon, groep_pad="groep", op=None) -> Q:
    """A condition on a model that leads to a space's group by `groep_pad`: `persoon`
    (a user or an OuterRef) has an active moderator role for that space. No extra query:
    it becomes part of the query it filters. `op`: as `vandaag` in community_lid."""
    rollen = moderatorrollen(op).filter(user=persoon)
    academie = Q(**{f"{groep_pad}__isnull": True}) & Q(Exists(rollen.filter(groep__isnull=True)))
    return academie | Q(Exists(rollen.filter(groep=OuterRef(groep_pad))))


def moderatoren_van(ruimte):
    """The active moderator roles of one space, with their person."""
    if ruimte.groep_id is None:
        rollen = moderatorrollen().filter(groep__isnull=True)
    else:
        rollen = moderatorrollen().filter(groep_id=ruimte.groep_id)
    return rollen.select_related("user").order_by("user__roepnaam", "pk")
