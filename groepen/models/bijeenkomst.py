"""Meetings of a group and who was there."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .groep import Groep


def week_van(now):
    """The local week (Monday 0:00 up to the next Monday) of the local moment `now`."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0) - timezone.timedelta(
        days=now.weekday()
    )
    return start, start + timezone.timedelta(days=7)


class BijeenkomstQuerySet(models.QuerySet):
    def komend(self):
        return self.filter(begint_om__gte=timezone.now(), geannuleerd=False)

    def deze_week(self):
        start, eind = week_van(timezone.localtime())
        return self.filter(begint_om__gte=start, begint_om__lt=eind)

    def geweest(self):
        return self.filter(begint_om__lt=timezone.now(), geannuleerd=False)


class Bijeenkomst(models.Model):
    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="bijeenkomsten", verbose_name=_("group")
    )
    begint_om = models.DateTimeField(_("starts at"))
    eindigt_om = models.DateTimeField(_("ends at"))
    # Only when this meeting is somewhere else than the group's usual place.
    locatie = models.CharField(_("location (text)"), max_length=200, blank=True)
    plek = models.ForeignKey(
        "groepen.Locatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bijeenkomsten",
        verbose_name=_("location"),
        help_text=_("Leave empty for the group's place."),
    )
    geannuleerd = models.BooleanField(_("cancelled"), default=False)
    oorspronkelijk_begint_om = models.DateTimeField(
        _("originally planned at"), null=True, blank=True, editable=False
    )
    # iCalendar SEQUENCE: raised on every change so calendar apps take the new version.
    volgnummer = models.PositiveIntegerField(default=0, editable=False)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["begint_om"]
        indexes = [
            models.Index(fields=["groep", "begint_om"]),
            models.Index(fields=["begint_om"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindigt_om__gt=models.F("begint_om")),
                name="bijeenkomst_einde_na_begin",
            ),
        ]

    def __str__(self):
        return f"{self.groep} – {timezone.localtime(self.begint_om):%d-%m-%Y %H:%M}"

    @property
    def plaats(self):
        """This meeting's own place if it has one, else the group's: a Locatie or text."""
        return self.plek or self.locatie or self.groep.plaats

    @property
    def verplaatst(self) -> bool:
        return self.oorspronkelijk_begint_om is not None


class Aanwezigheid(models.Model):
    """Who was there. A participant can report absence in advance ("afgemeld")."""

    class Status(models.TextChoices):
        AANWEZIG = "aanwezig", _("present")
        AFGEMELD = "afgemeld", _("let us know they could not come")
        AFWEZIG = "afwezig", _("absent")

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "user"], name="aanwezigheid_uniek"),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} – {self.bijeenkomst}: {self.get_status_display()}"
