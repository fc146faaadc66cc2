"""One-click links in the reminder email: answer (ja / misschien / nee) and unsubscribe.

The links carry a signed token (django.core.signing.TimestampSigner), so no login is
needed and nobody can make one up. A token names only a reminder's id (and the answer):
no name, no email address. Opening a link (GET) never changes anything, because mail
scanners open links too; the page asks for one tap to confirm (POST).
"""

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone

from .models import Herinnering, NazorgVoorkeur

RSVP_SALT = "nazorg.rsvp"
AFMELD_SALT = "nazorg.afmelden"
MAX_AGE = 120 * 24 * 3600  # 120 days: longer than the furthest moment after a reminder
ANTWOORDEN = tuple(Herinnering.Antwoord.values)


class OngeldigeLink(Exception):
    """The token was changed or made up."""


class VerlopenLink(Exception):
    """The token is real but too old."""


def _signer(salt):
    return signing.TimestampSigner(salt=salt)


def maak_rsvp_token(herinnering_id: int, antwoord: str) -> str:
    return _signer(RSVP_SALT).sign(f"{herinnering_id}:{antwoord}")


def maak_afmeld_token(herinnering_id: int) -> str:
    return _signer(AFMELD_SALT).sign(str(herinnering_id))


def _lees(token: str, salt: str) -> str:
    try:
        return _signer(salt).unsign(token, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise VerlopenLink from exc
    except signing.BadSignature as exc:
        raise OngeldigeLink from exc


def _herinnering(pk: str) -> Herinnering:
    herinnering = (
        Herinnering.objects.select_related("groep", "moment", "user")
        .filter(pk=int(pk) if pk.isdigit() else 0, user__is_active=True)
        .first()
    )
    if herinnering is None:
        raise OngeldigeLink
    return herinnering


def lees_rsvp_token(token: str) -> tuple[Herinnering, str]:
    waarde = _lees(token, RSVP_SALT)
    pk, _, antwoord = waarde.partition(":")
    if antwoord not in ANTWOORDEN:
        raise OngeldigeLink
    return _herinnering(pk), antwoord


def lees_afmeld_token(token: str) -> Herinnering:
    return _herinnering(_lees(token, AFMELD_SALT))


@dataclass
class Uitkomst:
    gewijzigd: bool  # False: "we already had that"
    vorige: str = ""


def beantwoord(herinnering: Herinnering, antwoord: str) -> Uitkomst:
    """Save the answer. Answering again updates it; the same answer changes nothing."""
    if antwoord not in ANTWOORDEN:
        raise ValueError(antwoord)
    bijgewerkt = Herinnering.objects.filter(pk=herinnering.pk).exclude(antwoord=antwoord)
    vorige = herinnering.antwoord
    if not bijgewerkt.update(antwoord=antwoord, beantwoord_op=timezone.now()):
        return Uitkomst(gewijzigd=False, vorige=vorige)
    herinnering.antwoord = antwoord
    return Uitkomst(gewijzigd=True, vorige=vorige)


def is_afgemeld(herinnering: Herinnering) -> bool:
    return NazorgVoorkeur.objects.filter(
        user_id=herinnering.user_id, groep_id=herinnering.groep_id, gestopt=True
    ).exists()


def stop_herinneringen(user, groep) -> bool:
    """Stop nazit reminders of this group for this person. False when already stopped.

    Future reminders that have not gone out become AFGEMELD; ones being sent right now
    (BEZIG) are checked again by the engine just before sending."""
    with transaction.atomic():
        voorkeur, _ = NazorgVoorkeur.objects.get_or_create(user=user, groep=groep)
        if voorkeur.gestopt:
            al_gestopt = True
        else:
            voorkeur.gestopt = True
            voorkeur.save(update_fields=["gestopt"])
            al_gestopt = False
        Herinnering.objects.filter(
            user=user, groep=groep, status=Herinnering.Status.GEPLAND
        ).update(status=Herinnering.Status.AFGEMELD)
    return not al_gestopt


def hervat_herinneringen(user, groep=None) -> None:
    """Start reminders again: rows that were stopped and still lie ahead are planned again."""
    from .planning import verstuurmoment

    now = timezone.now()
    with transaction.atomic():
        NazorgVoorkeur.objects.filter(user=user, groep=groep).update(gestopt=False)
        rijen = Herinnering.objects.filter(
            user=user, status=Herinnering.Status.AFGEMELD, verzonden_op__isnull=True
        ).select_related("moment")
        if groep is not None:
            rijen = rijen.filter(groep=groep)
        nog_gestopt = set(
            NazorgVoorkeur.objects.filter(user=user, gestopt=True).values_list(
                "groep_id", flat=True
            )
        )
        if None in nog_gestopt:
            return
        for rij in rijen:
            if rij.groep_id in nog_gestopt:
                continue
            op = verstuurmoment(rij.moment.datum, now)
            if op is not None:
                Herinnering.objects.filter(pk=rij.pk, status=Herinnering.Status.AFGEMELD).update(
                    status=Herinnering.Status.GEPLAND, verstuur_op=op
                )


def stop_alles(user) -> None:
    with transaction.atomic():
        voorkeur, _ = NazorgVoorkeur.objects.get_or_create(user=user, groep=None)
        voorkeur.gestopt = True
        voorkeur.save(update_fields=["gestopt"])
        Herinnering.objects.filter(user=user, status=Herinnering.Status.GEPLAND).update(
            status=Herinnering.Status.AFGEMELD
        )
