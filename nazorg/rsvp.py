"""One-click links in the reminder email: answer (ja / misschien / nee) and unsubscribe.

The links carry a signed token (django.core.signing.TimestampSigner), so no login is
needed and nobody can make one up. A token names only a reminder's id (and the answer):
no name, no email address. Opening a link (GET) never changes anything, because mail
scanners open links too; the page asks for one tap to confirm (POST).
"""

from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from .models import Herinnering

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
        Herinnering.objects.select_related("groep__plek", "moment", "user")
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
