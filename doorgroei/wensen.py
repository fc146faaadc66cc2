"""Wishes to help (models/wens.py): offering, changing, withdrawing, and the coordinator's
invitation and decision. Views stay thin; every rule about states lives here.

States: NIEUW -> UITGENODIGD -> GESTART | NIET_NU | LATER; LATER can be invited or decided
again. The person may change a wish while it is NIEUW or UITGENODIGD and withdraw it
while it runs (NIEUW, UITGENODIGD, LATER). A started wish is done: the role itself is
ended through groepen.rollen, not by withdrawing the wish.

Every change is one conditional UPDATE (state and, for coordinators, the version they
saw) that raises the version. Two coordinators deciding at once: the database lets one
UPDATE through, the other changes nothing and gets the current wish back to show.
Starting a role happens inside the same transaction as the winning UPDATE, so a losing
decision never leaves a role behind.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groepen import rollen
from groepen.models import Vrijwilligersrol

from .models import Meehelpwens

S = Meehelpwens.Status
LOPEND = (S.NIEUW, S.UITGENODIGD, S.LATER)  # the one running wish (a constraint)
BEWERKBAAR = (S.NIEUW, S.UITGENODIGD)  # the person may still change what they offer
INTREKBAAR = LOPEND
OPEN = (S.NIEUW, S.UITGENODIGD)  # on the coordinator's list (and counted on their home)
TE_BESLISSEN = LOPEND  # a coordinator may invite or decide
UITKOMSTEN = (S.GESTART, S.NIET_NU, S.LATER)
# How long a decided wish stays on the person's home (then the calm invitation returns).
OP_HOME_DAGEN = 30

# A sensible first choice of role for each way of helping (the coordinator may change it).
ROL_VOOR_MANIER = {
    Meehelpwens.Manier.GASTHEER: Vrijwilligersrol.Soort.GASTHEER,
    Meehelpwens.Manier.CURSUS: Vrijwilligersrol.Soort.VRIJWILLIGER,
    Meehelpwens.Manier.COTRAINER: Vrijwilligersrol.Soort.COFACILITATOR,
    Meehelpwens.Manier.BUDDY: Vrijwilligersrol.Soort.BUDDY,
    Meehelpwens.Manier.MODERATOR: Vrijwilligersrol.Soort.MODERATOR,
}


# --- Reading -----------------------------------------------------------------------------


def van_persoon(user):
    """The person's wishes they can still see (withdrawn ones are gone), newest first."""
    return (
        Meehelpwens.objects.filter(user=user)
        .exclude(status=S.INGETROKKEN)
        .select_related("beslist_door", "rol__groep")
    )


def lopende_wens(user) -> Meehelpwens | None:
    return van_persoon(user).filter(status__in=LOPEND).first()


def is_actueel(wens: Meehelpwens) -> bool:
    """Running, or decided in the last OP_HOME_DAGEN days: what the participant's home
    shows of their latest wish (doorgroei/home.py); otherwise it invites them to offer."""
    if wens.status in LOPEND:
        return True
    grens = timezone.now() - datetime.timedelta(days=OP_HOME_DAGEN)
    return wens.status != S.INGETROKKEN and bool(wens.beslist_op and wens.beslist_op >= grens)


def open_wensen(status=OPEN):
    """The coordinator's list, newest first."""
    return (
        Meehelpwens.objects.filter(status__in=status)
        .select_related("user", "beslist_door")
        .order_by("-aangemaakt_op", "-pk")
    )


def aantal_open() -> int:
    return Meehelpwens.objects.filter(status__in=OPEN).count()


def eerste_rol(wens: Meehelpwens) -> str:
    """The role the coordinator's form suggests for this wish."""
    for manier in wens.manieren:
        if manier in ROL_VOOR_MANIER:
            return ROL_VOOR_MANIER[manier]
    return Vrijwilligersrol.Soort.VRIJWILLIGER


# --- In plain words ----------------------------------------------------------------------


def naam_coordinator(wens: Meehelpwens) -> str:
    door = wens.beslist_door
    return door.roepnaam if door is not None and door.roepnaam else _("The coordinator")


def rol_tekst(rol: Vrijwilligersrol) -> str:
    """ "host of the walk-in", "co-facilitator of WRAP", "volunteer: tea at the walk-in"."""
    if rol.soort == Vrijwilligersrol.Soort.VRIJWILLIGER and rol.omschrijving:
        return _("volunteer: %(omschrijving)s") % {"omschrijving": rol.omschrijving}
    if rol.groep_id:
        return _("%(rol)s of %(groep)s") % {"rol": rol.get_soort_display(), "groep": rol.groep}
    return rol.get_soort_display()


def stand(wens: Meehelpwens) -> str:
    """Where the wish stands, in words for the person themselves."""
    naam = naam_coordinator(wens)
    if wens.status == S.NIEUW:
        return _("Your wish has been received. The coordinator will get in touch with you.")
    if wens.status == S.UITGENODIGD:
        return _("%(naam)s invites you for a conversation about helping out.") % {"naam": naam}
    if wens.status == S.GESTART:
        if wens.rol is None:
            return _("You started as a volunteer. Thank you!")
        tekst = {"rol": rol_tekst(wens.rol)}
        if wens.rol.begint_op > timezone.localdate():
            tekst["datum"] = date_format(wens.rol.begint_op, "j F Y")
            return _("You start as %(rol)s on %(datum)s.") % tekst
        return _("You started as %(rol)s.") % tekst
    if wens.status == S.NIET_NU:
        return _("Helping out does not fit right now. Thank you for offering.")
    if wens.status == S.LATER:
        return _("%(naam)s will come back to it later.") % {"naam": naam}
    return _("You withdrew this wish.")


# --- The person ----------------------------------------------------------------------------


def bied_aan(user, *, manieren, anders, wanneer) -> Meehelpwens:
    """A new wish, or (when one runs) a change of the running one. A double click that
    makes two at once meets the one-running-wish constraint and changes the first."""
    try:
        with transaction.atomic():
            return Meehelpwens.objects.create(
                user=user, manieren=manieren, anders=anders, wanneer=wanneer
            )
    except IntegrityError:
        wens = lopende_wens(user)
        if wens is None:
            raise
        wijzig(wens, manieren=manieren, anders=anders, wanneer=wanneer)
        return wens


def wijzig(wens: Meehelpwens, *, manieren, anders, wanneer) -> bool:
    """Change what is offered, only while it may be changed. False: it was decided meanwhile."""
    nu = timezone.now()
    gelukt = Meehelpwens.objects.filter(
        pk=wens.pk, user_id=wens.user_id, status__in=BEWERKBAAR
    ).update(
        manieren=manieren, anders=anders, wanneer=wanneer, bijgewerkt_op=nu, versie=F("versie") + 1
    )
    return bool(gelukt)


def trek_in(wens: Meehelpwens) -> bool:
    """Withdraw a running wish. False: it was no longer running (decided meanwhile)."""
    return bool(
        Meehelpwens.objects.filter(pk=wens.pk, user_id=wens.user_id, status__in=INTREKBAAR).update(
            status=S.INGETROKKEN, bijgewerkt_op=timezone.now(), versie=F("versie") + 1
        )
    )


# --- The coordinator -----------------------------------------------------------------------


@dataclass(frozen=True)
class Uitkomst:
    gelukt: bool
    wens: Meehelpwens  # as it is now in the database


def _claim(wens_pk: int, versie: int, door, **velden) -> bool:
    nu = timezone.now()
    return bool(
        Meehelpwens.objects.filter(pk=wens_pk, versie=versie, status__in=TE_BESLISSEN).update(
            beslist_door=door, beslist_op=nu, bijgewerkt_op=nu, versie=F("versie") + 1, **velden
        )
    )


def _nu(wens_pk: int) -> Meehelpwens:
    return Meehelpwens.objects.select_related("user", "beslist_door", "rol__groep").get(pk=wens_pk)


def nodig_uit(wens_pk: int, versie: int, door, *, notitie: str = "") -> Uitkomst:
    """Invite the person for a conversation; they get a notice (and a mail if they like)."""
    from .wensen_melding import meld

    with transaction.atomic():
        gelukt = _claim(wens_pk, versie, door, status=S.UITGENODIGD, notitie=notitie)
        wens = _nu(wens_pk)
        if gelukt:
            meld(wens)
    return Uitkomst(gelukt, wens)


def beslis(
    wens_pk: int,
    versie: int,
    door,
    *,
    uitkomst: str,
    notitie: str = "",
    soort: str = "",
    groep=None,
    omschrijving: str = "",
    begint_op: datetime.date | None = None,
) -> Uitkomst:
    """Record the outcome. GESTART starts the role (groepen.rollen.start_rol) in the same
    transaction as the winning UPDATE; a co-facilitator role needs `groep` (the form
    asks for it first)."""
    from .wensen_melding import meld

    if uitkomst not in UITKOMSTEN:
        raise ValueError(uitkomst)
    with transaction.atomic():
        gelukt = _claim(wens_pk, versie, door, status=uitkomst, notitie=notitie)
        if gelukt and uitkomst == S.GESTART:
            wens = Meehelpwens.objects.select_related("user").get(pk=wens_pk)
            rol = rollen.start_rol(
                wens.user,
                soort,
                begint_op=begint_op,
                groep=groep,
                omschrijving=omschrijving,
                door=door,
            )
            Meehelpwens.objects.filter(pk=wens_pk).update(rol=rol)
        wens = _nu(wens_pk)
        if gelukt:
            meld(wens)
    return Uitkomst(gelukt, wens)
