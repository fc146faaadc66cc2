"""Telling a person that their wish to help moved: an in-app notice and, when they like
email, a short mail.

The channels are the person's general choice "How would you like to hear from us?"
(nazorg.voorkeuren: by email, in the app; both on unless they turned one off). The
notice is written in the same transaction as the decision, so it exists exactly when
the decision does; the mail is queued after the commit (a rolled-back decision sends
nothing) as a task that carries only the wish's id and reads the wish when it sends.
Neither holds the coordinator's note: it is shown in the app only, where just the person
reads it; a mailbox may be read along by others.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

from lib.mail import bouw_mail
from nazorg import voorkeuren
from nazorg.models import Melding

from .models import Meehelpwens

logger = logging.getLogger(__name__)
MAIL = "doorgroei/email/meehelpen"


def meld(wens: Meehelpwens) -> None:
    from . import wensen

    keuze = voorkeuren.algemeen(wens.user)
    if keuze.in_app:
        # Stored in the academy's language, as the other notices are.
        with translation.override(settings.LANGUAGE_CODE):
            titel = Truncator(wensen.stand(wens)).chars(200)
        Melding.objects.create(user=wens.user, titel=titel, link=reverse("meehelpen"))
    if keuze.per_email and wens.user.email:
        transaction.on_commit(lambda: _in_de_rij(wens.pk, wens.versie))


def _in_de_rij(wens_pk: int, versie: int) -> None:
    try:
        stuur_wensmail.delay(wens_pk, versie)
    except Exception as exc:  # kombu raises several types when the broker is down
        logger.error("Could not queue the wish mail for %s (%s)", wens_pk, type(exc))


def stuur(wens_pk: int, versie: int) -> None:
    """Send now. A wish that changed again since (or was erased) gets no mail for this
    step: the newer step sends its own, so the person never reads an old state."""
    from . import wensen

    wens = (
        Meehelpwens.objects.select_related("user", "beslist_door", "rol__groep")
        .filter(pk=wens_pk, versie=versie)
        .first()
    )
    if wens is None or not wens.user.is_active or not wens.user.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": wens.user, "stand": wensen.stand(wens)}
    bouw_mail(MAIL, wens.user.email, context).send()


@shared_task(
    autoretry_for=(OSError,),  # smtplib.SMTPException is an OSError
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    ignore_result=True,
)
def stuur_wensmail(wens_pk: int, versie: int):
    """Thin wrapper: SMTP trouble is retried with growing pauses (30 s up to an hour)."""
    stuur(wens_pk, versie)
