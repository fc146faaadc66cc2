"""Roles people take on beside taking part: the way a participant gives back (issue 16).

One row is one role for one person over a stretch of time: host of the walk-in,
co-facilitator of a group, moderator of a community space, buddy for newcomers, or
volunteer in their own words. A role starts on `begint_op` and is over from `eindigt_op`
on (that day no longer counts), so "end it now" is `eindigt_op = today` and the access
goes at once. Permissions ask the queryset `actief()`; nobody compares dates by hand.

The scope is a group where a role has one: the group they co-facilitate, the walk-in
they host (empty: every walk-in), the group whose cohort space they moderate (empty: the
academy-wide space), the group whose newcomers they welcome as buddy (empty: anyone).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OMSCHRIJVING_MAX = 200


class VrijwilligersrolQuerySet(models.QuerySet):
    def actief(self, op: datetime.date | None = None):
        """Roles that count on day `op` (default: today, local time)."""
        op = op or timezone.localdate()
        return self.filter(
            Q(begint_op__lte=op) & (Q(eindigt_op__isnull=True) | Q(eindigt_op__gt=op))
        )

    def van_soort(self, soort):
        return self.filter(soort=soort)


class Vrijwilligersrol(models.Model):
    class Soort(models.TextChoices):
        GASTHEER = "gastheer", _("host of the walk-in")
        COFACILITATOR = "cofacilitator", _("co-facilitator")
        MODERATOR = "moderator", _("community moderator")
        BUDDY = "buddy", _("buddy for newcomers")
        VRIJWILLIGER = "vrijwilliger", _("volunteer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vrijwilligersrollen",
        verbose_name=_("person"),
    )
    soort = models.CharField(_("role"), max_length=20, choices=Soort.choices)
    groep = models.ForeignKey(
        "groepen.Groep",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="vrijwilligersrollen",
        verbose_name=_("group"),
    )
    omschrijving = models.CharField(
        _("in their own words"), max_length=OMSCHRIJVING_MAX, blank=True
    )
    begint_op = models.DateField(_("starts on"))
    eindigt_op = models.DateField(_("ends on"), null=True, blank=True)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = VrijwilligersrolQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        ordering = ["-begint_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindigt_op__isnull=True) | Q(eindigt_op__gte=models.F("begint_op")),
                name="vrijwilligersrol_eindigt_na_begin",
            ),
            models.CheckConstraint(
                condition=~Q(soort="cofacilitator") | Q(groep__isnull=False),
                name="vrijwilligersrol_cofacilitator_heeft_groep",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "soort"]),
            models.Index(fields=["soort", "begint_op"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_soort_display()}"

    def is_actief(self, op: datetime.date | None = None) -> bool:
        op = op or timezone.localdate()
        return self.begint_op <= op and (self.eindigt_op is None or op < self.eindigt_op)
