"""Nazorg: follow-up ("nazit") moments after a course ends, and reminders for them.

The database is the source of truth for background work: every reminder is a row with a
state, a unique key per person and moment, and Celery only moves rows forward (see
nazorg/herinneringen.py for the delivery guarantee).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Aanbod, Groep

STANDAARD_PLAN = (14, 42, 91)  # 2 weeks, 6 weeks and 3 months after the last meeting


class NazitPlanMoment(models.Model):
    """One step of an aanbod's nazit plan: "N days after the last meeting"."""

    aanbod = models.ForeignKey(
        Aanbod, on_delete=models.CASCADE, related_name="nazit_plan", verbose_name=_("offer")
    )
    dagen_na_einde = models.PositiveSmallIntegerField(
        _("days after the last meeting"),
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )

    class Meta:
        verbose_name = _("follow-up plan step")
        verbose_name_plural = _("follow-up plan")
        ordering = ["aanbod", "dagen_na_einde"]
        constraints = [
            models.UniqueConstraint(fields=["aanbod", "dagen_na_einde"], name="nazitplan_uniek"),
        ]

    def __str__(self):
        return f"{self.aanbod} +{self.dagen_na_einde}"


class NazitMoment(models.Model):
    """A planned follow-up for one finished group. A facilitator or coordinator can
    attach a real meeting to it (date, time, place)."""

    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="nazit_momenten", verbose_name=_("group")
    )
    dagen_na_einde = models.PositiveSmallIntegerField(_("days after the last meeting"))
    # Empty: a moment after the group's end, for everyone in it then. A date: a moment for
    # the people who left this (ongoing) recovery group on that day, counted from then.
    vertrek = models.DateField(_("left on"), null=True, blank=True)
    datum = models.DateField(_("planned for"))
    begint_om = models.DateTimeField(_("meeting starts at"), null=True, blank=True)
    locatie = models.CharField(_("place"), max_length=200, blank=True)
    notitie = models.TextField(_("note"), max_length=1000, blank=True)
    # Raised at every change of date, place or note (and at calling off), so messages
    # and calendar entries (SEQUENCE) know which version they carry.
    versie = models.PositiveIntegerField(default=0)
    # When a date was first set: an invitation sent before it did not carry the date,
    # so its receiver is told "datum bekend" rather than "datum gewijzigd".
    datum_gezet_op = models.DateTimeField(null=True, blank=True)
    afgelast_op = models.DateTimeField(_("called off on"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up moment")
        verbose_name_plural = _("follow-up moments")
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(
                fields=["groep", "dagen_na_einde"],
                condition=Q(vertrek__isnull=True),
                name="nazitmoment_uniek",
            ),
            models.UniqueConstraint(
                fields=["groep", "vertrek", "dagen_na_einde"],
                condition=Q(vertrek__isnull=False),
                name="nazitmoment_vertrek_uniek",
            ),
        ]
        indexes = [models.Index(fields=["datum"]), models.Index(fields=["begint_om"])]

    def __str__(self):
        return f"{self.groep} – {self.datum}"

    @property
    def afgelast(self) -> bool:
        return self.afgelast_op is not None


class Herinnering(models.Model):
    """One reminder for one person about one nazit moment: exactly one row, ever."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        BEZIG = "bezig", _("being sent")
        VERZONDEN = "verzonden", _("sent")
        MISLUKT = "mislukt", _("failed")
        AFGEMELD = "afgemeld", _("unsubscribed")

    class Antwoord(models.TextChoices):
        JA = "ja", _("yes")
        MISSCHIEN = "misschien", _("maybe")
        NEE = "nee", _("no")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="nazit_herinneringen",
        verbose_name=_("person"),
    )
    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="nazit_herinneringen", verbose_name=_("group")
    )
    moment = models.ForeignKey(NazitMoment, on_delete=models.CASCADE, related_name="herinneringen")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    verstuur_op = models.DateTimeField(_("send at"))
    # Claim bookkeeping (see herinneringen.py): which run holds the row (a token, new per
    # claim) and since when (the lease). Both are set while BEZIG and empty otherwise.
    claim = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    geclaimd_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    # Set just before the final "." of SMTP DATA (herinneringen.py): a row recovered from a
    # dead worker with this set may already have been delivered once.
    poging_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=500, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    antwoord = models.CharField(max_length=20, choices=Antwoord.choices, blank=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    # Filled in by a facilitator after the nazit: did this person come? (None: not known.)
    aanwezig = models.BooleanField(_("was there"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "groep", "moment"], name="herinnering_uniek_per_moment"
            ),
            models.CheckConstraint(
                condition=~Q(status="verzonden") | Q(verzonden_op__isnull=False),
                name="herinnering_verzonden_heeft_tijd",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "verstuur_op"]),
            models.Index(fields=["status", "geclaimd_op"]),
        ]

    def __str__(self):
        return f"#{self.pk} {self.status}"


class NazorgVoorkeur(models.Model):
    """A person's choices: stop reminders for one group (groep set) or for all (groep
    empty), and how to receive them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nazorg_voorkeuren"
    )
    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, null=True, blank=True)
    gestopt = models.BooleanField(_("no more follow-up reminders"), default=False)
    per_email = models.BooleanField(_("by email"), default=True)
    in_app = models.BooleanField(_("in the app"), default=True)

    class Meta:
        verbose_name = _("follow-up preference")
        verbose_name_plural = _("follow-up preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "groep"], name="voorkeur_per_groep_uniek"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(groep__isnull=True), name="voorkeur_algemeen_uniek"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}/{self.groep_id}"


class Melding(models.Model):
    """An in-app notification. Short, no sensitive content: a title and a link.

    Community notifications (nazorg/gesprekmeldingen.py) also point at the post they are
    about, so they disappear when that post is hidden; their stored title holds no names
    and no thread title (those are personal text, shown only live to members)."""

    class Soort(models.TextChoices):
        OVERIG = "", _("other")
        REACTIE = "reactie", _("reply")
        HERKEN_IK = "herken_ik", _("'I recognise this'")
        MODERATIE = "moderatie", _("moderation")
        NIEUW_GESPREK = "nieuw_gesprek", _("new conversation in a space you follow")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    titel = models.CharField(max_length=200)
    link = models.CharField(max_length=300, blank=True)
    herinnering = models.OneToOneField(
        Herinnering, on_delete=models.CASCADE, null=True, blank=True, related_name="melding"
    )
    soort = models.CharField(max_length=20, choices=Soort.choices, default="", blank=True)
    bericht = models.ForeignKey(
        "nazorg.Bericht", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A message about a nazit after its invitation (nazorg/nazitberichten.py): once each.
    nazit_bericht = models.OneToOneField(
        "nazorg.NazitBericht",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="melding",
    )
    # "Herken ik" is grouped: how many people the (unread) notification counts.
    aantal = models.PositiveIntegerField(default=0)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gelezen_op = models.DateTimeField(null=True, blank=True)
    # "New conversation" (nazorg/volgen.py) is grouped per space: it counts the visible
    # threads started in `ruimte` from `sinds` up to `aangemaakt_op`.
    ruimte = models.ForeignKey(
        "nazorg.Ruimte", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sinds = models.DateTimeField(null=True, blank=True)
    # A reply that went out by email (nazorg/gesprekmail.py) is not mailed again.
    gemaild_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(fields=["user", "gelezen_op"]),
            models.Index(fields=["user", "-aangemaakt_op"], name="melding_user_nieuwste"),
            # The replies still to be mailed: the mail run reads only these.
            models.Index(
                fields=["user"],
                condition=Q(soort="reactie", gelezen_op__isnull=True, gemaild_op__isnull=True),
                name="melding_nog_te_mailen",
            ),
        ]
        constraints = [
            # Exactly once: one notification per reply per person, and at most one unread
            # "Herken ik" notification per post (it is updated, not repeated).
            models.UniqueConstraint(
                fields=["user", "bericht"],
                condition=Q(soort="reactie"),
                name="melding_een_per_reactie",
            ),
            models.UniqueConstraint(
                fields=["user", "bericht"],
                condition=Q(soort="herken_ik", gelezen_op__isnull=True),
                name="melding_een_open_herken_ik",
            ),
            models.UniqueConstraint(
                fields=["user", "ruimte"],
                condition=Q(soort="nieuw_gesprek", gelezen_op__isnull=True),
                name="melding_een_open_nieuw_gesprek",
            ),
        ]

    def __str__(self):
        return self.titel
