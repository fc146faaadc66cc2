"""What facilitators keep for themselves: session logs and intervisie.

Both hold text about groups and people, so all of it is encrypted at rest, and who may
read it is decided here (the querysets) and in groepen/rules.py: session logs only by the
facilitators of that group, intervisie notes only by the members of that intervisiegroep.
Coordinators see that intervisie happened (counts), never what was said.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField

NOTITIE_MAX = 5_000


class Sessielog(models.Model):
    """A short process note after a meeting, shared by the group's facilitators."""

    bijeenkomst = models.OneToOneField(
        "groepen.Bijeenkomst",
        on_delete=models.CASCADE,
        related_name="sessielog",
        verbose_name=_("meeting"),
    )
    sfeer = EncryptedTextField(_("atmosphere"), blank=True)
    veiligheid = EncryptedTextField(_("safety"), blank=True)
    opvallend = EncryptedTextField(_("what stood out"), blank=True)
    opvolging = EncryptedTextField(_("to follow up"), blank=True)
    geschreven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session log")
        verbose_name_plural = _("session logs")

    def __str__(self):
        return _("Session log #%(pk)s") % {"pk": self.pk}


class IntervisiegroepQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Intervisiegroepen whose notes `user` may read: the ones they are in now."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(leden__user=user, leden__actief=True)


class Intervisiegroep(models.Model):
    naam = models.CharField(_("name"), max_length=120)
    beschrijving = models.TextField(_("description"), max_length=1000, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = IntervisiegroepQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class IntervisieLid(models.Model):
    """Membership of an intervisiegroep. Leaving keeps the row (actief=False), so the
    history stays, but access to the notes ends at once."""

    groep = models.ForeignKey(Intervisiegroep, on_delete=models.CASCADE, related_name="leden")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intervisie_lidmaatschappen",
    )
    actief = models.BooleanField(default=True)
    sinds = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intervision member")
        verbose_name_plural = _("intervision members")
        constraints = [
            models.UniqueConstraint(fields=["groep", "user"], name="intervisielid_uniek"),
        ]
        indexes = [models.Index(fields=["user", "actief"])]

    def __str__(self):
        return f"{self.user} – {self.groep}"


class Intervisiebijeenkomst(models.Model):
    class Methode(models.TextChoices):
        INCIDENT = "incident", _("Incident method")
        SOCRATISCH = "socratisch", _("Socratic dialogue")
        BALINT = "balint", _("Balint method")
        RODDEL = "roddel", _("Gossip method")
        OPLOSSINGSGERICHT = "oplossingsgericht", _("Solution-focused")
        EIGEN = "eigen", _("Our own way")

    class Thema(models.TextChoices):
        DUBBELROL = "dubbelrol", _("Double role: equal and responsible")
        GROEPSDYNAMIEK = "groepsdynamiek", _("Group dynamics")
        DOMINANT = "dominant", _("A dominant participant")
        GRENZEN = "grenzen", _("Boundaries and friendship")
        ERVARING = "ervaring", _("Using your own experience")
        ANDERS = "anders", _("Something else")

    groep = models.ForeignKey(
        Intervisiegroep, on_delete=models.CASCADE, related_name="bijeenkomsten"
    )
    begint_om = models.DateTimeField(_("date and time"))
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    methode = models.CharField(_("method"), max_length=20, choices=Methode.choices)
    thema = models.CharField(_("theme"), max_length=20, choices=Thema.choices, blank=True)
    inbrenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who brings the case"),
    )
    vraag = EncryptedTextField(_("the question"), blank=True)
    inzichten = EncryptedTextField(_("insights"), blank=True)
    afspraken = EncryptedTextField(_("agreements"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("intervision meeting")
        verbose_name_plural = _("intervision meetings")
        ordering = ["-begint_om"]
        indexes = [
            models.Index(fields=["groep", "-begint_om"]),
            models.Index(fields=["begint_om", "thema"]),
        ]

    def __str__(self):
        return _("Intervision #%(pk)s") % {"pk": self.pk}
