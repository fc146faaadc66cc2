"""A first conversation (kennismaking): someone asks to meet us, and the hosts pick it up.

Hosts: the people with an active host role (Vrijwilligersrol GASTHEER, models/rol.py),
started by the coordinator; they host the inloop and welcome newcomers. In Dutch this
role is "gastvrouw" or "gastheer"; the app says "host" (a word Dutch academies use as
well) because one noun for everyone is clearer than a pair, and it does not tie the role
to a gender.

Kennismaking: one request, made with or without an account. It holds personal data of
someone we do not know yet (a first name and a way to reach them), so only the hosts see
it, the coordinator sees the ones nobody picked up in time (groepen/kennismaking.py),
and every request is erased KENNISMAKING_BEWAARDAGEN days after it was made.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from deelnemers.fields import EncryptedTextField

from .rol import Vrijwilligersrol

VOORNAAM_MAX = 60
TELEFOON_MAX = 30
WENS_MAX = 1000
NOTITIE_MAX = 500
# Done requests stay visible to the hosts this long (what was agreed, who called).
AFGEROND_ZICHTBAAR = datetime.timedelta(days=14)


def actieve_hosts(op=None):
    """Host roles that count today (or on `op`): who sees the requests."""
    return Vrijwilligersrol.objects.actief(op).filter(soort=Vrijwilligersrol.Soort.GASTHEER)


class KennismakingQuerySet(models.QuerySet):
    def open(self):
        """Nobody has picked these up yet."""
        return self.filter(opgepakt_op__isnull=True)

    def lopend(self):
        """Picked up, not yet done."""
        return self.filter(opgepakt_op__isnull=False, afgerond_op__isnull=True)

    def actueel(self, nu, met_afgerond=True):
        """Open and picked-up requests, and (met_afgerond) the recently done ones."""
        bezig = Q(afgerond_op__isnull=True)
        if met_afgerond:
            bezig |= Q(afgerond_op__gte=nu - AFGEROND_ZICHTBAAR)
        return self.filter(bezig)

    def zichtbaar_voor_host(self, user):
        """Every request for someone with an active host role, none for anyone else (one
        query, no role lookup first: the subquery decides, so a role that ended today
        shows nothing today)."""
        if not user or not user.is_authenticated:
            return self.none()
        return self.filter(models.Exists(actieve_hosts().filter(user=user)))


class Kennismaking(models.Model):
    """A request for a first conversation, or a note that someone will come to the inloop."""

    class Soort(models.TextChoices):
        GESPREK = "gesprek", _("a first conversation")
        INLOOP = "inloop", _("I'll drop in at the walk-in")

    class Via(models.TextChoices):
        BELLEN = "bellen", _("by phone")
        MAILEN = "mailen", _("by email")

    soort = models.CharField(
        _("what you would like"), max_length=10, choices=Soort.choices, default=Soort.GESPREK
    )
    voornaam = models.CharField(_("first name"), max_length=VOORNAAM_MAX)
    email = models.EmailField(_("email address"), blank=True)
    telefoon = models.CharField(_("phone number"), max_length=TELEFOON_MAX, blank=True)
    # What they are looking for, in their own words: encrypted at rest, like other
    # personal text, because people may write about how they are doing.
    wens = EncryptedTextField(_("what you are looking for"), blank=True)
    # The words passed the crisis detector: hosts see this request first, with a hint.
    signaal = models.BooleanField(default=False)
    # Set when the asker was signed in, so their privacy export and erasure find it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kennismakingen",
    )
    aangemaakt_op = models.DateTimeField(_("asked on"), db_index=True)

    opgepakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opgepakte_kennismakingen",
    )
    opgepakt_op = models.DateTimeField(null=True, blank=True)
    opgepakt_via = models.CharField(max_length=10, choices=Via.choices, blank=True)
    afgerond_op = models.DateTimeField(null=True, blank=True)
    # A short note among hosts ("called, comes on Thursday"); encrypted at rest.
    notitie = EncryptedTextField(_("note for the hosts"), blank=True)

    objects = KennismakingQuerySet.as_manager()

    class Meta:
        verbose_name = _("first conversation request")
        verbose_name_plural = _("first conversation requests")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            # One way to reach them is the whole point of the request.
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(telefoon=""), name="kennismaking_bereikbaar"
            ),
            # Done only after someone picked it up.
            models.CheckConstraint(
                condition=Q(afgerond_op__isnull=True) | Q(opgepakt_op__isnull=False),
                name="kennismaking_afgerond_na_oppakken",
            ),
        ]
        indexes = [models.Index(fields=["opgepakt_op", "aangemaakt_op"])]

    def __str__(self):
        return f"{self.voornaam} ({self.aangemaakt_op:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.opgepakt_op is None

    @property
    def is_afgerond(self) -> bool:
        return self.afgerond_op is not None
