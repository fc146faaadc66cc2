"""One-to-one conversations with an ervaringsdeskundige: slots, bookings, cancelling,
the private note, and the counts a coordinator may see.

Who offers: anyone who facilitates a group (volunteer co-facilitators too), through the
permission groepen.offer_gesprek; they publish slots for any gesprek offer that is not
archived. Who books: any signed-in person, never in their own slot. "One booking per
slot" is decided by the database (a partial unique index on Gespreksboeking.slot), not
by a check in Python, so two people booking at the same moment cannot both win.

Mails (with a calendar entry) are queued after the commit (groepen/gesprek_mail.py).
"""

import datetime
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import openbaar
from .models import Aanbod, Gespreksboeking, Gespreksslot

AANBIEDEN = "groepen.offer_gesprek"
NOTITIE_MAX = 5_000
BERICHT_MAX = 1_000
# Whoever offered slots in an offer this recently is asked when someone wants another time.
RECENT_AANGEBODEN = datetime.timedelta(days=90)
# The ervaringsdeskundige's page shows booked conversations of this long ago (for the note).
TERUGKIJKEN = datetime.timedelta(days=30)


class GesprekFout(Exception):
    """Why this cannot be done; the text is for the person, in their language."""


def gesprek_aanbod():
    return Aanbod.objects.actief().filter(soort=Aanbod.Soort.GESPREK)


# --- Reading -------------------------------------------------------------------------


def vrije_slots(aanbod_ids, nu=None) -> dict:
    """aanbod id -> [(day, [free slots of that day])], soonest first. One query, however
    many slots or offers (none without offers)."""
    if not aanbod_ids:
        return {}
    slots = (
        Gespreksslot.objects.vrij(nu)
        .filter(aanbod__in=aanbod_ids)
        .select_related("ervaringsdeskundige")
        .order_by("aanbod", "begint_om", "pk")
    )
    per_aanbod = {}
    for aanbod_id, rij in itertools.groupby(slots, key=lambda s: s.aanbod_id):
        per_aanbod[aanbod_id] = [
            (dag, list(dag_slots))
            for dag, dag_slots in itertools.groupby(
                rij, key=lambda s: timezone.localdate(s.begint_om)
            )
        ]
    return per_aanbod


def slot_om_te_boeken(pk) -> Gespreksslot:
    """A slot of an offer that is still offered (else 404); booked or past is shown on
    the page with a reason, not a 404: the person followed a real link."""
    return get_object_or_404(
        Gespreksslot.objects.open().met_boeking().select_related("aanbod", "ervaringsdeskundige"),
        pk=pk,
    )


def belemmering(user, slot, nu=None) -> str | None:
    if slot.ervaringsdeskundige_id == user.pk:
        return _("This is one of your own time slots.")
    if slot.begint_om <= (nu or timezone.now()):
        return _("This time has already passed.")
    if getattr(slot, "geboekt", False):
        if slot.boekingen.filter(deelnemer=user, geannuleerd_op__isnull=True).exists():
            return _("You have booked this time. It is on your home page.")
        return _("Someone else has just booked this time. Please choose another one.")
    return None


def mijn_boekingen(user, nu=None):
    """The person's conversations still to come (booked, not cancelled). One query."""
    return list(
        Gespreksboeking.objects.filter(
            deelnemer=user, geannuleerd_op__isnull=True, slot__eindigt_om__gt=nu or timezone.now()
        )
        .select_related("slot__aanbod", "slot__ervaringsdeskundige")
        .order_by("slot__begint_om", "pk")
    )


def eigen_boeking(user, pk) -> Gespreksboeking:
    """The person's own booking (404 for anyone else's)."""
    return get_object_or_404(
        Gespreksboeking.objects.select_related("slot__aanbod", "slot__ervaringsdeskundige"),
        pk=pk,
        deelnemer=user,
    )


def mijn_slots(user, nu=None) -> list[Gespreksslot]:
    """The ervaringsdeskundige's slots still to come and those of the last TERUGKIJKEN
    that were booked (to write the note), each with `.boeking` (the active one or None).
    Two queries."""
    nu = nu or timezone.now()
    slots = list(
        Gespreksslot.objects.filter(
            ervaringsdeskundige=user, ingetrokken_op__isnull=True, eindigt_om__gt=nu - TERUGKIJKEN
        )
        .select_related("aanbod")
        .order_by("begint_om", "pk")
    )
    boekingen = {
        b.slot_id: b
        for b in Gespreksboeking.objects.filter(
            slot__in=[s.pk for s in slots], geannuleerd_op__isnull=True
        ).select_related("deelnemer")
    }
    result = []
    for s in slots:
        s.boeking = boekingen.get(s.pk)
        s.voorbij = s.eindigt_om <= nu
        # A past slot nobody booked is of no use any more.
        if s.boeking is not None or not s.voorbij:
            result.append(s)
    return result


def geboekte_slots(user, nu=None) -> list[Gespreksslot]:
    """mijn_slots, only the booked ones (each with `.boeking` and `.voorbij`), for the
    facilitator home: one query instead of two, from the bookings (one active booking
    per slot, gespreksboeking_een_per_slot)."""
    nu = nu or timezone.now()
    boekingen = (
        Gespreksboeking.objects.filter(
            slot__ervaringsdeskundige=user,
            slot__ingetrokken_op__isnull=True,
            slot__eindigt_om__gt=nu - TERUGKIJKEN,
            geannuleerd_op__isnull=True,
        )
        .select_related("slot__aanbod", "deelnemer")
        .order_by("slot__begint_om", "slot_id")
    )
    result = []
    for boeking in boekingen:
        slot = boeking.slot
        slot.boeking = boeking
        slot.voorbij = slot.eindigt_om <= nu
        result.append(slot)
    return result


def eigen_slot(user, pk) -> Gespreksslot:
    """One of the ervaringsdeskundige's own slots (404 for anyone else's), with `.boeking`."""
    slot = get_object_or_404(
        Gespreksslot.objects.select_related("aanbod"), pk=pk, ervaringsdeskundige=user
    )
    slot.boeking = (
        slot.boekingen.filter(geannuleerd_op__isnull=True).select_related("deelnemer").first()
    )
    return slot


def ervaringsdeskundigen_van(aanbod, nu=None):
    """Who to ask for another time: everyone who offered slots here recently."""
    nu = nu or timezone.now()
    return get_user_model().objects.filter(
        is_active=True,
        pk__in=Gespreksslot.objects.filter(
            aanbod=aanbod, ingetrokken_op__isnull=True, begint_om__gte=nu - RECENT_AANGEBODEN
        ).values("ervaringsdeskundige"),
    )


# --- Writing -------------------------------------------------------------------------


def maak_slots(user, aanbod, begintijden, duur: datetime.timedelta, plaats: str):
    """Publish one slot per start time. The form has checked the times."""
    slots = [
        Gespreksslot(
            aanbod=aanbod,
            ervaringsdeskundige=user,
            begint_om=begin,
            eindigt_om=begin + duur,
            plaats=plaats,
        )
        for begin in begintijden
    ]
    gemaakt = Gespreksslot.objects.bulk_create(slots)
    openbaar.gewijzigd()  # bulk_create sends no signal; the public offer counts free times
    return gemaakt


def boek(user, slot_pk, vraag: str = "") -> Gespreksboeking:
    """Book a free slot for `user`. GesprekFout when it is not (or no longer) possible."""
    from . import gesprek_mail

    with transaction.atomic():
        # The row lock lines a booking up behind a withdrawal of the same slot (and the
        # other way round). It is not what keeps two bookings apart: the index is.
        slot = (
            Gespreksslot.objects.open()
            .select_for_update(of=("self",))
            .filter(pk=slot_pk)
            .select_related("aanbod")
            .first()
        )
        if slot is None:
            raise GesprekFout(_("This time is no longer offered. Please choose another one."))
        reden = belemmering(user, slot)
        if reden:
            raise GesprekFout(reden)
        try:
            with transaction.atomic():
                boeking = Gespreksboeking.objects.create(slot=slot, deelnemer=user, vraag=vraag)
        except IntegrityError:
            raise GesprekFout(
                _("Someone else has just booked this time. Please choose another one.")
            ) from None
        gesprek_mail.na_commit_geboekt(boeking)
    return boeking


def _annuleer(boeking, door, bericht, nu):
    """Conditional update: only an active booking of a conversation still to come."""
    gedaan = Gespreksboeking.objects.filter(
        pk=boeking.pk, geannuleerd_op__isnull=True, slot__begint_om__gt=nu
    ).update(geannuleerd_op=nu, geannuleerd_door=door, annuleringsbericht=bericht)
    openbaar.gewijzigd()  # the slot is free again on the public pages
    if not gedaan:
        raise GesprekFout(
            _(
                "This conversation can no longer be cancelled: it was cancelled already "
                "or has started."
            )
        )


def annuleer_als_deelnemer(user, boeking, bericht: str, nu=None) -> None:
    """The person cancels; the slot is free again for someone else (it is in the future)."""
    from . import gesprek_mail

    nu = nu or timezone.now()
    with transaction.atomic():
        _annuleer(boeking, Gespreksboeking.Door.DEELNEMER, bericht, nu)
        gesprek_mail.na_commit_geannuleerd(boeking, aan=boeking.slot.ervaringsdeskundige_id)


def annuleer_als_ervaringsdeskundige(user, slot, bericht: str, intrekken: bool, nu=None):
    """The ervaringsdeskundige cancels the booking of their slot. The slot is free again,
    unless they withdraw it too (they cannot make it themselves)."""
    from . import gesprek_mail

    nu = nu or timezone.now()
    if slot.boeking is None:
        raise GesprekFout(_("Nobody has booked this time (any more)."))
    with transaction.atomic():
        _annuleer(slot.boeking, Gespreksboeking.Door.ERVARINGSDESKUNDIGE, bericht, nu)
        if intrekken:
            Gespreksslot.objects.filter(pk=slot.pk).update(ingetrokken_op=nu)
            openbaar.gewijzigd()
        gesprek_mail.na_commit_geannuleerd(slot.boeking, aan=slot.boeking.deelnemer_id)


def trek_in(slot, nu=None) -> None:
    """Take a free slot off the offer. A booked one is cancelled with a message first."""
    nu = nu or timezone.now()
    with transaction.atomic():
        Gespreksslot.objects.select_for_update(of=("self",)).filter(pk=slot.pk).first()
        if slot.boekingen.filter(geannuleerd_op__isnull=True).exists():
            raise GesprekFout(
                _(
                    "Someone has booked this time. Cancel the conversation with a short "
                    "message instead."
                )
            )
        Gespreksslot.objects.filter(pk=slot.pk).update(ingetrokken_op=nu)
        openbaar.gewijzigd()


def kan_notitie_schrijven(slot, nu=None) -> bool:
    """A note once the conversation has started, for a booking that was not cancelled."""
    return slot.boeking is not None and slot.begint_om <= (nu or timezone.now())


def sla_notitie_op(slot, tekst: str, nu=None) -> None:
    if not kan_notitie_schrijven(slot, nu):
        raise GesprekFout(_("You can write a note once the conversation has started."))
    boeking = slot.boeking
    boeking.notitie = tekst
    boeking.notitie_bijgewerkt_op = nu or timezone.now()
    boeking.save(update_fields=["notitie", "notitie_bijgewerkt_op"])


def vraag_ander_moment(user, aanbod, bericht: str) -> int:
    """Ask the offer's ervaringsdeskundigen for another time; how many were asked."""
    from . import gesprek_mail

    ontvangers = [u.pk for u in ervaringsdeskundigen_van(aanbod) if u.pk != user.pk]
    gesprek_mail.stuur_ander_moment(user, aanbod, bericht, ontvangers)
    return len(ontvangers)


# --- Counts for the coordinator ------------------------------------------------------


@dataclass
class Maandcijfers:
    maand: datetime.date
    aangeboden: int = 0
    geboekt: int = 0
    gehouden: int = 0


def cijfers_per_maand(maanden: int = 12, nu=None) -> list[Maandcijfers]:
    """Slots offered, booked and held per month (of the slot's date), newest first.

    Counts only, never a name or a word. "Booked" is a slot with a booking that was not
    cancelled; "held" is such a slot in the past. Bookings of people who erased their
    account are gone, so older months can drop a little. Two queries.
    """
    nu = timezone.localtime(nu or timezone.now())
    eerste = (nu.date().replace(day=1) - datetime.timedelta(days=31 * (maanden - 1))).replace(day=1)
    begin = timezone.make_aware(datetime.datetime.combine(eerste, datetime.time()))
    slots = Gespreksslot.objects.filter(begint_om__gte=begin, ingetrokken_op__isnull=True)
    aangeboden = (
        slots.annotate(maand=TruncMonth("begint_om")).values("maand").annotate(n=Count("pk"))
    )
    actief = Q(boekingen__geannuleerd_op__isnull=True) & Q(boekingen__isnull=False)
    boekingen = (
        Gespreksslot.objects.filter(begint_om__gte=begin)
        .filter(actief)
        .annotate(maand=TruncMonth("begint_om"))
        .values("maand")
        .annotate(
            geboekt=Count("pk", distinct=True),
            gehouden=Count("pk", distinct=True, filter=Q(eindigt_om__lte=nu)),
        )
    )
    per_maand = {}

    def rij(maand):
        dag = maand.date() if isinstance(maand, datetime.datetime) else maand
        return per_maand.setdefault(dag, Maandcijfers(dag))

    for r in aangeboden:
        rij(r["maand"]).aangeboden = r["n"]
    for r in boekingen:
        m = rij(r["maand"])
        m.geboekt, m.gehouden = r["geboekt"], r["gehouden"]
    return sorted(per_maand.values(), key=lambda m: m.maand, reverse=True)
