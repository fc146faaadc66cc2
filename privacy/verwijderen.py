"""Erasing an account: a request, a cooling-off period, then one transaction.

What a person wrote is deleted (reflections, herkenning notes, their story, session logs
and intervisie notes, reminders not yet sent, preferences). Community posts are deleted
or kept without a name, by their choice. The user row itself stays, scrubbed of
everything personal, so that anonymous attendance counts and the append-only audit
trail stay consistent (an Aanwezigheid row then only says "someone was there").
What each app deletes, and what stops an erasure, is in that app's privacy provider
(`<app>/privacy.py`, registered with lib.privacy); this module runs them in one go.

Nothing here logs personal data: only ids.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import AuditEvent
from lib import privacy as privacy_register
from lib.mail import bouw_mail

from .models import Verwijderverzoek

logger = logging.getLogger(__name__)

ANNULEER_SALT = "privacy.verwijderen.annuleren"
BATCH = 100


class Geblokkeerd(Exception):
    """The account cannot be erased yet; the message says why and what to do."""


class OngeldigeLink(Exception):
    """The undo link was changed or made up."""


class VerlopenLink(Exception):
    """The undo link is real but older than the cooling-off period."""


def bedenktijd() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "VERWIJDER_BEDENKTIJD_DAGEN", 7))


# --- Who may be erased -----------------------------------------------------------------


def blokkade(user) -> str | None:
    """Why this account cannot be erased now, in plain words; None when it can."""
    if user.is_coordinator or user.is_staff or user.is_superuser:
        return _(
            "You have the coordinator or administrator role. The technical administrator "
            "first needs to take that role away. After that you can delete your account here."
        )
    # What the apps add, e.g. groepen: a facilitator still running a group.
    for b in privacy_register.blokkades():
        reden = b.reden(user)
        if reden:
            return reden
    return None


# --- The request and the cooling-off period ----------------------------------------------


def wachtend_verzoek(user) -> Verwijderverzoek | None:
    return Verwijderverzoek.objects.filter(
        user=user, status=Verwijderverzoek.Status.WACHTEND
    ).first()


def vraag_aan(user, berichten: str, door=None) -> Verwijderverzoek:
    """Record a request; it is carried out after the cooling-off period.

    `door` is a coordinator recording a request made outside the app; otherwise the
    person asked themselves. A second request while one waits returns the waiting one.
    """
    reden = blokkade(user)
    if reden:
        raise Geblokkeerd(reden)
    nu = timezone.now()
    try:
        with transaction.atomic():
            verzoek = Verwijderverzoek.objects.create(
                user=user,
                aangevraagd_op=nu,
                aangevraagd_door=door,
                uitvoeren_na=nu + bedenktijd(),
                berichten=berichten,
            )
    except IntegrityError:
        # One waiting request per person (a double click, two tabs): keep the first.
        return wachtend_verzoek(user)
    record(
        AuditEvent.Soort.VERWIJDERVERZOEK,
        actor=door or user,
        betreft=user,
        verzoek=verzoek.pk,
        berichten=berichten,
    )
    _stuur_later(verzoek.pk)
    return verzoek


def _stuur_later(verzoek_id: int) -> None:
    """Queue the confirmation mail with the undo link. A broker outage is logged only:
    the request is saved, and the person can also undo it by logging in."""
    from .tasks import stuur_verzoekmail

    try:
        stuur_verzoekmail.delay(verzoek_id)
    except Exception as exc:  # kombu raises several types when the broker is down
        logger.error("Could not queue deletion mail for request %s (%s)", verzoek_id, type(exc))


def annuleer(verzoek: Verwijderverzoek, door) -> bool:
    """Cancel a waiting request. False when it was no longer waiting (used link)."""
    gewijzigd = Verwijderverzoek.objects.filter(
        pk=verzoek.pk, status=Verwijderverzoek.Status.WACHTEND
    ).update(status=Verwijderverzoek.Status.GEANNULEERD, afgehandeld_op=timezone.now())
    if gewijzigd:
        record(
            AuditEvent.Soort.VERWIJDERING_GEANNULEERD,
            actor=door,
            betreft=verzoek.user,
            verzoek=verzoek.pk,
        )
    return bool(gewijzigd)


def maak_token(verzoek_id: int) -> str:
    return signing.TimestampSigner(salt=ANNULEER_SALT).sign(str(verzoek_id))


def lees_token(token: str) -> Verwijderverzoek:
    """The request an undo link points at. Raises OngeldigeLink for a forged link and
    VerlopenLink (with the request attached) for a link older than the cooling-off."""
    signer = signing.TimestampSigner(salt=ANNULEER_SALT)
    try:
        pk = signer.unsign(token)
    except signing.BadSignature as exc:
        raise OngeldigeLink from exc
    verzoek = (
        Verwijderverzoek.objects.select_related("user").filter(pk=int(pk) if pk.isdigit() else 0)
    ).first()
    if verzoek is None:
        raise OngeldigeLink
    try:
        signer.unsign(token, max_age=bedenktijd())
    except signing.SignatureExpired as exc:
        fout = VerlopenLink()
        fout.verzoek = verzoek
        raise fout from exc
    return verzoek


# --- Mail ------------------------------------------------------------------------------


def _mail(naam: str, adres: str, context: dict):
    return bouw_mail(f"privacy/email/{naam}", adres, context)


def stuur_verzoekmail(verzoek_id: int) -> None:
    """The mail that confirms a request and carries the undo link (called by the task)."""
    from django.urls import reverse

    verzoek = (
        Verwijderverzoek.objects.select_related("user")
        .filter(pk=verzoek_id, status=Verwijderverzoek.Status.WACHTEND)
        .first()
    )
    if verzoek is None or verzoek.user.verwijderd_op:
        return
    link = reverse("verwijderen_annuleren", kwargs={"token": maak_token(verzoek.pk)})
    context = {"user": verzoek.user, "verzoek": verzoek, "link": settings.SITE_URL + link}
    _mail("verwijderverzoek", verzoek.user.email, context).send()


def stuur_nu(naam: str, user, context: dict) -> bool:
    """Send at once (background jobs only). A failure is logged by id and type."""
    try:
        _mail(naam, user.email, {"user": user, **context}).send()
    except Exception as exc:  # SMTP and socket errors of many kinds
        logger.error("Could not send mail %s to user %s (%s)", naam, user.pk, type(exc))
        return False
    return True


# --- Carrying it out ---------------------------------------------------------------------


@dataclass
class Uitkomst:
    uitgevoerd: int = 0
    geblokkeerd: int = 0


def verwijder_account(user, berichten=Verwijderverzoek.Berichten.VERWIJDEREN, door=None) -> bool:
    """Erase one account now. Returns False if it was already erased.

    `door` is who carries it out: the person, a coordinator, or None for the system
    (the retention job). Raises Geblokkeerd when the person (still or again) runs a
    group or has a role that must be taken away first. A mail failure never stops it.
    """
    User = get_user_model()
    user = User.objects.get(pk=user.pk)
    if user.verwijderd_op is not None:
        return False
    reden = blokkade(user)
    if reden:
        raise Geblokkeerd(reden)
    # The goodbye goes to the old address, captured before the row is scrubbed, and is
    # sent only once the erasure is committed.
    oud = SimpleNamespace(pk=user.pk, email=user.email, roepnaam=user.roepnaam)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.verwijderd_op is not None:
            return False
        daarna = _verwijder_gegevens(user, berichten)
        Verwijderverzoek.objects.filter(user=user, status=Verwijderverzoek.Status.WACHTEND).update(
            status=Verwijderverzoek.Status.UITGEVOERD, afgehandeld_op=timezone.now()
        )
        record(
            AuditEvent.Soort.VERWIJDERD,
            actor=door,
            betreft=user,
            berichten=berichten,
        )
    stuur_nu("verwijderd", oud, {"berichten": berichten})
    for stap in daarna:
        stap()
    logger.info("Account %s erased", user.pk)
    return True


def _verwijder_gegevens(user, berichten: str) -> list:
    """Every app's erasure steps (lib.privacy), in their order, inside the transaction;
    the last one scrubs the user row. Returns what to do once it is committed."""
    keuzes = privacy_register.Wiskeuzes(
        berichten_anoniem=berichten == Verwijderverzoek.Berichten.ANONIEM
    )
    daarna = []
    for wisser in privacy_register.wissers():
        stap = wisser.functie(user, keuzes)
        if stap is not None:
            daarna.append(stap)
    return daarna


def voer_verzoeken_uit(limit: int = BATCH) -> Uitkomst:
    """Carry out the requests whose cooling-off has passed. Safe to run twice: an erased
    account is skipped, and a blocked one waits for the next run."""
    uitkomst = Uitkomst()
    klaar = (
        Verwijderverzoek.objects.select_related("user", "aangevraagd_door")
        .filter(status=Verwijderverzoek.Status.WACHTEND, uitvoeren_na__lte=timezone.now())
        .order_by("uitvoeren_na", "pk")[:limit]
    )
    for verzoek in klaar:
        try:
            if verwijder_account(
                verzoek.user, verzoek.berichten, door=verzoek.aangevraagd_door or verzoek.user
            ):
                uitkomst.uitgevoerd += 1
        except Geblokkeerd:
            # E.g. they took on a group during the cooling-off: wait until it is handed over.
            logger.warning("Deletion request %s is blocked", verzoek.pk)
            uitkomst.geblokkeerd += 1
    return uitkomst
