"""Replies by email, for those who ask for it (GesprekmeldingVoorkeur.reacties_email, off
unless chosen: an email about the community says something about someone's recovery to
whoever reads along in their mailbox).

WHAT IS MAILED. A reply notification (Melding, soort REACTIE) that is unread and not
mailed yet, about a post the person may still see (not hidden, held or taken back, in a
visible thread of a space they still see: the rule of gesprekmeldingen.zichtbaar, here
written for many people at once), of a person who chose email, is not on a community
break and has an address. The mail says how many new replies there are and links to
each conversation; it never holds the text of a post, a thread title or anyone's name
(all personal, and stored encrypted). One mail lists them all: batched.

WHEN. A beat task (nazorg.tasks.verstuur_gesprekmails, every 5 minutes) mails a person
once their oldest waiting reply has been unread for WACHT (15 minutes: someone who is in
the app reads it there and gets no mail); everything waiting goes in that one mail. At
most one mail an hour per person (GesprekmailStand.laatst_gemaild), and none between
22:00 and 08:00 Amsterdam time: a reply at 23:00 is mailed at 08:00. A notification read
in the app before the run is not mailed.

THE GUARANTEE: at least once, never lost. Per person, in this order, each step committed
on its own:
  1. claim: a conditional UPDATE moves laatst_gemaild to now only when the last mail is
     an hour old (or there was none). A second run at the same moment (two beat
     schedulers) updates nothing and skips the person: no double mail.
  2. send, with a Message-ID made of the notifications it lists.
  3. mark those notifications mailed (gemaild_op), right after the send.
A crash between 1 and 2 sends nothing now; the notifications are still unmailed and go
out an hour later (late, not lost). A crash between 2 and 3 sends them once more an hour
later, with the same Message-ID: the one window where a mail can come twice, as with any
email. An SMTP error gives the hour back (laatst_gemaild as it was), so the next run
tries again. Queries: a fixed few for the whole run (the stand rows of people mailed for
the first time are made in one statement), plus two per mail (claim and mark), since each
mail is committed on its own.
"""

import datetime
import hashlib
import logging
from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from lib import mail as lib_mail

from .models import CommunityPauze, GesprekmailStand, GesprekmeldingVoorkeur, Melding, Status
from .models.toegang import benoemd_als_moderator, community_lid

logger = logging.getLogger(__name__)

UUR = datetime.timedelta(hours=1)
WACHT = datetime.timedelta(minutes=15)
STIL_VANAF, STIL_TOT = 22, 8  # local hours: no mail from 22:00 until 08:00
MAX_GESPREKKEN = 10  # links in one mail; the rest is "and N more conversations"
SALT = "nazorg.gesprekmail.stop"


def stil(nu) -> bool:
    """Night time in Amsterdam (settings.TIME_ZONE): no mail."""
    uur = timezone.localtime(nu).hour
    return uur >= STIL_VANAF or uur < STIL_TOT


def _ziet_ruimte() -> Q:
    """A condition on Melding: its person still sees the space of its post. The rule of
    Ruimte.objects.zichtbaar_voor, for every row's own person at once."""
    persoon = OuterRef("user")
    ruimte = "bericht__draad__ruimte"
    lid = Lidmaatschap.objects.actief().filter(user=persoon, groep=OuterRef(f"{ruimte}__groep"))
    benoemd = benoemd_als_moderator(persoon, f"{ruimte}__groep")
    academie = Q(**{f"{ruimte}__groep__isnull": True}) & community_lid(persoon)
    return Q(Exists(lid)) | benoemd | academie


def te_mailen(nu):
    """Reply notifications that may go out by email now (see WHAT IS MAILED), of people
    whose last mail is at least an hour old."""
    persoon = OuterRef("user")
    gekozen = GesprekmeldingVoorkeur.objects.filter(user=persoon, reacties_email=True)
    pauze = CommunityPauze.objects.filter(user=persoon, tot__gt=nu)
    recent = GesprekmailStand.objects.filter(user=persoon, laatst_gemaild__gt=nu - UUR)
    return (
        Melding.objects.filter(
            soort=Melding.Soort.REACTIE,
            gelezen_op__isnull=True,
            gemaild_op__isnull=True,
            user__is_active=True,
            bericht__status=Status.ZICHTBAAR,
            bericht__teruggenomen_op__isnull=True,
            bericht__draad__status=Status.ZICHTBAAR,
        )
        .filter(Exists(gekozen))
        .filter(_ziet_ruimte())
        .exclude(user__email="")
        .exclude(Exists(pauze))
        .exclude(Exists(recent))
    )


# --- Links and the mail ------------------------------------------------------------------------


def maak_stop_token(user_id: int) -> str:
    # No expiry: a link to stop email must keep working in an old mail.
    return signing.Signer(salt=SALT).sign(str(user_id))


def lees_stop_token(token: str) -> int | None:
    try:
        waarde = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(waarde) if waarde.isdigit() and waarde.isascii() else None


def stop(user) -> bool:
    """Turn the reply email off. False: it was off already."""
    keuze, _nieuw = GesprekmeldingVoorkeur.objects.get_or_create(user=user)
    if not keuze.reacties_email:
        return False
    GesprekmeldingVoorkeur.objects.filter(pk=keuze.pk).update(reacties_email=False)
    return True


def message_id(user_id, melding_ids) -> str:
    """The same for the same notifications: a resend after a crash is recognisably the
    same message."""
    vingerafdruk = hashlib.sha256(",".join(map(str, sorted(melding_ids))).encode()).hexdigest()
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie.local"
    return f"<gesprekmail-{user_id}-{vingerafdruk[:20]}@{host}>"


def bouw_mail(user_id, email, rijen, connection=None):
    """rijen: (melding_id, draad_id) oldest first. Per conversation a count and a link
    that opens its first new reply; no text, no title, no names."""
    site = settings.SITE_URL
    gesprekken = {}
    for melding_id, draad_id in rijen:
        gesprek = gesprekken.setdefault(draad_id, {"aantal": 0, "melding": melding_id})
        gesprek["aantal"] += 1
    lijst = [
        {"aantal": g["aantal"], "url": site + reverse("meldingen_open", args=[g["melding"]])}
        for g in gesprekken.values()
    ]
    stop_url = site + reverse("gesprekmail_stoppen", args=[maak_stop_token(user_id)])
    context = {
        "aantal": len(rijen),
        "gesprekken": lijst[:MAX_GESPREKKEN],
        "meer": max(0, len(lijst) - MAX_GESPREKKEN),
        "meldingen_url": site + reverse("meldingen"),
        "instellingen_url": site + reverse("meldingen_instellingen"),
        "stop_url": stop_url,
    }
    return lib_mail.bouw_mail(
        "nazorg/email/gesprekmail",
        email,
        context,
        connection=connection,
        headers={
            "Message-ID": message_id(user_id, [r[0] for r in rijen]),
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# --- The run -----------------------------------------------------------------------------------


def _claim(user_id, vorige, nu) -> bool:
    """Step 1: this run may mail the person now (see THE GUARANTEE). Only the run that
    finds the stand as it read it moves it on."""
    oud_genoeg = Q(laatst_gemaild__isnull=True) | Q(laatst_gemaild__lte=nu - UUR)
    claim = GesprekmailStand.objects.filter(oud_genoeg, user_id=user_id, laatst_gemaild=vorige)
    return bool(claim.update(laatst_gemaild=nu))


def verstuur_gesprekmails(nu=None, connection=None) -> int:
    """Send the reply emails that are due. Returns the number of mails sent."""
    nu = nu or timezone.now()
    if stil(nu):
        return 0
    kandidaten = te_mailen(nu)
    # Only people whose oldest waiting reply has waited long enough; then all of theirs.
    klaar = kandidaten.filter(aangemaakt_op__lte=nu - WACHT).values("user")
    rijen = (
        kandidaten.filter(user__in=klaar)
        .order_by("user_id", "aangemaakt_op", "pk")
        .values_list(
            "user_id",
            "pk",
            "bericht__draad_id",
            "user__email",
            "user__gesprekmail_stand__pk",
            "user__gesprekmail_stand__laatst_gemaild",
        )
    )
    # Read in full before the first write: bounded by the replies still waiting.
    personen = [list(g) for _id, g in groupby(list(rijen), key=lambda r: r[0])]
    # A stand for whoever is mailed for the first time, all in one statement, so that
    # every claim below is one conditional UPDATE.
    nieuw = [GesprekmailStand(user_id=p[0][0]) for p in personen if p[0][4] is None]
    GesprekmailStand.objects.bulk_create(nieuw, ignore_conflicts=True)
    verstuurd = 0
    for groep in personen:
        user_id, _m, _d, email, _stand, vorige = groep[0]
        if not _claim(user_id, vorige, nu):
            continue
        ids = [r[1] for r in groep]
        try:
            bouw_mail(user_id, email, [(r[1], r[2]) for r in groep], connection).send()
        except Exception as exc:  # SMTP trouble: give the hour back, the next run retries
            GesprekmailStand.objects.filter(user_id=user_id, laatst_gemaild=nu).update(
                laatst_gemaild=vorige
            )
            logger.error("Reply email for user %s not sent (%s)", user_id, type(exc).__name__)
            continue
        Melding.objects.filter(pk__in=ids, gemaild_op__isnull=True).update(gemaild_op=nu)
        verstuurd += 1
    return verstuurd
