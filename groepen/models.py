from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Aanbod(models.Model):
    """Something the academy offers: a course, an ongoing group, a workshop, the walk-in."""

    class Soort(models.TextChoices):
        CURSUS = "cursus", _("course")
        HERSTELGROEP = "herstelgroep", _("recovery group")
        WORKSHOP = "workshop", _("workshop")
        INLOOP = "inloop", _("walk-in")

    titel = models.CharField(_("title"), max_length=120)
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    beschrijving = models.TextField(_("description"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offer")
        ordering = ["titel"]

    def __str__(self):
        return self.titel


class GroepQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The groups a person may open: their own, or all of them for a coordinator."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self.all()
        return self.filter(pk__in=Lidmaatschap.objects.filter(user=user).values("groep"))

    def met_rol(self, user, rol):
        # A subquery, not a join, so that later annotations still count every member.
        return self.filter(pk__in=Lidmaatschap.objects.filter(user=user, rol=rol).values("groep"))


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
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    startdatum = models.DateField(_("start date"))
    einddatum = models.DateField(_("end date"), null=True, blank=True)

    objects = GroepQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["startdatum", "naam"]
        indexes = [models.Index(fields=["startdatum"])]

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


class Lidmaatschap(models.Model):
    """A person's role in one group. One person can have different roles in different groups."""

    class Rol(models.TextChoices):
        DEELNEMER = "deelnemer", _("participant")
        FACILITATOR = "facilitator", _("facilitator")

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
    vrijwilliger = models.BooleanField(
        _("volunteer"),
        default=False,
        help_text=_("A former participant who now helps, for example as co-facilitator or host."),
    )
    sinds = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["groep", "user"], name="lidmaatschap_uniek"),
        ]
        indexes = [models.Index(fields=["user", "rol"])]

    def __str__(self):
        return f"{self.user} – {self.groep} ({self.get_rol_display()})"


class BijeenkomstQuerySet(models.QuerySet):
    def komend(self):
        return self.filter(begint_om__gte=timezone.now(), geannuleerd=False)

    def deze_week(self):
        now = timezone.localtime()
        start = now.replace(hour=0, minute=0, second=0, microsecond=0) - timezone.timedelta(
            days=now.weekday()
        )
        return self.filter(begint_om__gte=start, begint_om__lt=start + timezone.timedelta(days=7))


class Bijeenkomst(models.Model):
    groep = models.ForeignKey(
        Groep, on_delete=models.CASCADE, related_name="bijeenkomsten", verbose_name=_("group")
    )
    begint_om = models.DateTimeField(_("starts at"))
    eindigt_om = models.DateTimeField(_("ends at"))
    locatie = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Leave empty for the group's place.")
    )
    geannuleerd = models.BooleanField(_("cancelled"), default=False)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["begint_om"]
        indexes = [models.Index(fields=["groep", "begint_om"])]

    def __str__(self):
        return f"{self.groep} – {timezone.localtime(self.begint_om):%d-%m-%Y %H:%M}"

    @property
    def plaats(self):
        return self.locatie or self.groep.locatie
