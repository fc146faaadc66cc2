"""Consent to the privacy statement: accepting a version, publishing a new one, and the
cheap check the middleware does on every request.

The check costs at most one query per request for a logged-in person: the id of the
statement in force is cached for a short time (and dropped when a coordinator
publishes), and once someone is known to have accepted it, the session remembers that.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent
from lib import privacy as privacy_register

from .models import Privacyverklaring, Toestemming

CACHE_KEY = "privacy:geldende-verklaring"
CACHE_SECONDS = 60
SESSION_KEY = "privacy_geaccepteerd"
# No statement published at all: cached as 0, so even then there is no query per request.
GEEN = 0


def verplicht() -> bool:
    """Tests that log people in directly switch the check off (tests/settings.py)."""
    return getattr(settings, "PRIVACY_TOESTEMMING_VERPLICHT", True)


def geldende_verklaring() -> Privacyverklaring | None:
    return Privacyverklaring.objects.geldend()


def geldende_id() -> int:
    """Id of the statement in force, or GEEN. Cached: costs no query most of the time."""
    pk = cache.get(CACHE_KEY)
    if pk is None:
        verklaring = geldende_verklaring()
        pk = verklaring.pk if verklaring else GEEN
        cache.set(CACHE_KEY, pk, CACHE_SECONDS)
    return pk


def _sessiewaarde(user, verklaring_id: int) -> str:
    # The user id is part of the value, so a session can never carry one person's
    # acceptance over to another.
    return f"{user.pk}:{verklaring_id}"


def moet_accepteren(request) -> bool:
    """Does this logged-in person still have to accept the statement in force?"""
    verklaring_id = geldende_id()
    if verklaring_id == GEEN:
        return False
    waarde = _sessiewaarde(request.user, verklaring_id)
    if request.session.get(SESSION_KEY) == waarde:
        return False
    if Toestemming.objects.filter(user=request.user, verklaring_id=verklaring_id).exists():
        request.session[SESSION_KEY] = waarde
        return False
    return True


def heeft_geaccepteerd(user, verklaring: Privacyverklaring) -> bool:
    return Toestemming.objects.filter(user=user, verklaring=verklaring).exists()


def accepteer(user, verklaring: Privacyverklaring, request=None, **details) -> Toestemming:
    """Record that `user` accepted this version now. Accepting twice changes nothing.

    `details` go into the audit event (short codes only, e.g. the email choices).
    """
    try:
        with transaction.atomic():
            toestemming, nieuw = Toestemming.objects.get_or_create(user=user, verklaring=verklaring)
    except IntegrityError:  # the same person clicked twice at the same moment
        toestemming, nieuw = Toestemming.objects.get(user=user, verklaring=verklaring), False
    if nieuw:
        record(
            AuditEvent.Soort.TOESTEMMING,
            actor=user,
            betreft=user,
            versie=verklaring.versie,
            **details,
        )
    if request is not None and verklaring.pk == geldende_id():
        request.session[SESSION_KEY] = _sessiewaarde(user, verklaring.pk)
    return toestemming


def accepteer_geldende(user) -> Toestemming | None:
    """Accept the statement in force for `user`, if there is one (the demo command)."""
    verklaring = geldende_verklaring()
    return accepteer(user, verklaring) if verklaring else None


def bij_aanmelding(user, *, digest: bool) -> None:
    """Sign-up: the statement in force is accepted, and the optional email choice becomes
    the person's setting, where they can change it later (the app that owns the choice
    saves it: nazorg, through its privacy provider). Nazit emails are not asked here:
    they follow the defaults (on) until the person says no at enrolment or later."""
    antwoorden = {"digest": digest}
    with transaction.atomic():
        for provider in privacy_register.providers():
            if provider.bij_aanmelding is not None:
                provider.bij_aanmelding(user, antwoorden)
        verklaring = geldende_verklaring()
        if verklaring is not None:
            accepteer(user, verklaring, digest=digest)


def emailkeuzes(user) -> dict:
    """The person's current email choices ("nazit_email", "digest"), as the apps that
    own them report them ("My privacy" shows them)."""
    keuzes = {}
    for provider in privacy_register.providers():
        if provider.keuzes is not None:
            keuzes.update(provider.keuzes(user))
    return keuzes


def publiceer(*, samenvatting: str, tekst: str, door) -> Privacyverklaring:
    """A new version, in force at once: everyone accepts it again at their next visit."""
    with transaction.atomic():
        laatste = (
            Privacyverklaring.objects.select_for_update().order_by("-versie").first()
        )  # one publication at a time, so two coordinators never get the same number
        verklaring = Privacyverklaring.objects.create(
            versie=(laatste.versie + 1) if laatste else 1,
            samenvatting=samenvatting,
            tekst=tekst,
            gepubliceerd_op=timezone.now(),
            gepubliceerd_door=door,
        )
    cache.delete(CACHE_KEY)
    return verklaring


def blokken(tekst: str) -> list[dict]:
    """The statement as readable blocks: a short first line that does not end a sentence
    is a heading, lines starting with "- " are a list, other lines are paragraphs.
    Plain text stays the source, so a coordinator never needs to write markup."""
    resultaat = []
    for blok in tekst.replace("\r\n", "\n").split("\n\n"):
        regels = [regel.strip() for regel in blok.split("\n") if regel.strip()]
        if not regels:
            continue
        kop = None
        eerste = regels[0]
        if (
            len(regels) > 1
            and len(eerste) <= 80
            and not eerste.startswith("- ")
            and not eerste.endswith((".", ":", ","))
        ):
            kop, regels = eerste, regels[1:]
        delen = []  # in order: {"alinea": text} or {"punten": [text, ...]}
        for regel in regels:
            if not regel.startswith("- "):
                delen.append({"alinea": regel})
            elif delen and "punten" in delen[-1]:
                delen[-1]["punten"].append(regel[2:])
            else:
                delen.append({"punten": [regel[2:]]})
        resultaat.append({"kop": kop, "delen": delen})
    return resultaat


def versies_met_aantallen():
    """All published versions, newest first, with how many people accepted each.

    Counts only, never who: the page shows them to coordinators.
    """
    return Privacyverklaring.objects.annotate(aantal=Count("toestemming")).order_by("-versie")
