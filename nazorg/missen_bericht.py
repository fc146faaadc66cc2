"""The one warm message of a "we missen je" signal (nazorg/missen.py), its signed links,
and "ik stop liever".

THE GUARANTEE (kept simple, because one message a day per person is little work)
- Never a second message for the same absence: a message belongs to a Missen row, and a
  row exists once per absence series or early leave (unique keys, see missen.py).
- In-app: exactly once. The Melding is created and linked to its row in one
  transaction, on the condition that the row has none yet (a OneToOne); a second run,
  or a run at the same moment, rolls its own Melding back.
- Email: at least once, never lost. A row goes GEPLAND -> BEZIG (a conditional update:
  of two runs at once, one gets it) -> mail -> VERZONDEN, committed right after the
  SMTP server accepted the mail. An SMTP error puts it back to GEPLAND for the next run
  (MISLUKT after MAX_POGINGEN). A worker that dies leaves the row BEZIG; a later run
  takes it back after LEASE and sends it again with the same Message-ID. So a crash
  between the server's "250" and our commit (a few milliseconds) can send the mail
  twice; every other crash point sends it once. Rows are sent by the daily job, so a
  crashed or failed row goes out on the next day's run.

THE LINKS carry a signed token (TimestampSigner, as rsvp.py) naming only the row's id:
no name, no address, no login needed, nobody can make one up. Opening one (GET) changes
nothing (mail scanners open links); "ik stop liever" needs a tap (POST). Saying it tells
the group's facilitators (on their home, no extra mail to anyone) and, only when the
person ticks it, cancels their enrolment.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groepen import inschrijving
from groepen.models import Aanbod, Bijeenkomst, Lidmaatschap
from lib import mail as lib_mail

from . import voorkeuren
from .models import Melding, Missen, MissenVoorkeur

logger = logging.getLogger(__name__)

B = Missen.Bericht
BERICHT_SALT = "nazorg.missen.bericht"
STOP_SALT = "nazorg.missen.stop"
MAX_AGE = 120 * 24 * 3600
LEASE = timedelta(hours=1)  # far longer than one send; only a dead worker's row is this old
MAX_POGINGEN = 5
INLOOP_AANTAL = 3


# --- Links ----------------------------------------------------------------------------------


class OngeldigeLink(Exception):
    """The token was changed or made up."""


class VerlopenLink(Exception):
    """The token is real but too old."""


def maak_token(pk: int, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(str(pk))


def lees_token(token: str, salt: str) -> Missen:
    try:
        waarde = signing.TimestampSigner(salt=salt).unsign(token, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise VerlopenLink from exc
    except signing.BadSignature as exc:
        raise OngeldigeLink from exc
    signaal = (
        Missen.objects.select_related("user", "groep__aanbod")
        .filter(pk=int(waarde) if waarde.isdigit() else 0, user__is_active=True)
        .first()
    )
    if signaal is None or (salt == STOP_SALT and signaal.soort != Missen.Soort.AFWEZIG):
        raise OngeldigeLink
    return signaal


def links(signaal: Missen) -> dict:
    def url(naam, salt):
        return reverse(naam, kwargs={"token": maak_token(signaal.pk, salt)})

    uit = {
        "bericht": url("missen_bericht", BERICHT_SALT),
        "voorkeuren": reverse("nazorg_voorkeuren"),
    }
    if signaal.soort == Missen.Soort.AFWEZIG:
        uit["stop"] = url("missen_stop", STOP_SALT)
    return uit


# --- What the message says ------------------------------------------------------------------


def inloop_komend(nu=None, aantal=INLOOP_AANTAL) -> list[Bijeenkomst]:
    """The next walk-in meetings, anywhere. One query."""
    return list(
        Bijeenkomst.objects.filter(
            groep__aanbod__soort=Aanbod.Soort.INLOOP,
            geannuleerd=False,
            begint_om__gte=nu or timezone.now(),
        )
        .select_related("groep")
        .order_by("begint_om", "pk")[:aantal]
    )


def volgende_per_groep(groep_ids, nu=None) -> dict:
    """groep_id -> its next meeting (or absent). Two queries for any number of groups."""
    nu = nu or timezone.now()
    from groepen.models import Groep

    eerste = Bijeenkomst.objects.filter(
        groep=OuterRef("pk"), geannuleerd=False, begint_om__gte=nu
    ).order_by("begint_om", "pk")
    ids = Groep.objects.filter(pk__in=groep_ids).annotate(v=Subquery(eerste.values("pk")[:1]))
    bijeenkomsten = Bijeenkomst.objects.filter(pk__in=ids.values("v")).select_related("groep")
    return {b.groep_id: b for b in bijeenkomsten}


def context(signaal: Missen, volgende=None, inloop=None, site="") -> dict:
    return {
        "user": signaal.user,
        "groep": signaal.groep,
        "signaal": signaal,
        "afwezig": signaal.soort == Missen.Soort.AFWEZIG,
        "volgende": volgende,
        "inloop": inloop or [],
        "links": {k: site + v for k, v in links(signaal).items()},
    }


def pagina_context(signaal: Missen) -> dict:
    """The message as a page (the in-app notification opens it). Three queries."""
    volgende = volgende_per_groep([signaal.groep_id]).get(signaal.groep_id)
    return context(signaal, volgende, inloop_komend())


def message_id(pk: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie.local"
    return f"<missen-{pk}@{host}>"


def bouw_mail(signaal, volgende, inloop, connection=None):
    return lib_mail.bouw_mail(
        "nazorg/email/missen",
        signaal.user.email,
        context(signaal, volgende, inloop, site=settings.SITE_URL),
        connection=connection,
        # Stable, so a resend after a crash is recognisably the same message.
        headers={"Message-ID": message_id(signaal.pk)},
    )


def melding_titel(signaal) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if signaal.soort == Missen.Soort.AFWEZIG:
            titel = _("We miss you at %(groep)s. You are always welcome back.")
        else:
            titel = _("You are always welcome back. Good to have had you at %(groep)s.")
        return (titel % {"groep": signaal.groep.naam})[:200]


def maak_melding(signaal) -> bool:
    """The in-app notification, exactly once (see THE GUARANTEE)."""
    with transaction.atomic():
        melding = Melding.objects.create(
            user_id=signaal.user_id, titel=melding_titel(signaal), link=links(signaal)["bericht"]
        )
        if Missen.objects.filter(pk=signaal.pk, melding__isnull=True).update(melding=melding):
            return True
        transaction.set_rollback(True)
    return False


# --- Sending --------------------------------------------------------------------------------


def _zet(signaal, **velden) -> int:
    """Move a row on, only while it is BEZIG (ours)."""
    return Missen.objects.filter(pk=signaal.pk, bericht=B.BEZIG).update(**velden)


def verstuur(batch: int = 200, nu=None) -> dict:
    """Send the planned messages. Safe to run at any time, also twice at once."""
    nu = nu or timezone.now()
    telling = dict.fromkeys(("hersteld", "verzonden", "geen", "later", "mislukt"), 0)
    telling["hersteld"] = Missen.objects.filter(bericht=B.BEZIG, geclaimd_op__lt=nu - LEASE).update(
        bericht=B.GEPLAND, geclaimd_op=None
    )
    laatste = 0
    while True:
        # Walk forward by pk, so a row put back for the next run is not taken again now.
        rijen = list(
            Missen.objects.filter(bericht=B.GEPLAND, pk__gt=laatste)
            .select_related("user", "groep")
            .order_by("pk")[:batch]
        )
        if not rijen:
            return telling
        laatste = rijen[-1].pk
        _verstuur_batch(rijen, nu, telling)


def _verstuur_batch(rijen, nu, telling) -> None:
    kanalen = voorkeuren.per_rij(rijen)
    uit = set(
        MissenVoorkeur.objects.filter(
            user_id__in={r.user_id for r in rijen}, berichten=False
        ).values_list("user_id", flat=True)
    )
    volgende = volgende_per_groep({r.groep_id for r in rijen}, nu)
    inloop = inloop_komend(nu)
    connection = get_connection()
    try:
        for rij in rijen:
            _, per_email, in_app = kanalen[(rij.user_id, rij.groep_id)]
            per_email = per_email and bool(rij.user.email)
            if rij.user_id in uit or not rij.user.is_active or not (per_email or in_app):
                Missen.objects.filter(pk=rij.pk, bericht=B.GEPLAND).update(bericht=B.GEEN)
                telling["geen"] += 1
                continue
            # Claim: of two runs at once, only one moves the row to BEZIG.
            if not Missen.objects.filter(pk=rij.pk, bericht=B.GEPLAND).update(
                bericht=B.BEZIG, geclaimd_op=timezone.now(), pogingen=F("pogingen") + 1
            ):
                continue
            if in_app:
                maak_melding(rij)
            if per_email:
                try:
                    bouw_mail(rij, volgende.get(rij.groep_id), inloop, connection).send()
                except (smtplib.SMTPException, OSError) as exc:
                    _mislukt(rij, exc, telling)
                    connection.close()
                    continue
            # Committed right after the server accepted the mail (autocommit).
            _zet(rij, bericht=B.VERZONDEN, verzonden_op=timezone.now(), geclaimd_op=None)
            telling["verzonden"] += 1
    finally:
        connection.close()


def _mislukt(rij, exc, telling) -> None:
    reden = type(exc).__name__
    if rij.pogingen + 1 >= MAX_POGINGEN or isinstance(exc, smtplib.SMTPRecipientsRefused):
        _zet(rij, bericht=B.MISLUKT, geclaimd_op=None, laatste_fout=reden)
        telling["mislukt"] += 1
    else:
        _zet(rij, bericht=B.GEPLAND, geclaimd_op=None, laatste_fout=reden)
        telling["later"] += 1
    logger.warning("'We miss you' message %s not sent (%s)", rij.pk, reden)


# --- "Ik stop liever" -----------------------------------------------------------------------


def lidmaatschap(signaal) -> Lidmaatschap | None:
    """The enrolment this person could still cancel in the signal's group."""
    return (
        Lidmaatschap.objects.filter(
            user_id=signaal.user_id, groep_id=signaal.groep_id, rol=Lidmaatschap.Rol.DEELNEMER
        )
        .exclude(status=Lidmaatschap.Status.UITGESCHREVEN)
        .first()
    )


@dataclass
class StopUitkomst:
    al_gezegd: bool
    uitgeschreven: bool = False
    fout: str = ""


def stop_liever(signaal: Missen, uitschrijven: bool) -> StopUitkomst:
    """Record "ik stop liever": the facilitators see it on their home (again, if they had
    handled the signal). Cancels the enrolment only when asked. Sends no message."""
    nu = timezone.now()
    nieuw = Missen.objects.filter(pk=signaal.pk, stop_liever_op__isnull=True).update(
        stop_liever_op=nu, afgehandeld_op=None, afgehandeld_door=None, afhandeling=""
    )
    uitkomst = StopUitkomst(al_gezegd=not nieuw)
    lid = lidmaatschap(signaal) if uitschrijven else None
    if lid is not None:
        try:
            inschrijving.uitschrijven(lid.pk)
        except inschrijving.InschrijvingFout as exc:
            uitkomst.fout = str(exc)
        else:
            Missen.objects.filter(pk=signaal.pk).update(
                uitgeschreven_via_link=True, afgehandeld_op=None
            )
            uitkomst.uitgeschreven = True
    return uitkomst
