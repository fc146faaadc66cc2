"""The aftercare community: a space per cohort (the people of a finished group) and one
for the whole academy. Plain-text posts (stored encrypted, like reflections: post text,
thread titles and the reasons in moderation cases, which can quote a post), the
"Herken ik" reaction, reporting, and a moderation queue for facilitators. Who sees which
space is decided by Ruimte.objects.zichtbaar_voor(user); hidden posts are never shown to members.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField
from groepen.models import Groep, Lidmaatschap

POST_MAX = 5_000
TITEL_MAX = 150
RICHTLIJNEN_VERSIE = 1


class RuimteQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user, vandaag=None):
        """Safe by design: the academy-wide space for people who took part in a group or
        were welcomed by a host (nazorg/toegang.py); a cohort space for the active
        participants and facilitators of its group. A named moderator (an active
        moderator role) sees their space. Coordinators as such are not members.
        `vandaag`: see community_lid."""
        from .toegang import benoemd_als_moderator, community_lid

        if not user.is_authenticated or not user.is_active:
            return self.none()
        eigen_groepen = Lidmaatschap.objects.actief().filter(user=user).values("groep")
        toegang = Q(groep__in=eigen_groepen) | benoemd_als_moderator(user, op=vandaag)
        return self.filter(toegang | (Q(groep__isnull=True) & community_lid(user, vandaag)))


class Ruimte(models.Model):
    class Signaalbeleid(models.TextChoices):
        PUBLICEREN = "publiceren", _("publish, and ask a facilitator to respond")
        VASTHOUDEN = "vasthouden", _("hold until a facilitator has looked at it")

    naam = models.CharField(_("name"), max_length=120)
    groep = models.OneToOneField(
        Groep,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ruimte",
        verbose_name=_("cohort of group"),
    )
    beschrijving = models.TextField(_("description"), max_length=1000, blank=True)
    anoniem_toegestaan = models.BooleanField(_("anonymous posts allowed"), default=False)
    signaalbeleid = models.CharField(
        _("posts with signal words"),
        max_length=20,
        choices=Signaalbeleid.choices,
        default=Signaalbeleid.PUBLICEREN,
    )
    # Moderation hours: when facilitators look in (local time). Outside them, a post that
    # three members report is held at once (nazorg/moderatie.py).
    kijkdagen = models.CharField(
        _("days a facilitator looks in"), max_length=13, default="0,1,2,3,4", blank=True
    )
    kijk_van = models.TimeField(_("from"), default=datetime.time(10, 0))
    kijk_tot = models.TimeField(_("until"), default=datetime.time(17, 0))
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = RuimteQuerySet.as_manager()

    class Meta:
        verbose_name = _("community space")
        verbose_name_plural = _("community spaces")
        ordering = ["naam"]
        constraints = [
            # Exactly one academy-wide space (groep empty): NULLs are never equal in a plain
            # unique index, so index the group id with 0 standing in for "no group".
            models.UniqueConstraint(Coalesce("groep", Value(0)), name="een_academieruimte"),
        ]

    def __str__(self):
        return self.naam

    @property
    def dagen(self) -> list[int]:
        """The moderation days, Monday = 0."""
        return sorted({int(d) for d in self.kijkdagen.split(",") if d.strip().isdigit()})

    def binnen_kijkuren(self, moment=None) -> bool:
        moment = timezone.localtime(moment or timezone.now())
        return moment.weekday() in self.dagen and self.kijk_van <= moment.time() < self.kijk_tot


class RichtlijnAkkoord(models.Model):
    """A member accepted the community guidelines (this version) once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="richtlijn_akkoorden"
    )
    versie = models.PositiveSmallIntegerField(default=RICHTLIJNEN_VERSIE)
    geaccepteerd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("guidelines accepted")
        verbose_name_plural = _("guidelines accepted")
        constraints = [
            models.UniqueConstraint(fields=["user", "versie"], name="richtlijn_akkoord_uniek"),
        ]

    def __str__(self):
        return f"{self.user_id} v{self.versie}"


class Status(models.TextChoices):
    ZICHTBAAR = "zichtbaar", _("visible")
    VASTGEHOUDEN = "vastgehouden", _("waiting for a facilitator")
    VERBORGEN = "verborgen", _("hidden")


class Draad(models.Model):
    ruimte = models.ForeignKey(Ruimte, on_delete=models.CASCADE, related_name="draden")
    # Encrypted: not searchable or orderable in SQL (max_length only guides the forms).
    titel = EncryptedTextField(_("title"), max_length=TITEL_MAX)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    anoniem = models.BooleanField(_("post without my name"), default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ZICHTBAAR)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    laatste_activiteit = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-laatste_activiteit", "-pk"]
        indexes = [
            models.Index(fields=["ruimte", "status", "-laatste_activiteit"]),
            # The coordinator's counts of the last 30 days read only that window.
            models.Index(fields=["aangemaakt_op", "status"], name="draad_aangemaakt_idx"),
        ]

    def __str__(self):
        return self.titel


class Bericht(models.Model):
    draad = models.ForeignKey(Draad, on_delete=models.CASCADE, related_name="berichten")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    anoniem = models.BooleanField(_("post without my name"), default=False)
    tekst = EncryptedTextField(_("your message"), max_length=POST_MAX)
    # A story from "Mijn verhaal" shared into the space as getuigenis (the version shown).
    getuigenis = models.ForeignKey(
        "herstelmodel.VerhaalVersie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ZICHTBAAR)
    # Contains a signal word: a facilitator is asked to respond supportively.
    signaal = models.BooleanField(default=False)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    bewerkt_op = models.DateTimeField(null=True, blank=True)
    # Taken back by its writer: the text is erased (tekst = ""), the row stays so the
    # replies keep their place (nazorg/bewerken.py).
    teruggenomen_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [
            models.Index(fields=["draad", "status", "aangemaakt_op"]),
            models.Index(fields=["auteur", "aangemaakt_op"]),
            # The coordinator's counts of the last 30 days (posts, who wrote) read only
            # that window, from the index alone.
            models.Index(
                fields=["aangemaakt_op", "status", "auteur"], name="bericht_aangemaakt_idx"
            ),
        ]

    def __str__(self):
        return _("Post #%(pk)s") % {"pk": self.pk}


class BerichtVersie(models.Model):
    """An earlier text of an edited post (and the thread title, for a first post), kept
    so moderators can see what changed. Erased when the post is taken back."""

    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="versies")
    tekst = EncryptedTextField(blank=True)
    titel = EncryptedTextField(blank=True)
    vervangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("earlier version of a post")
        verbose_name_plural = _("earlier versions of posts")
        ordering = ["vervangen_op", "pk"]
        indexes = [models.Index(fields=["bericht", "vervangen_op"])]

    def __str__(self):
        return f"{self.bericht_id} @ {self.vervangen_op:%Y-%m-%d %H:%M}"


class HerkenIk(models.Model):
    """The signature reaction: "I recognise this"."""

    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="herken_ik")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("'I recognise this'")
        verbose_name_plural = _("'I recognise this'")
        constraints = [
            models.UniqueConstraint(fields=["bericht", "user"], name="herken_ik_uniek"),
        ]
        # The coordinator's count of the last 30 days reads only that window.
        indexes = [models.Index(fields=["aangemaakt_op"], name="herkenik_aangemaakt_idx")]

    def __str__(self):
        return f"{self.user_id} → {self.bericht_id}"


class Moderatiezaak(models.Model):
    """A post in the moderation queue: reported by a member, or flagged by a signal word."""

    class Soort(models.TextChoices):
        GEMELD = "gemeld", _("reported by a member")
        SIGNAAL = "signaal", _("contains a signal word")
        VASTGEHOUDEN = "vastgehouden", _("held after reports by three members")

    class Besluit(models.TextChoices):
        VERBORGEN = "verborgen", _("hidden")
        HERSTELD = "hersteld", _("restored")
        GEEN_ACTIE = "geen_actie", _("no action needed")
        GEREAGEERD = "gereageerd", _("responded with support")

    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="zaken")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reden = EncryptedTextField(_("what is wrong?"), max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    besluit = models.CharField(max_length=20, choices=Besluit.choices, blank=True)
    besluit_reden = EncryptedTextField(_("reason"), max_length=500, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation queue")
        ordering = ["aangemaakt_op"]
        indexes = [models.Index(fields=["afgehandeld_op", "soort"])]
        constraints = [
            # One open report per member per post: reporting twice does not pile up.
            models.UniqueConstraint(
                fields=["bericht", "gemeld_door"],
                condition=Q(afgehandeld_op__isnull=True),
                name="een_open_melding_per_lid",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.soort}"


class Demping(models.Model):
    """A member muted a thread: no digest or notifications about it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    draad = models.ForeignKey(Draad, on_delete=models.CASCADE, related_name="dempingen")

    class Meta:
        verbose_name = _("muted thread")
        verbose_name_plural = _("muted threads")
        constraints = [models.UniqueConstraint(fields=["user", "draad"], name="demping_uniek")]

    def __str__(self):
        return f"{self.user_id} × {self.draad_id}"


class DigestVoorkeur(models.Model):
    """Opt-in weekly digest email of new threads in the person's spaces."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_voorkeur"
    )
    wekelijks = models.BooleanField(_("weekly summary by email"), default=False)
    laatst_verstuurd = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self):
        return f"{self.user_id}"
