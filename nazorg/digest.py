"""The weekly community digest: an opt-in email with the titles of new conversations.

Only titles of visible threads in the person's spaces, never what anyone wrote; muted
threads and the person's own threads are left out; no mail when there is nothing new,
and none during a break from the community.
Idempotent within a week: a preference is claimed (laatst_verstuurd set) with a
conditional UPDATE before the mail goes out, so a doubled task sends nothing twice.
"""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from lib import mail as lib_mail

from . import rust
from .models import Demping, DigestVoorkeur, Draad, Ruimte, Status

logger = logging.getLogger(__name__)

PERIODE = datetime.timedelta(days=7)
# A little slack so a beat run a few hours early still counts as "next week".
MIN_TUSSENPOZE = datetime.timedelta(days=6)
MAX_DRADEN = 20


def _url(naam, **kwargs) -> str:
    return settings.SITE_URL + reverse(naam, kwargs=kwargs or None)


def nieuwe_draden(user, sinds):
    """New visible threads in `user`'s spaces since `sinds`: not muted, not their own."""
    return (
        Draad.objects.filter(
            ruimte__in=Ruimte.objects.zichtbaar_voor(user),
            status=Status.ZICHTBAAR,
            aangemaakt_op__gt=sinds,
        )
        .exclude(auteur=user)
        .exclude(pk__in=Demping.objects.filter(user=user).values("draad"))
        .select_related("ruimte")
        .order_by("ruimte__naam", "-aangemaakt_op")
    )


def bouw_mail(user, draden) -> EmailMultiAlternatives:
    # A title with one of the person's muted words is replaced by a neutral line: an email
    # has no tap to open (nazorg/rust.py).
    demper = rust.demper_voor(user)
    gedempt = _l("A topic with a word you muted")  # lazy: translated when the mail renders
    context = {
        "user": user,
        "draden": [
            {
                "titel": gedempt if demper.vouwt_titel(d) else d.titel,
                "ruimte": d.ruimte.naam,
                "url": _url("draad", pk=d.pk),
            }
            for d in draden
        ],
        "community_url": _url("community"),
        "voorkeur_url": _url("digest"),
    }
    return lib_mail.bouw_mail("nazorg/email/digest", user.email, context)


def verstuur_digest(nu=None) -> int:
    """Send the digest to everyone who opted in and has something new. Returns the number
    of mails sent."""
    nu = nu or timezone.now()
    verstuurd = 0
    voorkeuren = (
        DigestVoorkeur.objects.filter(wekelijks=True, user__is_active=True)
        # Nobody on a break from the community gets it (nazorg/rust.py); after the break,
        # only what is new since it ended: coming back is not a pile of mail.
        .exclude(user__community_pauze__tot__gt=nu)
        .annotate(pauze_tot=F("user__community_pauze__tot"))
        .select_related("user")
    )
    for voorkeur in voorkeuren.iterator(chunk_size=200):
        vorige = voorkeur.laatst_verstuurd
        if vorige is not None and nu - vorige < MIN_TUSSENPOZE:
            continue
        user = voorkeur.user
        if not user.email:
            continue
        sinds = max(filter(None, (vorige or nu - PERIODE, voorkeur.pauze_tot)))
        draden = list(nieuwe_draden(user, sinds)[:MAX_DRADEN])
        if not draden:
            continue
        # Claim: only the run that moves laatst_verstuurd from `vorige` sends the mail.
        if not DigestVoorkeur.objects.filter(pk=voorkeur.pk, laatst_verstuurd=vorige).update(
            laatst_verstuurd=nu
        ):
            continue
        try:
            bouw_mail(user, draden).send()
        except Exception as exc:  # SMTP trouble: give the week back so the next run retries
            DigestVoorkeur.objects.filter(pk=voorkeur.pk, laatst_verstuurd=nu).update(
                laatst_verstuurd=vorige
            )
            logger.error("Digest for user %s not sent (%s)", user.pk, type(exc).__name__)
            continue
        verstuurd += 1
    return verstuurd


@shared_task(ignore_result=True, name="nazorg.verstuur_digest")
def verstuur_digest_taak():
    return verstuur_digest()
