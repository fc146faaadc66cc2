"""Slowing down password guessing without letting a stranger lock anyone out.

allauth's own limit ("5 failures per account per 5 minutes") locks a named account for
everyone, so anyone who knows an email address can keep its owner out; its per-address
limit locks out everyone behind one address, e.g. a whole group on the academy's wifi.
Instead (allauth's "login_failed" limit is switched off in settings):

- Per pair (typed email address, where it comes from): a few free failures, then each
  next attempt for that pair waits until a moment that doubles with every further
  failure (30 s, 1, 2, 4 ... minutes, at most 30). Another address is not affected, so a
  stranger elsewhere slows down only themselves.
- Per address, over all accounts: at most ADRES_MAX failures per ADRES_VENSTER (see there
  why that many). This stops one address from trying one password on many accounts.
- "Where it comes from" is this browser when it carries our device cookie for that
  email address (set after a correct password, see OWASP's "device cookies"), else the
  IP address. So Noor, who logged in on this laptop before, is slowed down neither by a
  stranger on the same wifi guessing her password nor by the address limit.

Every attempt counts as a failure the moment it starts and is rolled back when the
password was right, so a burst of parallel requests cannot slip extra guesses through.
Nothing sleeps inside a request: a refused attempt is answered at once with the time to
try again. The refusal depends only on what was typed and where from, never on whether
the account exists (ACCOUNT_PREVENT_ENUMERATION). Cache keys are HMACs: no email or IP
address is stored in the cache (Redis in production, shared by all processes).
"""

import contextlib
import datetime
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Failures per (email, origin) before any waiting: typos should cost nothing.
VRIJE_POGINGEN = 4
EERSTE_WACHTTIJD = 30  # seconds after the free failures; doubles with every next failure
MAX_WACHTTIJD = 30 * 60
# A pair's failures are forgotten this long after its last attempt.
ONTHOUDEN = 24 * 3600
# Per address over all accounts. Sized for a group session on the academy's wifi (one
# public address): twenty people who each mistype a few times (say three) make 60
# failures in a quarter of an hour, so 100 leaves room, while someone trying one password
# on many accounts gets at most 400 tries an hour from one address.
ADRES_MAX = 100
ADRES_VENSTER = 15 * 60

APPARAAT_COOKIE = "ha_apparaat"
APPARAAT_GELDIG = 180 * 24 * 3600
APPARAAT_MAX_ACCOUNTS = 5  # a shared computer at the academy
_SALT = "deelnemers.inlog"


class Geweigerd(Exception):
    def __init__(self, tot: float, soort: str):
        super().__init__(soort)
        self.tot = tot
        self.soort = soort

    def bericht(self) -> str:
        tijd = timezone.localtime(datetime.datetime.fromtimestamp(self.tot, tz=datetime.UTC))
        minuten = max(1, math.ceil((self.tot - time.time()) / 60))
        over = ngettext("in %(n)d minute", "in %(n)d minutes", minuten) % {"n": minuten}
        context = {"tijd": tijd.strftime("%H:%M"), "over": over}
        if self.soort == "adres":
            return (
                _(
                    "Too many failed login attempts from this network. "
                    "Try again at %(tijd)s (%(over)s)."
                )
                % context
            )
        return (
            _(
                "Too many failed attempts to log in with this email address from here. "
                "Try again at %(tijd)s (%(over)s). You can also reset your password."
            )
            % context
        )


def wachttijd(mislukt: int) -> int:
    """Seconds to wait after `mislukt` failures of one pair (0 while still free)."""
    if mislukt < VRIJE_POGINGEN:
        return 0
    return min(EERSTE_WACHTTIJD * 2 ** (mislukt - VRIJE_POGINGEN), MAX_WACHTTIJD)


def _hmac(*delen: str) -> str:
    return salted_hmac(_SALT, "\x00".join(delen)).hexdigest()[:32]


def normaliseer(login) -> str:
    return login.strip().lower() if isinstance(login, str) else ""


# --- Device cookie ------------------------------------------------------------------------


def _lees_apparaat(request) -> dict | None:
    waarde = request.COOKIES.get(APPARAAT_COOKIE)
    if not waarde:
        return None
    try:
        data = signing.loads(waarde, salt=_SALT, max_age=APPARAAT_GELDIG)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("l"), list):
        return None
    return data


def apparaat_voor(request, login: str) -> str | None:
    """This browser's device id when it logged in to `login` before, else None."""
    data = _lees_apparaat(request)
    if data and _hmac("account", login) in data["l"]:
        return str(data.get("t"))
    return None


def zet_apparaat(request, response, login: str) -> None:
    """After a correct password: remember that this browser knows this account."""
    data = _lees_apparaat(request) or {"t": secrets.token_urlsafe(16), "l": []}
    account = _hmac("account", normaliseer(login))
    accounts = [a for a in data["l"] if a != account][-(APPARAAT_MAX_ACCOUNTS - 1) :]
    data["l"] = [*accounts, account]
    response.set_cookie(
        APPARAAT_COOKIE,
        signing.dumps(data, salt=_SALT),
        max_age=APPARAAT_GELDIG,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- One attempt --------------------------------------------------------------------------


@dataclass
class Poging:
    paar: str
    adres: str | None  # None: a known device, the address limit does not apply

    def gelukt(self) -> None:
        """Right password: forget this pair's failures, give back the address slot."""
        cache.delete_many([f"{self.paar}:n", f"{self.paar}:t"])
        if self.adres:
            with contextlib.suppress(ValueError):  # the window ended meanwhile
                cache.decr(self.adres)


def _herkomst(request, login: str, ip: str) -> tuple[str, bool]:
    apparaat = apparaat_voor(request, login)
    return (f"apparaat:{apparaat}", True) if apparaat else (f"ip:{ip}", False)


def _paar(login: str, herkomst: str) -> str:
    return f"inlog:paar:{_hmac(login, herkomst)}"


def wis(request, login: str, ip: str) -> None:
    """After a password reset through the emailed link (only the mailbox's owner gets
    there): no more waiting for this email address from here."""
    login = normaliseer(login)
    herkomsten = {_herkomst(request, login, ip)[0], f"ip:{ip}"}
    cache.delete_many([f"{_paar(login, h)}:{d}" for h in herkomsten for d in ("n", "t")])


def begin(request, login: str, ip: str) -> Poging:
    """Count an attempt before the password is checked; raise Geweigerd when it must wait."""
    login = normaliseer(login)
    herkomst, bekend_apparaat = _herkomst(request, login, ip)
    paar = _paar(login, herkomst)
    nu = time.time()
    mislukt = cache.get(f"{paar}:n", 0)
    tot = cache.get(f"{paar}:t", 0) + wachttijd(mislukt)
    if nu < tot:
        raise Geweigerd(tot, "paar")
    adres = None if bekend_apparaat else _reserveer_adres(ip, nu)
    cache.add(f"{paar}:n", 0, ONTHOUDEN)
    cache.incr(f"{paar}:n")
    cache.set(f"{paar}:t", nu, ONTHOUDEN)
    cache.touch(f"{paar}:n", ONTHOUDEN)
    return Poging(paar=paar, adres=adres)


def _reserveer_adres(ip: str, nu: float) -> str:
    venster = int(nu // ADRES_VENSTER)
    sleutel = f"inlog:adres:{_hmac(ip)}:{venster}"
    cache.add(sleutel, 0, 2 * ADRES_VENSTER)
    if cache.incr(sleutel) > ADRES_MAX:
        cache.decr(sleutel)
        raise Geweigerd((venster + 1) * ADRES_VENSTER, "adres")
    return sleutel
