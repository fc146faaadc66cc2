"""Reflections along the six-step model, herkenning moments and "Mijn verhaal".

Everything a person writes here is theirs: private unless they share it, encrypted at
rest (deelnemers.fields.EncryptedTextField), and never shown to coordinators. Who may
see what is decided in one place per model: the `zichtbaar_voor(user)` querysets below.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField
from groepen.models import Bijeenkomst, Groep, Lidmaatschap


class Stap(models.IntegerChoices):
    """The six steps of "De ander als spiegel". Not a ladder: people move back and forth."""

    PROJECTIE = 1, _("Projection")
    HERKENNING = 2, _("Recognition")
    ERKENNING = 3, _("Acknowledgement")
    VERBINDING = 4, _("Connection")
    JEZELF_TERUGVINDEN = 5, _("Finding yourself again")
    GETUIGENIS = 6, _("Sharing your story")


class Zichtbaarheid(models.TextChoices):
    ALLEEN_IK = "alleen_ik", _("only me")
    FACILITATORS = "facilitators", _("the facilitators of this group")
    GROEP = "groep", _("this group")


class Gevoel(models.TextChoices):
    RUSTIG = "rustig", _("calm")
    OPGELUCHT = "opgelucht", _("relieved")
    HOOPVOL = "hoopvol", _("hopeful")
    DANKBAAR = "dankbaar", _("grateful")
    ONZEKER = "onzeker", _("unsure")
    VERDRIETIG = "verdrietig", _("sad")
    BOOS = "boos", _("angry")
    BANG = "bang", _("afraid")
    MOE = "moe", _("tired")


TEKST_MAX = 10_000
NOTITIE_MAX = 1_000


def facilitator_sinds(user, groep_ref, moment_ref):
    """True where `user` is an active facilitator of the group at `groep_ref` and became
    one at or before `moment_ref` (both OuterRefs into the outer query).

    The rule "a facilitator reads only what was shared after they joined": someone who
    becomes facilitator of a group later (a coordinator can add anyone, themselves too)
    must not read what participants shared before, when they could not know that person
    would read it. The start is Lidmaatschap.status_sinds of the current active
    facilitator membership (groepen keeps it at the latest start, see Lidmaatschap.save);
    a moment that is NULL never matches.
    """
    return Exists(
        Lidmaatschap.objects.facilitators().filter(
            user=user, groep=groep_ref, status_sinds__lte=moment_ref
        )
    )


def _gedeeld_met(user):
    """Entries `user` may read because someone shared them (never their own).

    Only while the author is still active in that group: someone who leaves takes
    their shared words with them. A participant of the group reads what was shared with
    the group; a facilitator reads what was shared with the facilitators or with the
    group, but only what was shared since they became its facilitator (`gedeeld_op`).
    """
    als_deelnemer = Lidmaatschap.objects.deelnemers().filter(user=user).values("groep")
    auteur_nog_in_groep = Exists(
        Lidmaatschap.objects.actief().filter(user=OuterRef("auteur"), groep=OuterRef("groep"))
    )
    als_facilitator = facilitator_sinds(user, OuterRef("groep"), OuterRef("gedeeld_op"))
    return (
        Q(zichtbaarheid=Zichtbaarheid.GROEP, groep__in=als_deelnemer)
        | Q(als_facilitator, zichtbaarheid__in=[Zichtbaarheid.FACILITATORS, Zichtbaarheid.GROEP])
    ) & Q(auteur_nog_in_groep)


class GedeeldQuerySet(models.QuerySet):
    def van(self, user):
        return self.filter(auteur=user)

    def gedeeld_met(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(_gedeeld_met(user)).exclude(auteur=user)

    def zichtbaar_voor(self, user):
        """Own entries, plus what others shared with a group the person is active in.

        Coordinators get nothing extra: they see aggregates only, elsewhere.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Q(auteur=user) | _gedeeld_met(user))


class Deelbaar:
    """What a shareable item (Reflectie, Steunplan) does on save: a shared item always has
    its sharing moment, without which no facilitator could read it (see
    facilitator_sinds); a private one never has one. Code paths that set it themselves
    win. A plain mixin (no fields), so the models' migrations do not change."""

    def save(self, *args, **kwargs):
        if self.gedeeld and self.gedeeld_op is None:
            self.gedeeld_op = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "gedeeld_op"}
        elif not self.gedeeld:
            self.gedeeld_op = None
        super().save(*args, **kwargs)

    @property
    def gedeeld(self) -> bool:
        return self.zichtbaarheid != Zichtbaarheid.ALLEEN_IK


class Reflectie(Deelbaar, models.Model):
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reflecties",
        verbose_name=_("author"),
    )
    groep = models.ForeignKey(
        Groep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflecties",
        verbose_name=_("group"),
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflecties",
        verbose_name=_("meeting"),
    )
    stap = models.PositiveSmallIntegerField(_("step"), choices=Stap.choices)
    tekst = EncryptedTextField(_("your reflection"))
    gevoel = models.CharField(_("feeling"), max_length=20, choices=Gevoel.choices, blank=True)
    zichtbaarheid = models.CharField(
        _("who may read this"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.ALLEEN_IK,
    )
    aangemaakt_op = models.DateTimeField(_("written on"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("changed on"), auto_now=True)
    # When it reached its current audience (set by reflectie.opslaan/wijzig_zichtbaarheid;
    # None while private). Facilitators see entries shared after their last visit as new,
    # and read only entries shared since they became facilitator of the group.
    gedeeld_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = GedeeldQuerySet.as_manager()

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["auteur", "-aangemaakt_op"]),
            models.Index(fields=["groep", "zichtbaarheid", "-aangemaakt_op"]),
            models.Index(fields=["bijeenkomst"]),
            # Academy-wide figures per period (the modelspiegel, the monthly summaries);
            # with the author and the step in the index those figures never read the
            # rows themselves (PostgreSQL: an index-only scan; see docs/performance.md).
            models.Index(
                fields=["aangemaakt_op"],
                include=["auteur", "stap"],
                name="reflectie_aangemaakt_incl_idx",
            ),
        ]

    def __str__(self):
        # Never the text: this shows up in admin lists and error reports.
        return _("Reflection #%(pk)s") % {"pk": self.pk}


class Leesmoment(models.Model):
    """Append-only: every time a facilitator (or group member) opens a shared reflection.
    The author sees who read it and when."""

    reflectie = models.ForeignKey(Reflectie, on_delete=models.CASCADE, related_name="leesmomenten")
    lezer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leesmomenten"
    )
    gelezen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("read")
        verbose_name_plural = _("reads")
        ordering = ["-gelezen_op"]
        indexes = [models.Index(fields=["reflectie", "lezer", "-gelezen_op"])]

    def __str__(self):
        return f"#{self.reflectie_id} {self.gelezen_op:%Y-%m-%d %H:%M}"


class Herkenningsmoment(models.Model):
    """A quick note: "I recognised myself in someone's story" — or the opposite."""

    class Soort(models.TextChoices):
        HERKEND = "herkend", _("I recognised myself")
        NIET_HERKEND = "niet_herkend", _("I did not feel recognised")

    class Oorzaak(models.TextChoices):
        VERHAAL = "verhaal", _("the story itself")
        HOUDING = "houding", _("the facilitator's attitude")
        SFEER = "sfeer", _("the atmosphere in the group")
        ANDERS = "anders", _("something else")

    class Belemmering(models.TextChoices):
        GEEN_RUIMTE = "geen_ruimte", _("there was no room for my story")
        TE_ANDERS = "te_anders", _("the stories were too far from mine")
        NIET_VEILIG = "niet_veilig", _("it did not feel safe")
        NIET_GEHOORD = "niet_gehoord", _("I did not feel heard")
        ANDERS = "anders", _("something else")

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="herkenningsmomenten",
        verbose_name=_("author"),
    )
    groep = models.ForeignKey(
        Groep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herkenningsmomenten",
        verbose_name=_("group"),
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herkenningsmomenten",
        verbose_name=_("meeting"),
    )
    soort = models.CharField(_("what happened"), max_length=20, choices=Soort.choices)
    oorzaak = models.CharField(
        _("what made it click"), max_length=20, choices=Oorzaak.choices, blank=True
    )
    belemmering = models.CharField(
        _("what stood in the way"), max_length=20, choices=Belemmering.choices, blank=True
    )
    notitie = EncryptedTextField(_("a note for yourself"), blank=True)
    aangemaakt_op = models.DateTimeField(_("noted on"), default=timezone.now)

    class Meta:
        verbose_name = _("moment of recognition")
        verbose_name_plural = _("moments of recognition")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["auteur", "-aangemaakt_op"]),
            models.Index(fields=["bijeenkomst", "soort"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(soort="herkend") & Q(belemmering=""))
                | (Q(soort="niet_herkend") & Q(oorzaak="")),
                name="herkenning_oorzaak_of_belemmering",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} #{self.pk}"


class Verhaal(models.Model):
    """ "Mijn verhaal": one story per person, kept as versions. Sharing it with a group
    makes it a getuigenis there (the version chosen when sharing, not later drafts)."""

    auteur = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verhaal",
        verbose_name=_("author"),
    )
    gedeeld_met = models.ForeignKey(
        Groep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="getuigenissen",
        verbose_name=_("shared with group"),
    )
    gedeelde_versie = models.ForeignKey(
        "VerhaalVersie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared version"),
    )
    gedeeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("my story")
        verbose_name_plural = _("my stories")

    def __str__(self):
        return _("Story #%(pk)s") % {"pk": self.pk}


class VerhaalVersie(models.Model):
    verhaal = models.ForeignKey(Verhaal, on_delete=models.CASCADE, related_name="versies")
    titel = EncryptedTextField(_("title"), blank=True)
    # The sections as JSON ({"deel": "text", ...}), encrypted as one value.
    inhoud = EncryptedTextField(_("text"))
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["verhaal", "-aangemaakt_op"])]

    def __str__(self):
        return _("Version #%(pk)s") % {"pk": self.pk}


class Steunplan(Deelbaar, models.Model):
    """ "Mijn steunplan": one personal support plan per person, in their own words (after
    WRAP: what keeps me well, early signs, what helps then, people to call, places to go).

    Private by default and shareable like a reflection (the same GedeeldQuerySet decides
    who reads it). Every part is encrypted. The help box (templates/_hulp_nu.html) shows
    it to its author when something they wrote has signal words.
    """

    auteur = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="steunplan",
        verbose_name=_("author"),
    )
    goed_voor_mij = EncryptedTextField(_("what keeps me well"), blank=True)
    signalen = EncryptedTextField(_("early signs"), blank=True)
    wat_helpt = EncryptedTextField(_("what helps me then"), blank=True)
    mensen = EncryptedTextField(_("people I can call"), blank=True)
    plekken = EncryptedTextField(_("places I can go"), blank=True)
    groep = models.ForeignKey(
        Groep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steunplannen",
        verbose_name=_("shared with group"),
    )
    zichtbaarheid = models.CharField(
        _("who may read this"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.ALLEEN_IK,
    )
    aangemaakt_op = models.DateTimeField(_("made on"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("changed on"), auto_now=True)
    # As on Reflectie: when it last reached a (new) audience.
    gedeeld_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = GedeeldQuerySet.as_manager()

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        indexes = [models.Index(fields=["groep", "zichtbaarheid"])]

    def __str__(self):
        # Never the text: this shows up in admin lists and error reports.
        return _("Support plan #%(pk)s") % {"pk": self.pk}


class SteunplanLezing(models.Model):
    """Append-only: every time someone else opens a shared support plan. The author sees
    who read it and when (as with Leesmoment for reflections)."""

    steunplan = models.ForeignKey(Steunplan, on_delete=models.CASCADE, related_name="lezingen")
    lezer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steunplan_lezingen"
    )
    gelezen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("read of a support plan")
        verbose_name_plural = _("reads of support plans")
        ordering = ["-gelezen_op"]
        indexes = [models.Index(fields=["steunplan", "lezer", "-gelezen_op"])]

    def __str__(self):
        return f"#{self.steunplan_id} {self.gelezen_op:%Y-%m-%d %H:%M}"
