"""First conversations (kennismaking): asking, picking up, closing, waiting too long, erasing.

The path: someone fills in the public form (views/kennismaking.py) -> the request is
open on every host's home -> one host picks it up ("ik bel" / "ik mail") -> that host
marks it done. A request nobody picked up within WACHT_WERKDAGEN working days is shown
to the coordinator, who makes sure someone calls. Every request is erased
KENNISMAKING_BEWAARDAGEN days after it was made (wis_verlopen, a daily Celery job).

Who sees what is decided here and in Kennismaking.objects.zichtbaar_voor_host: hosts see
every request; the coordinator only the late ones, without what the person wrote.
"""

import datetime
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lib.mail import bouw_mail
from lib.signaal import bevat_signaalwoord

from .models import Kennismaking, Vrijwilligersrol
from .models.kennismaking import actieve_hosts
from .rollen import beeindig_rol, start_rol
from .rules import is_inloophost

logger = logging.getLogger(__name__)

# "Within two working days": the promise the thank-you page makes.
WACHT_WERKDAGEN = 2
ZATERDAG = 5


# --- Working days ----------------------------------------------------------------------
# Monday to Friday. Public holidays are not counted: the academy's own closing days differ
# per place, and a request shown to the coordinator a day early does no harm.


def _is_werkdag(moment: datetime.datetime) -> bool:
    return moment.weekday() < ZATERDAG


def _middernacht(dag: datetime.date, tz) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(0), tzinfo=tz)


def _weekeinde_begint(moment: datetime.datetime) -> datetime.datetime:
    """Saturday 00:00 of the moment's week: the end of that week's working time."""
    return _middernacht(
        moment.date() + datetime.timedelta(days=ZATERDAG - moment.weekday()), moment.tzinfo
    )


def _week_begint(moment: datetime.datetime) -> datetime.datetime:
    """Monday 00:00 of the moment's week."""
    return _middernacht(moment.date() - datetime.timedelta(days=moment.weekday()), moment.tzinfo)


WEEKEINDE = datetime.timedelta(days=2)


def termijn_voorbij_op(aangemaakt_op: datetime.datetime, werkdagen=WACHT_WERKDAGEN):
    """When a request made at `aangemaakt_op` has waited `werkdagen` working days.

    Only time from Monday 00:00 to Saturday 00:00 counts, on the local wall clock:
    Friday 15:00 -> Tuesday 15:00; Thursday 00:00 -> the end of Friday; a request made
    in the weekend starts counting on Monday at 00:00 (-> Wednesday 00:00).
    """
    moment = timezone.localtime(aangemaakt_op)
    if not _is_werkdag(moment):
        moment = _weekeinde_begint(moment) + WEEKEINDE
    rest = datetime.timedelta(days=werkdagen)
    while moment + rest > (einde := _weekeinde_begint(moment)):
        rest -= einde - moment
        moment = einde + WEEKEINDE
    return moment + rest


def laatste_te_late(nu: datetime.datetime, werkdagen=WACHT_WERKDAGEN) -> datetime.datetime:
    """The latest moment a request can have been made and be late at `nu`.

    The inverse of termijn_voorbij_op, so the database can filter:
    termijn_voorbij_op(t) <= nu  exactly when  t <= laatste_te_late(nu)
    (tests/groepen/test_kennismaking_tijd.py checks this on a grid of moments).
    In the weekend the clock stands still at the end of Friday.
    """
    moment = timezone.localtime(nu)
    if not _is_werkdag(moment):
        moment = _weekeinde_begint(moment)
    rest = datetime.timedelta(days=werkdagen)
    while moment - rest < (begin := _week_begint(moment)):
        rest -= moment - begin
        moment = begin - WEEKEINDE
    return moment - rest


# --- Hosts -----------------------------------------------------------------------------


def is_host(user) -> bool:
    """One query per request at most (the answer is kept on the user object)."""
    return bool(is_inloophost(user))


class GeenAccount(Exception):
    """No active account has this email address."""


def account_voor(email: str):
    """The active account with this email address, or GeenAccount."""
    user = (
        get_user_model()
        .objects.filter(email__iexact=email.strip(), is_active=True, verwijderd_op__isnull=True)
        .first()
    )
    if user is None:
        raise GeenAccount(email)
    return user


def maak_host(user, door=None) -> tuple[Vrijwilligersrol, bool]:
    """Start a host role for this person today; (role, newly started). Adding someone
    who is already a host changes nothing."""
    bestaand = actieve_hosts().filter(user=user).first()
    if bestaand is not None:
        return bestaand, False
    return start_rol(user, Vrijwilligersrol.Soort.GASTHEER, door=door), True


@transaction.atomic
def stop_host(user) -> int:
    """No longer a host, from today. Requests they picked up and did not finish go back
    to the open list (beeindig_rol does that), so nobody waits for a call that will not
    come; returns how many."""
    terug = Kennismaking.objects.lopend().filter(opgepakt_door=user).count()
    for rol in actieve_hosts().filter(user=user):
        beeindig_rol(rol)
    return terug


def geef_terug_van(user) -> int:
    return (
        Kennismaking.objects.lopend()
        .filter(opgepakt_door=user)
        .update(opgepakt_door=None, opgepakt_op=None, opgepakt_via="")
    )


# --- Asking ----------------------------------------------------------------------------


def vraag_aan(*, soort, voornaam, email, telefoon, wens, user=None) -> Kennismaking:
    kennismaking = Kennismaking.objects.create(
        soort=soort,
        voornaam=voornaam,
        email=email,
        telefoon=telefoon,
        wens=wens,
        signaal=bevat_signaalwoord(wens),
        user=user if user is not None and user.is_authenticated else None,
        aangemaakt_op=timezone.now(),
    )
    if kennismaking.email:
        stuur_bevestiging_later(kennismaking.pk)
    return kennismaking


def _in_de_rij(taak: str, pk: int) -> None:
    """Queue a mail. A broker outage is logged, never shown: what the person did is saved,
    and the page already told them what happens next."""
    from . import tasks

    try:
        getattr(tasks, taak).delay(pk)
    except Exception as exc:  # kombu raises several types when the broker is down
        logger.error("Could not queue %s for %s (%s)", taak, pk, type(exc))


def stuur_bevestiging_later(pk: int) -> None:
    _in_de_rij("stuur_kennismaking_bevestiging", pk)


def stuur_welkom_later(host_pk: int) -> None:
    _in_de_rij("stuur_host_welkom", host_pk)


def stuur_bevestiging(pk: int) -> None:
    """Render and send the confirmation now (called by the Celery task). A request that
    was erased meanwhile gets no mail."""
    kennismaking = Kennismaking.objects.filter(pk=pk).exclude(email="").first()
    if kennismaking is None:
        return
    context = {"kennismaking": kennismaking, "termijn": WACHT_WERKDAGEN}
    bouw_mail("groepen/email/kennismaking_bevestiging", kennismaking.email, context).send()


def stuur_welkom(host_pk: int) -> None:
    """Tell a new host where the requests are: a host who is not a facilitator has no
    home that shows them, so the link in this mail is their way in."""
    host = actieve_hosts().select_related("user").filter(pk=host_pk).first()
    if host is None or not host.user.is_active:
        return
    context = {"user": host.user, "termijn": WACHT_WERKDAGEN}
    bouw_mail("groepen/email/kennismaking_host", host.user.email, context).send()


# --- Picking up and closing ------------------------------------------------------------


def pak_op(pk: int, host, via: str) -> bool:
    """Host picks up an open request. One conditional UPDATE: when two hosts tap at the
    same moment, the database lets exactly one of them change the row."""
    return bool(
        Kennismaking.objects.open()
        .filter(pk=pk)
        .update(opgepakt_door=host, opgepakt_op=timezone.now(), opgepakt_via=via)
    )


def rond_af(pk: int, host, notitie: str) -> bool:
    """The host who picked it up marks it done, once (a conditional UPDATE as well; the
    note is encrypted by its field on the way in, update() included)."""
    return bool(
        Kennismaking.objects.lopend()
        .filter(pk=pk, opgepakt_door=host)
        .update(afgerond_op=timezone.now(), notitie=notitie)
    )


# --- What hosts and the coordinator see ------------------------------------------------


@dataclass
class Overzicht:
    open: list = field(default_factory=list)
    mijn: list = field(default_factory=list)  # picked up by this host, not yet done
    anderen: list = field(default_factory=list)  # picked up by another host
    afgerond: list = field(default_factory=list)

    @property
    def te_doen(self) -> int:
        return len(self.open) + len(self.mijn)


# Under a minute reads "just now", not "0 minutes ago".
ZOJUIST = datetime.timedelta(minutes=1)


def _met_termijn(rijen, nu):
    for k in rijen:
        k.termijn_voorbij = termijn_voorbij_op(k.aangemaakt_op) <= nu
        k.zojuist_gevraagd = nu - k.aangemaakt_op < ZOJUIST
        k.zojuist_opgepakt = k.opgepakt_op is not None and nu - k.opgepakt_op < ZOJUIST
    return rijen


def overzicht_voor_host(user, *, met_afgerond=True) -> Overzicht | None:
    """The requests a host works with, in one query; None for anyone who is not a host.

    Open ones with a signal first, then oldest first: who waits longest is called first.
    """
    if not is_host(user):
        return None
    nu = timezone.now()
    rijen = (
        Kennismaking.objects.zichtbaar_voor_host(user)
        .actueel(nu, met_afgerond)
        .select_related("opgepakt_door")
    )
    overzicht = Overzicht()
    for k in _met_termijn(list(rijen), nu):
        if k.is_afgerond:
            overzicht.afgerond.append(k)
        elif k.is_open:
            overzicht.open.append(k)
        elif k.opgepakt_door_id == user.pk:
            overzicht.mijn.append(k)
        else:
            overzicht.anderen.append(k)
    overzicht.open.sort(key=lambda k: (not k.signaal, k.aangemaakt_op))
    overzicht.afgerond.sort(key=lambda k: k.afgerond_op, reverse=True)
    return overzicht


def te_laat(nu=None) -> list[Kennismaking]:
    """Open requests that waited too long, for the coordinator, oldest first.

    The coordinator sees the first name, the way to reach them and how long they wait:
    enough to make sure somebody calls (or to call themselves), which is the point of
    showing them. What the person wrote about what they look for stays with the hosts:
    the coordinator does not need it to act, and the fewer people read it the better.
    Loaded with .only() so that text is not even read from the database.
    """
    nu = nu or timezone.now()
    rijen = (
        Kennismaking.objects.open()
        .filter(aangemaakt_op__lte=laatste_te_late(nu))
        .only("pk", "soort", "voornaam", "email", "telefoon", "aangemaakt_op")
        .order_by("aangemaakt_op", "pk")
    )
    return list(rijen)


# --- Retention -------------------------------------------------------------------------


def bewaardagen() -> int:
    return settings.KENNISMAKING_BEWAARDAGEN


def bewaargrens(nu=None) -> datetime.datetime:
    return (nu or timezone.now()) - datetime.timedelta(days=bewaardagen())


def wis_verlopen(nu=None) -> int:
    """Erase every request made more than KENNISMAKING_BEWAARDAGEN days ago, done or not:
    by then it is no longer needed to get in touch. Returns how many (a count, no names)."""
    aantal, _ = Kennismaking.objects.filter(aangemaakt_op__lt=bewaargrens(nu)).delete()
    return aantal


# --- Spam: a limit per address ---------------------------------------------------------
# At most this many requests per address in one clock hour. Enough for a few people on
# the academy's own wifi (who are standing in the inloop anyway), too few for a script.
# The key is an HMAC: no IP address is stored in the cache.
PER_ADRES = 5
VENSTER = 3600


def _adres_sleutel(ip: str, nu: float) -> str:
    adres = salted_hmac("groepen.kennismaking", ip).hexdigest()[:32]
    return f"kennismaking:adres:{adres}:{int(nu // VENSTER)}"


def reserveer_plek(ip: str) -> bool:
    """Count one request from this address; False when it is over the limit (then the
    count is given back, so waiting is enough to be let through again)."""
    sleutel = _adres_sleutel(ip, time.time())
    cache.add(sleutel, 0, 2 * VENSTER)
    if cache.incr(sleutel) > PER_ADRES:
        cache.decr(sleutel)
        return False
    return True
