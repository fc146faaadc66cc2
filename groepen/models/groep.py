"""The offer (aanbod), its groups and who belongs to them, in which role."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AanbodQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(gearchiveerd=False)


class Aanbod(models.Model):
    """Something the academy offers: a course, an ongoing group, a workshop, the walk-in."""

    class Soort(models.TextChoices):
        CURSUS = "cursus", _("course")
        HERSTELGROEP = "herstelgroep", _("recovery group")
        WORKSHOP = "workshop", _("workshop")
        INLOOP = "inloop", _("walk-in")
        # One-to-one, booked per time slot (models/gesprek.py): no groups, no enrolment.
        GESPREK = "gesprek", _("conversation with a peer expert")
        # Painting, yoga, meditation. Treated like a workshop (no certificate; a nazit
        # after the last meeting if the offer has one), but a series of meetings is fine:
        # see groepen/planning.py, beheer_forms.py and nazorg/planning.py.
        CREATIEF = "creatief", _("creative / body")
        # A peer group around a shared experience (voice hearers, grief). Treated like a
        # herstelgroep: ongoing, no end date, no certificate; someone who leaves is
        # invited to a nazit if the offer has one (nazorg/planning.py).
        LOTGENOTEN = "lotgenoten", _("peer support group")

    titel = models.CharField(_("title"), max_length=120)
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    beschrijving = models.TextField(_("description"), max_length=4000, blank=True)
    voor_wie = models.TextField(_("for whom"), max_length=1000, blank=True)
    meenemen = models.TextField(_("what to bring"), max_length=1000, blank=True)
    # The old free-text place. Kept only for text that could not become a Locatie (see
    # migration 0011_locaties_data); new offers choose `plek`.
    locatie = models.CharField(_("location (text)"), max_length=200, blank=True)
    plek = models.ForeignKey(
        "groepen.Locatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanbod",
        verbose_name=_("location"),
    )
    voor_naasten = models.BooleanField(
        _("for naasten"),
        default=False,
        help_text=_("For family and friends of someone in recovery."),
    )
    aantal_bijeenkomsten = models.PositiveSmallIntegerField(
        _("number of meetings"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("For a course: how many meetings it has, for example 8."),
    )
    duur_minuten = models.PositiveSmallIntegerField(
        _("length of a meeting (minutes)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    certificaat = models.BooleanField(
        _("certificate"),
        default=False,
        help_text=_("Participants who complete it get a certificate."),
    )
    voltooiing_percentage = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    # The nazit invitation is part of taking part (participants can say no at enrolment
    # or later). For a group that ends: everyone still in it on the last day; for an
    # ongoing herstelgroep: whoever leaves it. The walk-in never has one.
    nazit = models.BooleanField(
        _("a follow-up meeting (nazit) afterwards"),
        default=True,
        help_text=_(
            "Participants are invited back for a nazit after the last meeting. For a "
            "recovery group without an end: after someone leaves it."
        ),
    )
    gearchiveerd = models.BooleanField(
        _("archived"), default=False, help_text=_("No longer offered; its history is kept.")
    )

    objects = AanbodQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offer")
        ordering = ["titel"]

    def __str__(self):
        return self.titel

    @property
    def met_inschrijving(self) -> bool:
        """The walk-in needs no enrolment and a conversation is booked per time slot
        instead; everything else is enrolled in per group."""
        return self.soort not in (self.Soort.INLOOP, self.Soort.GESPREK)

    @property
    def is_gesprek(self) -> bool:
        return self.soort == self.Soort.GESPREK

    @property
    def met_nazit(self) -> bool:
        """Are participants of this offer invited to a nazit? Never for the walk-in or a
        one-to-one conversation: nobody finishes those (nazorg/planning.py)."""
        return self.nazit and self.soort not in (self.Soort.INLOOP, self.Soort.GESPREK)


class GroepQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The groups a person may open: their own, or all of them for a coordinator."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self.all()
        return self.filter(pk__in=Lidmaatschap.objects.actief().filter(user=user).values("groep"))

    def met_rol(self, user, rol):
        # A subquery, not a join, so that later annotations still count every member.
        return self.filter(
            pk__in=Lidmaatschap.objects.actief().filter(user=user, rol=rol).values("groep")
        )

    def lopend_op(self, datum):
        return self.filter(
            Q(startdatum__lte=datum) & (Q(einddatum__isnull=True) | Q(einddatum__gte=datum))
        )


class Groep(models.Model):
    """A concrete run of an aanbod, with its own people and meetings."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        LOPEND = "lopend", _("running")
        AFGEROND = "afgerond", _("finished")

    aanbod = models.ForeignKey(
        Aanbod, on_delete=models.PROTECT, related_name="groepen", verbose_name=_("offer")
    )
    naam = models.CharField(_("name"), max_length=120)
    # As on Aanbod: the free text is only a fallback for data that could not be migrated.
    locatie = models.CharField(_("location (text)"), max_length=200, blank=True)
    plek = models.ForeignKey(
        "groepen.Locatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groepen",
        verbose_name=_("location"),
    )
    capaciteit = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("How many participants can take part. Leave empty for no limit."),
    )
    startdatum = models.DateField(_("start date"))
    einddatum = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for an ongoing group.")
    )

    objects = GroepQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["startdatum", "naam"]
        indexes = [models.Index(fields=["startdatum"]), models.Index(fields=["einddatum"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")),
                name="groep_einde_na_start",
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if today < self.startdatum:
            return self.Status.GEPLAND
        if self.einddatum and today > self.einddatum:
            return self.Status.AFGEROND
        return self.Status.LOPEND

    def get_status_display(self):
        return self.Status(self.status).label

    @property
    def plaats(self):
        """Where the group meets: its Locatie, else the old text ("" when unknown).
        Templates show either with {% include "groepen/_plaats.html" %}."""
        return self.plek or self.locatie


class LidmaatschapQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(status=Lidmaatschap.Status.ACTIEF)

    def deelnemers(self):
        return self.filter(status=Lidmaatschap.Status.ACTIEF, rol=Lidmaatschap.Rol.DEELNEMER)

    def facilitators(self):
        return self.filter(status=Lidmaatschap.Status.ACTIEF, rol=Lidmaatschap.Rol.FACILITATOR)

    def wachtlijst(self):
        """Oldest first: the first on the list gets the next free place."""
        return self.filter(status=Lidmaatschap.Status.WACHTLIJST).order_by("status_sinds", "pk")


class Lidmaatschap(models.Model):
    """A person's place in one group: their role there and the state of their enrolment.

    One person can have different roles in different groups. A participant who cancels
    keeps the row (status "uitgeschreven") so attendance history stays whole and enrolling
    again reuses it.
    """

    class Rol(models.TextChoices):
        DEELNEMER = "deelnemer", _("participant")
        FACILITATOR = "facilitator", _("facilitator")

    class Status(models.TextChoices):
        ACTIEF = "actief", _("taking part")
        WACHTLIJST = "wachtlijst", _("on the waiting list")
        UITGESCHREVEN = "uitgeschreven", pgettext_lazy("enrolment status", "cancelled")

    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("group")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("person"),
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF
    )
    vrijwilliger = models.BooleanField(
        _("volunteer"),
        default=False,
        help_text=_("A former participant who now helps, for example as co-facilitator or host."),
    )
    motivatie = models.TextField(
        _("a few words about why you want to join"), max_length=1000, blank=True
    )
    sinds = models.DateTimeField(_("since"), default=timezone.now)
    # When the current status (and, for a facilitator, the current role) began. For an
    # active facilitator this is the start of their current facilitator membership:
    # herstelmodel lets them read only what was shared from then on. save() keeps it so.
    status_sinds = models.DateTimeField(_("status since"), default=timezone.now)

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["groep", "user"], name="lidmaatschap_uniek"),
        ]
        indexes = [
            models.Index(fields=["user", "rol"]),
            models.Index(fields=["groep", "status", "rol"]),
            # Who facilitates (the coordinator's home) from this small index alone, not
            # by scanning every membership there ever was.
            models.Index(
                fields=["user"],
                condition=Q(rol="facilitator", status="actief"),
                name="lidmaatschap_facilitator_idx",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.groep} ({self.get_rol_display()})"

    def save(self, *args, **kwargs):
        """A row that becomes an active facilitator through any path (planning, the
        admin, a script) starts its facilitator membership now, even when the code that
        changed it forgot status_sinds: the reading rights of shared entries hang on it.
        One extra query, only when an existing row is saved as an active facilitator."""
        if self.is_actieve_facilitator and not self._state.adding and self.pk:
            was = (
                Lidmaatschap.objects.filter(pk=self.pk, rol=self.Rol.FACILITATOR)
                .filter(status=self.Status.ACTIEF)
                .exists()
            )
            if not was:
                self.status_sinds = max(self.status_sinds, timezone.now())
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "status_sinds"}
        super().save(*args, **kwargs)

    @property
    def is_actieve_facilitator(self) -> bool:
        return self.rol == self.Rol.FACILITATOR and self.status == self.Status.ACTIEF
