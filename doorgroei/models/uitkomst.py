"""Outcomes people report themselves (issue 16): a short, private check-in.

A check-in asks a few things in the person's own terms: doing volunteer work, paid work
or a study, fewer contacts with care than before, more people to turn to, and how they
feel about their own direction ("regie"). Every question may be skipped: NULL means
skipped, never "no". A few plain choices, never a score, and nothing is shown back as a
number. The person sees all their check-ins and can delete each one; the coordinator
only ever sees counts of five people or more (impact/gemeten.py).

The check-in is offered three and twelve months after a course the person finished
(doorgroei/uitkomst_moment.py); "not now" is stored as an UitkomstNuNiet row so that one
offer stays away.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField

EIGEN_WOORDEN_MAX = 2000


class Uitkomst(models.Model):
    class Zorg(models.TextChoices):
        MINDER = "minder", _("Yes, fewer than before")
        NIET_MINDER = "niet_minder", _("No, not fewer")
        GEEN = "geen", _("I have no contact with care")

    class Regie(models.TextChoices):
        MEER = "meer", _("More in charge than before")
        ZELFDE = "zelfde", _("About the same")
        MINDER = "minder", _("Less than before")
        WISSELT = "wisselt", _("It changes from day to day")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="uitkomsten",
        verbose_name=_("person"),
    )
    ingevuld_op = models.DateTimeField(_("filled in on"), default=timezone.now)
    vrijwilligerswerk = models.BooleanField(_("doing volunteer work"), null=True, blank=True)
    betaald_werk = models.BooleanField(_("doing paid work"), null=True, blank=True)
    studie = models.BooleanField(_("studying or following a training"), null=True, blank=True)
    # NULL is "skipped" for every question, the choice fields too (one rule for the
    # figures in impact/gemeten.py), hence null=True on these CharFields.
    minder_zorg = models.CharField(  # noqa: DJ001
        _("fewer contacts with care than before"),
        max_length=20,
        choices=Zorg.choices,
        null=True,
        blank=True,
    )
    meer_mensen = models.BooleanField(_("more people to turn to"), null=True, blank=True)
    regie = models.CharField(  # noqa: DJ001
        _("your own direction"), max_length=20, choices=Regie.choices, null=True, blank=True
    )
    eigen_woorden = EncryptedTextField(_("in your own words"), blank=True)

    # The questions, in the order people see them; all NULL = nothing answered.
    VRAGEN = ("vrijwilligerswerk", "betaald_werk", "studie", "minder_zorg", "meer_mensen", "regie")

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-ingevuld_op", "-pk"]
        indexes = [
            # "My check-ins" and the latest per person in a period.
            models.Index(fields=["user", "-ingevuld_op"]),
            models.Index(fields=["ingevuld_op"]),
        ]

    def __str__(self):
        return f"{self.user_id} {self.ingevuld_op:%Y-%m-%d}"

    def antwoorden(self):
        """(question label, answer label) for every answered question, for "my check-ins"."""
        for naam in self.VRAGEN:
            waarde = getattr(self, naam)
            if waarde is None:
                continue
            veld = self._meta.get_field(naam)
            if veld.choices:
                tekst = getattr(self, f"get_{naam}_display")()
            else:
                tekst = _("yes") if waarde else _("no")
            yield veld.verbose_name, tekst


class UitkomstNuNiet(models.Model):
    """The person said "not now" to the check-in offered some months after a course."""

    class Moment(models.IntegerChoices):
        DRIE = 3, _("three months after")
        TWAALF = 12, _("twelve months after")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="uitkomst_nu_niet",
        verbose_name=_("person"),
    )
    groep = models.ForeignKey(
        "groepen.Groep",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("group"),
    )
    maanden = models.PositiveSmallIntegerField(_("moment"), choices=Moment.choices)
    op = models.DateTimeField(_("on"), default=timezone.now)

    class Meta:
        verbose_name = _("check-in offer put aside")
        verbose_name_plural = _("check-in offers put aside")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "groep", "maanden"], name="uitkomst_nu_niet_uniek"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.groep_id} {self.maanden}"
