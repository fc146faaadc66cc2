"""Mails about one-to-one conversations, each with a calendar entry (lib/ics.py).

Queued after the commit (a rolled-back booking sends nothing) as a Celery task that
carries only ids; the task reads the booking when it sends, so a cancellation that
came in between is what the person sees. The text someone wrote (their question, the
note) never goes into a mail or a calendar entry; a cancellation message does, because
it is written for the other person.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deelnemers.fields import decrypt, encrypt
from lib import ics
from lib.mail import bouw_mail

from .models import Aanbod, Gespreksboeking

logger = logging.getLogger(__name__)

PRODID = "-//Herstelacademie//Gesprek//NL"
BESTANDSNAAM = "gesprek.ics"
GEBOEKT = "gesprek_geboekt"
GEBOEKT_ED = "gesprek_geboekt_ed"
GEANNULEERD = "gesprek_geannuleerd"
ANDER_MOMENT = "gesprek_ander_moment"
VERVALLEN = "gesprek_vervallen"


def _queue(naam, user_id, object_id, bericht=""):
    from .tasks import stuur_gesprekmail

    try:
        stuur_gesprekmail.delay(naam, user_id, object_id, bericht)
    except Exception as exc:  # kombu raises several types when the broker is down
        logger.error("Could not queue mail %s for user %s (%s)", naam, user_id, type(exc))


def na_commit_geboekt(boeking) -> None:
    deelnemer, ed = boeking.deelnemer_id, boeking.slot.ervaringsdeskundige_id

    def queue():
        _queue(GEBOEKT, deelnemer, boeking.pk)
        _queue(GEBOEKT_ED, ed, boeking.pk)

    transaction.on_commit(queue)


def na_commit_geannuleerd(boeking, aan: int) -> None:
    transaction.on_commit(lambda: _queue(GEANNULEERD, aan, boeking.pk))


def stuur_ander_moment(user, aanbod, bericht: str, ontvangers) -> None:
    # Nothing is stored: the words travel in the task, encrypted, because a broker and
    # the worker's log show a task's arguments.
    versleuteld = encrypt(bericht)
    for ontvanger in ontvangers:
        _queue(ANDER_MOMENT, ontvanger, f"{aanbod.pk}:{user.pk}", versleuteld)


def agenda_item(boeking, voor_ed: bool) -> bytes:
    slot = boeking.slot
    ander = boeking.deelnemer if voor_ed else slot.ervaringsdeskundige
    with translation.override(settings.LANGUAGE_CODE):
        if boeking.geannuleerd:
            titel = _("Cancelled: conversation with %(naam)s") % {"naam": ander.roepnaam}
        else:
            titel = _("Conversation with %(naam)s") % {"naam": ander.roepnaam}
        return ics.agenda_item(
            prodid=PRODID,
            uid=ics.uid("gesprek", boeking.pk),
            begin=slot.begint_om,
            einde=slot.eindigt_om,
            titel=titel,
            geannuleerd=boeking.geannuleerd,
            # The cancellation replaces the confirmation in the person's calendar.
            volgnummer=1 if boeking.geannuleerd else 0,
            locatie=slot.plaats,
            beschrijving=slot.aanbod.titel,
        )


def _stuur_ander_moment(user, object_id, bericht):
    aanbod_id, _sep, vrager_id = str(object_id).partition(":")
    aanbod = Aanbod.objects.filter(pk=aanbod_id).first()
    vrager = get_user_model().objects.filter(pk=vrager_id, is_active=True).first()
    if aanbod is None or vrager is None:
        return
    context = {"user": user, "aanbod": aanbod, "vrager": vrager, "bericht": decrypt(bericht)}
    # A reply goes straight to the person who asked.
    mail = bouw_mail(
        f"groepen/email/{ANDER_MOMENT}", user.email, context, headers={"Reply-To": vrager.email}
    )
    mail.send()


def stuur(naam: str, user_id: int, object_id, bericht: str = "") -> None:
    """Render and send now (called by the task)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    if naam == ANDER_MOMENT:
        _stuur_ander_moment(user, object_id, bericht)
        return
    boeking = (
        Gespreksboeking.objects.select_related(
            "slot__aanbod", "slot__ervaringsdeskundige", "deelnemer"
        )
        .filter(pk=object_id)
        .first()
    )
    if boeking is None or (naam == GEANNULEERD) != boeking.geannuleerd:
        return  # erased, or cancelled before the confirmation went out
    voor_ed = user.pk == boeking.slot.ervaringsdeskundige_id
    context = {
        "user": user,
        "boeking": boeking,
        "slot": boeking.slot,
        "ander": boeking.deelnemer if voor_ed else boeking.slot.ervaringsdeskundige,
        "voor_ed": voor_ed,
    }
    mail = bouw_mail(f"groepen/email/{naam}", user.email, context)
    ics.voeg_toe(mail, agenda_item(boeking, voor_ed), BESTANDSNAAM)
    mail.send()


def stuur_vervallen(boeking) -> None:
    """After an erasure: tell the ervaringsdeskundige a booked conversation is off. The
    booking row is already gone, so this mail is built from the object in memory, sent
    at once (one mail; a failure is logged, the erasure stands) and names nobody."""
    ed = boeking.slot.ervaringsdeskundige
    if not ed.is_active:
        return
    boeking.geannuleerd_op = boeking.geannuleerd_op or timezone.now()
    context = {"user": ed, "slot": boeking.slot}
    try:
        mail = bouw_mail(f"groepen/email/{VERVALLEN}", ed.email, context)
        with translation.override(settings.LANGUAGE_CODE):
            inhoud = ics.agenda_item(
                prodid=PRODID,
                uid=ics.uid("gesprek", boeking.pk),
                begin=boeking.slot.begint_om,
                einde=boeking.slot.eindigt_om,
                titel=_("Cancelled: conversation"),
                geannuleerd=True,
                volgnummer=1,
                locatie=boeking.slot.plaats,
            )
        ics.voeg_toe(mail, inhoud, BESTANDSNAAM)
        mail.send()
    except Exception as exc:  # SMTP trouble must not undo or stop the erasure
        logger.error("Could not send mail %s for user %s (%s)", VERVALLEN, ed.pk, type(exc))
