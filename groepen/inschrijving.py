"""Enrolment (aanmelden), cancelling and the waiting list.

The capacity rule lives in the database transaction: the group's row is locked
(SELECT ... FOR UPDATE on PostgreSQL; SQLite takes its write lock when the transaction
starts, see settings) before the free places are counted. Two people taking the last
place at the same moment are therefore handled one after the other: one gets the place,
the other the waiting list, never both the place.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import mail
from .models import Aanbod, Groep, Lidmaatschap


class InschrijvingFout(Exception):
    """A reason, in plain Dutch, why someone cannot enrol or cancel."""


@dataclass(frozen=True)
class Uitkomst:
    lidmaatschap: Lidmaatschap
    wachtlijst: bool


def vrije_plaatsen(groep: Groep) -> int | None:
    """None means there is no limit."""
    if groep.capaciteit is None:
        return None
    bezet = Lidmaatschap.objects.deelnemers().filter(groep=groep).count()
    return max(groep.capaciteit - bezet, 0)


def _controleer(groep: Groep, bestaand: Lidmaatschap | None) -> None:
    if groep.aanbod.soort == Aanbod.Soort.INLOOP:
        raise InschrijvingFout(_("You don't need to sign up for the walk-in: just come by."))
    if groep.aanbod.gearchiveerd or groep.status == Groep.Status.AFGEROND:
        raise InschrijvingFout(_("This group has finished, so you can no longer sign up."))
    if bestaand is None:
        return
    if bestaand.rol == Lidmaatschap.Rol.FACILITATOR and bestaand.status == bestaand.Status.ACTIEF:
        raise InschrijvingFout(_("You are a facilitator of this group."))
    if bestaand.status == Lidmaatschap.Status.ACTIEF:
        raise InschrijvingFout(_("You are already signed up for this group."))
    if bestaand.status == Lidmaatschap.Status.WACHTLIJST:
        raise InschrijvingFout(_("You are already on the waiting list for this group."))


def aanmelden(user, groep_id: int, motivatie: str = "") -> Uitkomst:
    """Enrol `user`: a place if one is free, otherwise the waiting list."""
    now = timezone.now()
    with transaction.atomic():
        groep = Groep.objects.select_for_update().select_related("aanbod").get(pk=groep_id)
        bestaand = Lidmaatschap.objects.filter(groep=groep, user=user).first()
        _controleer(groep, bestaand)
        vrij = vrije_plaatsen(groep)
        status = Lidmaatschap.Status.WACHTLIJST if vrij == 0 else Lidmaatschap.Status.ACTIEF
        if bestaand is None:
            lid = Lidmaatschap.objects.create(
                groep=groep,
                user=user,
                rol=Lidmaatschap.Rol.DEELNEMER,
                status=status,
                motivatie=motivatie,
                sinds=now,
                status_sinds=now,
            )
        else:  # enrolling again after cancelling: the same row, so history stays whole
            lid = bestaand
            lid.rol = Lidmaatschap.Rol.DEELNEMER
            lid.status = status
            lid.motivatie = motivatie
            lid.status_sinds = now
            lid.save(update_fields=["rol", "status", "motivatie", "status_sinds"])
    wachtlijst = status == Lidmaatschap.Status.WACHTLIJST
    mail.stuur_later("wachtlijst" if wachtlijst else "aangemeld", [user.pk], {"groep_id": groep.pk})
    return Uitkomst(lid, wachtlijst)


def uitschrijven(lidmaatschap_id: int) -> list[Lidmaatschap]:
    """Cancel an enrolment (or leave the waiting list). Returns who moved up."""
    with transaction.atomic():
        lid = Lidmaatschap.objects.select_related("groep").get(pk=lidmaatschap_id)
        Groep.objects.select_for_update().get(pk=lid.groep_id)
        lid.refresh_from_db()
        if lid.rol != Lidmaatschap.Rol.DEELNEMER or lid.status == Lidmaatschap.Status.UITGESCHREVEN:
            raise InschrijvingFout(_("You are not signed up for this group."))
        lid.status = Lidmaatschap.Status.UITGESCHREVEN
        lid.status_sinds = timezone.now()
        lid.save(update_fields=["status", "status_sinds"])
        doorgeschoven = _vul_vrije_plaatsen_locked(lid.groep)
    mail.stuur_later("uitgeschreven", [lid.user_id], {"groep_id": lid.groep_id})
    _meld_doorgeschoven(doorgeschoven)
    return doorgeschoven


def vul_vrije_plaatsen(groep_id: int) -> list[Lidmaatschap]:
    """Give free places to the waiting list, first come first served (e.g. after the
    capacity was raised). Returns who moved up; they get an email."""
    with transaction.atomic():
        groep = Groep.objects.select_for_update().get(pk=groep_id)
        doorgeschoven = _vul_vrije_plaatsen_locked(groep)
    _meld_doorgeschoven(doorgeschoven)
    return doorgeschoven


def _vul_vrije_plaatsen_locked(groep: Groep) -> list[Lidmaatschap]:
    vrij = vrije_plaatsen(groep)
    wachtenden = Lidmaatschap.objects.filter(groep=groep).wachtlijst()
    kandidaten = list(wachtenden if vrij is None else wachtenden[:vrij])
    now = timezone.now()
    for lid in kandidaten:
        lid.status = Lidmaatschap.Status.ACTIEF
        lid.status_sinds = now
    Lidmaatschap.objects.bulk_update(kandidaten, ["status", "status_sinds"])
    return kandidaten


def _meld_doorgeschoven(leden: list[Lidmaatschap]) -> None:
    for lid in leden:
        mail.stuur_later("doorgeschoven", [lid.user_id], {"groep_id": lid.groep_id})


def positie_op_wachtlijst(lidmaatschap: Lidmaatschap) -> int | None:
    if lidmaatschap.status != Lidmaatschap.Status.WACHTLIJST:
        return None
    return (
        Lidmaatschap.objects.filter(groep=lidmaatschap.groep_id)
        .wachtlijst()
        .filter(status_sinds__lte=lidmaatschap.status_sinds)
        .exclude(status_sinds=lidmaatschap.status_sinds, pk__gt=lidmaatschap.pk)
        .count()
    )
