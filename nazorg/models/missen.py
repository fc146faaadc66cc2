"""Those who stop along the way (nazorg/missen.py): a signal per absence series or early
leave, with the one warm message it sends, and a person's choice to get no such message."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Bijeenkomst, Groep

from .nazit import Melding


class Missen(models.Model):
    """ "Misschien even contact?": someone missed two meetings in a row without letting
    the group know, or left a group that still had meetings ahead.

    One row per absence series (keyed by the first missed meeting of the series) or per
    early leave (keyed by the moment they left), so the daily job can run any number of
    times: bulk_create(ignore_conflicts=True) on these keys never makes a second row, and
    with it never a second message."""

    class Soort(models.TextChoices):
        AFWEZIG = "afwezig", _("missed two meetings")
        UITGESCHREVEN = "uitgeschreven", _("left the group")

    class Bericht(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        BEZIG = "bezig", _("being sent")
        VERZONDEN = "verzonden", _("sent")
        MISLUKT = "mislukt", _("failed")
        # No message on purpose: the person turned these messages off, or has no way to
        # receive one, or just had one from this group.
        GEEN = "geen", _("not sent")

    class Afhandeling(models.TextChoices):
        CONTACT = "contact", _("we were in touch")
        LAAT_MAAR = "laat_maar", _("leave it")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="missen_signalen",
        verbose_name=_("person"),
    )
    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="missen_signalen", verbose_name=_("group")
    )
    soort = models.CharField(_("what happened"), max_length=20, choices=Soort.choices)
    # AFWEZIG: the first missed meeting of the series (the series key).
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sinds = models.DateTimeField(_("since"))
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    bericht = models.CharField(
        _("message"), max_length=20, choices=Bericht.choices, default=Bericht.GEPLAND
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    geclaimd_op = models.DateTimeField(null=True, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=200, blank=True)
    # The in-app notification, made exactly once (see nazorg/missen.py).
    melding = models.OneToOneField(
        Melding, on_delete=models.SET_NULL, null=True, blank=True, related_name="missen"
    )

    stop_liever_op = models.DateTimeField(_("said 'I'd rather stop' on"), null=True, blank=True)
    uitgeschreven_via_link = models.BooleanField(default=False)

    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afhandeling = models.CharField(max_length=20, choices=Afhandeling.choices, blank=True)

    class Meta:
        verbose_name = _("'we miss you' signal")
        verbose_name_plural = _("'we miss you' signals")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "groep", "bijeenkomst"],
                condition=Q(soort="afwezig"),
                name="missen_een_per_reeks",
            ),
            models.UniqueConstraint(
                fields=["user", "groep", "sinds"],
                condition=Q(soort="uitgeschreven"),
                name="missen_een_per_vertrek",
            ),
            models.CheckConstraint(
                condition=~Q(bericht="verzonden") | Q(verzonden_op__isnull=False),
                name="missen_verzonden_heeft_tijd",
            ),
        ]
        indexes = [
            models.Index(fields=["groep", "afgehandeld_op"]),
            models.Index(fields=["bericht"]),
            models.Index(fields=["aangemaakt_op"]),
            # This month's counts (missen.cijfers) read only this month's rows.
            models.Index(fields=["verzonden_op"], name="missen_verzonden_idx"),
            models.Index(fields=["stop_liever_op"], name="missen_stop_liever_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.soort}"


class MissenVoorkeur(models.Model):
    """A person's choice: no "we miss you" messages. No row means: messages on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="missen_voorkeur"
    )
    berichten = models.BooleanField(_("A message when I have been away for a while"), default=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("'we miss you' choice")
        verbose_name_plural = _("'we miss you' choices")

    def __str__(self):
        return f"{self.user_id}"
