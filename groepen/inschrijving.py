"""Enrolment (aanmelden), cancelling and the waiting list.

The capacity rule lives in the database transaction: the group's row is locked
(SELECT ... FOR UPDATE on PostgreSQL; SQLite takes its write lock when the transaction
starts, see settings) before the free places are counted. Two people taking the last
place at the same moment are therefore handled one after the other: one gets the place,
the other the waiting list, never both the place.

The waiting list is first come, first served: nobody who signs up later gets a place
while someone is still waiting.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import mail, signals
from .models import Aanbod, Groep, Lidmaatschap


class InschrijvingFout(Exception):
    """A reason, in plain Dutch, why someone cannot enrol or cancel."""


@dataclass(frozen=True)
class Uitkomst:
    lidmaatschap: Lidmaatschap
    wachtlijst: bool
    positie: int | None = None


def vrije_plaatsen(groep: Groep) -> int | None:
    """None means there is no limit."""
    if groep.capaciteit is None:
        return None
    bezet = Lidmaatschap.objects.deelnemers().filter(groep=groep).count()
    return max(groep.capaciteit - bezet, 0)


def belemmering(groep: Groep, bestaand: Lidmaatschap | None):
    """Why this person cannot sign up for this group, or None when they can."""
    if groep.aanbod.soort == Aanbod.Soort.INLOOP:
        return _("You don't need to sign up for the walk-in: just come by.")
    if groep.aanbod.is_gesprek:
        # No group enrolment: a conversation is booked per time slot (groepen/gesprek.py).
        return _("For a conversation you book a time on the offer page.")
    if groep.aanbod.gearchiveerd or groep.status == Groep.Status.AFGEROND:
        return _("This group has finished, so you can no longer sign up.")
    if bestaand is None:
        return None
    if bestaand.rol == Lidmaatschap.Rol.FACILITATOR and bestaand.status == bestaand.Status.ACTIEF:
        return _("You are a facilitator of this group.")
    if bestaand.status == Lidmaatschap.Status.ACTIEF:
        return _("You are already signed up for this group.")
    if bestaand.status == Lidmaatschap.Status.WACHTLIJST:
        return _("You are already on the waiting list for this group.")
    return None


def _controleer(groep: Groep, bestaand: Lidmaatschap | None) -> None:
    reden = belemmering(groep, bestaand)
    if reden is not None:
        raise InschrijvingFout(reden)


def _vergrendel(groep_id: int) -> Groep:
    """Lock the group's row (only that row, not its aanbod) for the rest of the transaction."""
    return Groep.objects.select_for_update(of=("self",)).select_related("aanbod").get(pk=groep_id)


def aanmelden(user, groep_id: int, motivatie: str = "", *, wil_nazit: bool = True) -> Uitkomst:
    """Enrol `user`: a place if one is free, otherwise the waiting list.

    `wil_nazit`: False when they ticked "no invitation to the nazit" (only asked when the
    offer has a nazit); nazorg keeps that choice (signals.nazit_keuze)."""
    now = timezone.now()
    with transaction.atomic():
        groep = _vergrendel(groep_id)
        bestaand = Lidmaatschap.objects.filter(groep=groep, user=user).first()
        _controleer(groep, bestaand)
        # Anyone already waiting goes first (e.g. after the capacity was raised).
        doorgeschoven = _vul_vrije_plaatsen_locked(groep)
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
        positie = positie_op_wachtlijst(lid) if wachtlijst else None
        if groep.aanbod.met_nazit:
            signals.nazit_keuze.send(sender=Lidmaatschap, lidmaatschap=lid, wil_nazit=wil_nazit)
    _meld_doorgeschoven(doorgeschoven)
    if wachtlijst:
        mail.stuur_later("wachtlijst", [user.pk], {"groep_id": groep.pk, "positie": positie})
    else:
        mail.stuur_later("aangemeld", [user.pk], {"groep_id": groep.pk, "wil_nazit": wil_nazit})
    return Uitkomst(lid, wachtlijst, positie)


def uitschrijven(lidmaatschap_id: int) -> list[Lidmaatschap]:
    """Cancel an enrolment (or leave the waiting list). Returns who moved up."""
    with transaction.atomic():
        lid = Lidmaatschap.objects.get(pk=lidmaatschap_id)
        groep = _vergrendel(lid.groep_id)
        lid.refresh_from_db()
        if lid.rol != Lidmaatschap.Rol.DEELNEMER or lid.status == Lidmaatschap.Status.UITGESCHREVEN:
            raise InschrijvingFout(_("You are not signed up for this group."))
        if lid.status == Lidmaatschap.Status.ACTIEF and groep.status == Groep.Status.AFGEROND:
            raise InschrijvingFout(
                _("This group has already finished. It stays in your history, as it should.")
            )
        lid.status = Lidmaatschap.Status.UITGESCHREVEN
        lid.status_sinds = timezone.now()
        lid.save(update_fields=["status", "status_sinds"])
        doorgeschoven = _vul_vrije_plaatsen_locked(groep)
    mail.stuur_later("uitgeschreven", [lid.user_id], {"groep_id": lid.groep_id})
    _meld_doorgeschoven(doorgeschoven)
    return doorgeschoven


def vul_vrije_plaatsen(groep_id: int) -> list[Lidmaatschap]:
    """Give free places to the waiting list, first come first served (e.g. after the
    capacity was raised). Returns who moved up; they get an email."""
    with transaction.atomic():
        groep = _vergrendel(groep_id)
        doorgeschoven = _vul_vrije_plaatsen_locked(groep)
    _meld_doorgeschoven(doorgeschoven)
    return doorgeschoven


def _vul_vrije_plaatsen_locked(groep: Groep) -> list[Lidmaatschap]:
    vrij = vrije_plaatsen(groep)
    if vrij == 0:
        return []
    wachtenden = Lidmaatschap.objects.filter(groep=groep).wachtlijst()
    kandidaten = list(wachtenden if vrij is None else wachtenden[:vrij])
    now = timezone.now()
    for lid in kandidaten:
        lid.status = Lidmaatschap.Status.ACTIEF
        lid.status_sinds = now
    if kandidaten:
        Lidmaatschap.objects.bulk_update(kandidaten, ["status", "status_sinds"])
    return kandidaten


def _meld_doorgeschoven(leden: list[Lidmaatschap]) -> None:
    for lid in leden:
        mail.stuur_later("doorgeschoven", [lid.user_id], {"groep_id": lid.groep_id})


def _voor_mij_op_de_wachtlijst(groep, status_sinds, pk):
    """Waiting-list rows of `groep` that are ahead of (or equal to) the given place."""
    return Lidmaatschap.objects.filter(groep=groep, status=Lidmaatschap.Status.WACHTLIJST).filter(
        Q(status_sinds__lt=status_sinds) | Q(status_sinds=status_sinds, pk__lte=pk)
    )


def positie_op_wachtlijst(lidmaatschap: Lidmaatschap) -> int | None:
    """1 for the first on the waiting list; None when not on it."""
    if lidmaatschap.status != Lidmaatschap.Status.WACHTLIJST:
        return None
    return _voor_mij_op_de_wachtlijst(
        lidmaatschap.groep_id, lidmaatschap.status_sinds, lidmaatschap.pk
    ).count()


def met_positie(lidmaatschappen: QuerySet) -> QuerySet:
    """Annotate `positie` (place on the waiting list) in the same query, for lists.

    The value only means something for rows with status "wachtlijst".
    """
    voor = (
        _voor_mij_op_de_wachtlijst(OuterRef("groep"), OuterRef("status_sinds"), OuterRef("pk"))
        .order_by()
        .values("groep")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return lidmaatschappen.annotate(positie=Subquery(voor, output_field=IntegerField()))
