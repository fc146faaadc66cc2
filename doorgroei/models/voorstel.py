"""An activity a participant or volunteer brings ("we verwachten dat je ook wat brengt").

One row is one proposal: what, for whom, how often, what the proposer needs, and the kind
of offer it could become. It moves through a few states, each visible to the proposer:

    ingediend -> in_gesprek -> goedgekeurd (an offer and its first group exist)
              \\-> niet_nu      \\-> niet_nu
    ingediend / in_gesprek -> ingetrokken (by the proposer)

Every change is one conditional UPDATE on (pk, versie) in doorgroei/voorstellen.py: two
coordinators deciding at once, or a coordinator deciding while the proposer edits, cannot
both win; the one who loses is told and sees the proposal as it now is.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Aanbod

TITEL_MAX = 120
TEKST_MAX = 2000
KORT_MAX = 500
NOTITIE_MAX = 1000

# The kinds of offer a participant can bring. The walk-in and one-to-one conversations
# are the academy's own arrangements, not something one person starts.
SOORTEN = (
    Aanbod.Soort.WORKSHOP,
    Aanbod.Soort.CREATIEF,
    Aanbod.Soort.LOTGENOTEN,
    Aanbod.Soort.HERSTELGROEP,
    Aanbod.Soort.CURSUS,
)


class ActiviteitvoorstelQuerySet(models.QuerySet):
    def van(self, user):
        """The proposals a person made: the only ones they may open."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(indiener=user)

    def open(self):
        """Waiting for the coordinator: submitted or being talked about."""
        return self.filter(status__in=Activiteitvoorstel.OPEN)


class Activiteitvoorstel(models.Model):
    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("submitted")
        IN_GESPREK = "in_gesprek", _("in conversation")
        GOEDGEKEURD = "goedgekeurd", _("approved")
        NIET_NU = "niet_nu", _("not now")
        INGETROKKEN = "ingetrokken", _("withdrawn")

    OPEN = (Status.INGEDIEND, Status.IN_GESPREK)

    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="activiteitvoorstellen",
        verbose_name=_("proposed by"),
    )
    titel = models.CharField(_("name of the activity"), max_length=TITEL_MAX)
    beschrijving = models.TextField(_("what you would like to do"), max_length=TEKST_MAX)
    voor_wie = models.TextField(_("for whom"), max_length=KORT_MAX, blank=True)
    hoe_vaak = models.CharField(_("how often"), max_length=200, blank=True)
    nodig = models.TextField(_("what you need"), max_length=KORT_MAX, blank=True)
    soort = models.CharField(
        _("kind of activity"),
        max_length=20,
        blank=True,
        choices=[(s.value, s.label) for s in SOORTEN],
    )
    # The proposer's own choice: the in-app notice always comes, the email only with this.
    mail = models.BooleanField(_("also tell me by email"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND
    )
    # What the coordinator tells the proposer with a decision (shown to the proposer).
    notitie = models.TextField(_("note to the proposer"), max_length=NOTITIE_MAX, blank=True)
    # Every change adds one: the conditional UPDATE compares it (see the module docstring).
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(_("submitted on"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("changed on"), default=timezone.now)
    beslist_op = models.DateTimeField(_("decided on"), null=True, blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # What an approved proposal became. The offer is the academy's: it stays when the
    # proposal goes (SET_NULL here, and erasing the person deletes only this row).
    aanbod = models.ForeignKey(
        "groepen.Aanbod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offer"),
    )
    groep = models.ForeignKey(
        "groepen.Groep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )

    objects = ActiviteitvoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity proposal")
        verbose_name_plural = _("activity proposals")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["indiener", "-aangemaakt_op"], name="voorstel_indiener"),
            models.Index(fields=["status", "aangemaakt_op"], name="voorstel_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="goedgekeurd") | Q(beslist_op__isnull=False),
                name="voorstel_goedgekeurd_heeft_besluit",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def te_wijzigen(self) -> bool:
        """The proposer changes the text only until the coordinator picks it up."""
        return self.status == self.Status.INGEDIEND
