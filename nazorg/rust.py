"""Rest in the community: a break from it (CommunityPauze) and muted words (GedempteWoorden).

A break: for a chosen time the community does not reach out to the person. No weekly
digest (nazorg/digest.py), no community notifications on the notifications page (they
wait there, unread, until the break ends), and the community pages show only a calm note
with a way to end the break. The first community page after the break shows a gentle
"good to have you back" once.

Muted words: a private list. Posts and thread titles with one of them are folded for
that person (a <details> with a neutral line), never for their writer. Matching works on
lib.signaal.normaliseer()d text (no case, no accents) and on word starts, so "drank"
also folds "drankprobleem" but not "bedrank". The list is loaded once per request and
compiled to one regular expression, so folding costs no queries per post.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.signaal import normaliseer

from .models import CommunityPauze, GedempteWoorden

# --- A break ---------------------------------------------------------------------------------

# The choices of the form, in days; "datum" is a date the person picks.
DUREN = {"week": 7, "twee_weken": 14, "maand": 30}
PAUZE_MAX_DAGEN = 92  # about three months: long enough to rest, short enough to check in


def _cache(user) -> dict:
    # Per request (the request's user object), like moderatie.is_moderator does.
    return user.__dict__.setdefault("_rust_cache", {})


def pauze_van(user) -> CommunityPauze | None:
    """The person's break row (active or ended), or None. One query per request."""
    if not user or not user.is_authenticated:
        return None
    cache = _cache(user)
    if "pauze" not in cache:
        cache["pauze"] = CommunityPauze.objects.filter(user=user).first()
    return cache["pauze"]


def actieve_pauze(user) -> CommunityPauze | None:
    pauze = pauze_van(user)
    return pauze if pauze is not None and pauze.actief else None


def max_datum(vandaag=None) -> datetime.date:
    return (vandaag or timezone.localdate()) + datetime.timedelta(days=PAUZE_MAX_DAGEN)


def pauze_einde(duur: str, datum: datetime.date | None, nu=None) -> datetime.datetime:
    """When a break chosen as `duur` (a key of DUREN, or "datum" with `datum`) ends.

    Until a date means: that whole day too, so the break ends at the next midnight.
    Raises ValidationError({"tot_datum": message}) for a date that is missing, not after
    today, or more than PAUZE_MAX_DAGEN away."""
    nu = nu or timezone.now()
    if duur in DUREN:
        return nu + datetime.timedelta(days=DUREN[duur])
    vandaag = timezone.localdate(nu)
    if datum is None:
        raise ValidationError({"tot_datum": _("Choose the date your break ends.")})
    if datum <= vandaag:
        raise ValidationError({"tot_datum": _("Choose a date after today.")})
    if datum > max_datum(vandaag):
        raise ValidationError(
            {
                "tot_datum": _(
                    "A break can last three months at most. Choose %(datum)s or earlier."
                )
                % {"datum": date_format(max_datum(vandaag), "j F Y")}
            }
        )
    middernacht = datetime.datetime.combine(datum + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(middernacht)


def neem_pauze(user, tot) -> CommunityPauze:
    """Start (or change) a break until `tot`."""
    pauze, _nieuw = CommunityPauze.objects.update_or_create(
        user=user, defaults={"sinds": timezone.now(), "tot": tot, "welkom_getoond_op": None}
    )
    _cache(user)["pauze"] = pauze
    return pauze


def stop_pauze(user) -> bool:
    """End the break now. False when there was none."""
    nu = timezone.now()
    klaar = CommunityPauze.objects.filter(user=user, tot__gt=nu).update(tot=nu)
    _cache(user).pop("pauze", None)
    return bool(klaar)


def welkom_terug(user) -> bool:
    """True once: on the first call after a break ended. Marks the note as shown with a
    conditional UPDATE, so two tabs at the same moment show it only once."""
    pauze = pauze_van(user)
    if pauze is None or pauze.actief or pauze.welkom_getoond_op is not None:
        return False
    nu = timezone.now()
    getoond = CommunityPauze.objects.filter(pk=pauze.pk, welkom_getoond_op__isnull=True).update(
        welkom_getoond_op=nu
    )
    pauze.welkom_getoond_op = nu
    return bool(getoond)


# --- Muted words -----------------------------------------------------------------------------

MAX_WOORDEN = 50
WOORD_MAX = 40
# A single letter would fold almost every post.
WOORD_MIN = 2
_SCHEIDING = re.compile(r"[\n,;]+")


def splits(tekst: str) -> list[str]:
    """The words of the form's text: one per line (commas also separate), each once."""
    woorden, gezien = [], set()
    for woord in _SCHEIDING.split(tekst or ""):
        woord = " ".join(woord.split())
        sleutel = normaliseer(woord)
        if woord and sleutel not in gezien:
            gezien.add(sleutel)
            woorden.append(woord)
    return woorden


def controleer(woorden: list[str]) -> None:
    """Raises ValidationError with every problem in the list (limits and lengths)."""
    fouten = []
    if len(woorden) > MAX_WOORDEN:
        fouten.append(
            _("You can mute %(max)s words at most. Your list has %(n)s.")
            % {"max": MAX_WOORDEN, "n": len(woorden)}
        )
    for woord in woorden:
        if len(woord) > WOORD_MAX:
            fouten.append(
                _("“%(woord)s…” is too long: use %(max)s characters at most per word or phrase.")
                % {"woord": woord[:20], "max": WOORD_MAX}
            )
        elif len(normaliseer(woord).replace(" ", "")) < WOORD_MIN:
            fouten.append(
                _("“%(woord)s” is too short: use at least %(min)s letters or numbers.")
                % {"woord": woord, "min": WOORD_MIN}
            )
    if fouten:
        raise ValidationError(fouten[:5])


def woorden_van(user) -> list[str]:
    if not user or not user.is_authenticated:
        return []
    cache = _cache(user)
    if "woorden" not in cache:
        rij = GedempteWoorden.objects.filter(user=user).first()
        cache["woorden"] = rij.lijst if rij else []
    return cache["woorden"]


def bewaar_woorden(user, woorden: list[str]) -> None:
    """Save the list (checked first); an empty list removes the row."""
    controleer(woorden)
    with transaction.atomic():
        if woorden:
            GedempteWoorden.objects.update_or_create(
                user=user, defaults={"woorden": "\n".join(woorden), "bijgewerkt_op": timezone.now()}
            )
        else:
            GedempteWoorden.objects.filter(user=user).delete()
    _cache(user)["woorden"] = list(woorden)
    _cache(user).pop("demper", None)


class Demper:
    """Decides, for one viewer, which posts and titles fold."""

    def __init__(self, user_id, woorden):
        self.user_id = user_id
        delen = sorted({normaliseer(w) for w in woorden} - {""}, key=len, reverse=True)
        self.patroon = (
            re.compile(r"\b(?:" + "|".join(re.escape(d) for d in delen) + ")") if delen else None
        )

    def __bool__(self):
        return self.patroon is not None

    def raakt(self, *teksten) -> bool:
        if self.patroon is None:
            return False
        return any(self.patroon.search(normaliseer(t)) for t in teksten if t)

    def vouwt_bericht(self, bericht) -> bool:
        """Fold a post: not the viewer's own; its text and any shared story parts count."""
        if self.patroon is None or bericht.auteur_id == self.user_id:
            return False
        delen = getattr(bericht, "delen", None) or []
        verhaal = [t for d in delen for t in (d.titel, d.tekst)]
        return self.raakt(bericht.tekst, *verhaal)

    def vouwt_titel(self, draad) -> bool:
        if self.patroon is None or draad.auteur_id == self.user_id:
            return False
        return self.raakt(draad.titel)


def demper_voor(user) -> Demper:
    """The viewer's Demper, made once per request."""
    if not user or not user.is_authenticated:
        return Demper(None, [])
    cache = _cache(user)
    if "demper" not in cache:
        cache["demper"] = Demper(user.pk, woorden_van(user))
    return cache["demper"]
