"""A participant's wish to help ("Ik wil meehelpen", issue 16).

One row is one offer by one person: how they would like to help (one or more ways, or
in their own words) and when they could. A coordinator invites them for a conversation
and records the outcome: started in a role (groepen.Vrijwilligersrol, linked here), not
now, or later. The person sees where it stands, changes it while it is open and may
withdraw it; a withdrawn wish leaves the coordinator's list.

Two coordinators may act on the same wish at once. Every change raises `versie`, and
every change is one conditional UPDATE on the version the person acting saw
(doorgroei/wensen.py): one wins, the other is told and shown the current state.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ANDERS_MAX = 300
WANNEER_MAX = 300
NOTITIE_MAX = 500


class Meehelpwens(models.Model):
    class Manier(models.TextChoices):
        GASTHEER = "gastheer", _("Host at the walk-in (gastvrouw or gastheer)")
        CURSUS = "cursus", _("Helping out at a course")
        COTRAINER = "cotrainer", _("Co-trainer: running a group together with a facilitator")
        BUDDY = "buddy", _("Buddy for someone who is new")
        MODERATOR = "moderator", _("Moderating in the community")

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("new")
        UITGENODIGD = "uitgenodigd", _("invited for a conversation")
        GESTART = "gestart", _("started")
        NIET_NU = "niet_nu", _("not now")
        LATER = "later", _("later")
        INGETROKKEN = "ingetrokken", _("withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meehelpwensen",
        verbose_name=_("person"),
    )
    # The codes of Manier that were ticked, in the order of Manier.
    manieren = models.JSONField(_("ways to help"), default=list, blank=True)
    anders = models.CharField(_("in their own words"), max_length=ANDERS_MAX, blank=True)
    wanneer = models.CharField(_("when they can"), max_length=WANNEER_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW
    )
    # Raised by every change: decisions are conditional on the version that was seen.
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(_("made on"), default=timezone.now)
    bijgewerkt_op = models.DateTimeField(_("changed on"), default=timezone.now)
    # The coordinator who acted last (invited or decided), and when.
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    beslist_op = models.DateTimeField(_("decided on"), null=True, blank=True)
    # A short word to the person with the invitation or the outcome.
    notitie = models.CharField(_("note to the person"), max_length=NOTITIE_MAX, blank=True)
    rol = models.ForeignKey(
        "groepen.Vrijwilligersrol",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role started"),
    )

    class Meta:
        verbose_name = _("wish to help")
        verbose_name_plural = _("wishes to help")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            # The coordinator's list: open wishes, newest first.
            models.Index(fields=["status", "-aangemaakt_op"], name="meehelpwens_lijst"),
            models.Index(fields=["user", "-aangemaakt_op"], name="meehelpwens_van_persoon"),
        ]
        constraints = [
            # One running wish per person: a second offer changes the first.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["nieuw", "uitgenodigd", "later"]),
                name="meehelpwens_een_lopende",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} – {self.status}"

    @property
    def manier_labels(self) -> list[str]:
        labels = dict(self.Manier.choices)
        return [str(labels[m]) for m in self.manieren if m in labels]
