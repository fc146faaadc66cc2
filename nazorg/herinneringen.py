"""The delivery engine for nazit reminders: never lost; in-app exactly once; email at
least once, with the one window where it can be twice made as small as SMTP allows.

THE GUARANTEE
-------------
The Herinnering rows ARE the queue. Celery (and beat, every 10 s) only says "process the
rows that are due now"; no reminder lives in Redis. Each row moves through a state machine:

    GEPLAND --claim--> BEZIG --send+record--> VERZONDEN
       ^                 |  \\--SMTP error--> GEPLAND (later, with backoff) ... MISLUKT
       |                 |
       +---lease expired-+          (and GEPLAND/BEZIG --unsubscribe--> AFGEMELD)

1. CLAIM. In a short transaction: `select_for_update(skip_locked=True)` on due GEPLAND rows,
   then a *conditional* update (`status=GEPLAND` -> `BEZIG`, `pogingen + 1`, `claim = a
   new UUID`, `geclaimd_op = now`, the start of the lease), then commit. On PostgreSQL two
   workers never lock the same row; on SQLite (skip_locked is ignored, writers are
   serialised) the condition `status=GEPLAND` makes a second claimer update nothing. A
   worker only sends rows it re-reads with its own claim token, so every row is in the
   hands of at most one worker.
2. SEND + RECORD, outside the claim transaction, row by row: the in-app Melding first
   (get_or_create on a OneToOne, before any mail of the batch: never doubled, never
   lost), then the email (deterministic Message-ID `<herinnering-{pk}@{host}>`) through
   lib/smtp_stap.py, which hands the message to the SMTP server all but the final "."
   of DATA and then lets us act:
     a. record the attempt (`poging_op`) and renew the row's lease, COMMITTED, on the
        condition that this run still holds the row (status BEZIG, our claim token).
        If another run took the row over, the message is abandoned without its dot:
        the server drops it, so a stalled worker can never send a row twice;
     b. write `BEZIG -> VERZONDEN` (same condition) in a transaction that is still open,
        send the dot, and commit the moment the 250 arrives. No 250 (an error or a
        timeout): the transaction rolls back and the row goes to 3.
   Records are committed without waiting for the WAL flush (see _vastleggen: this can
   only ever cause a resend, never a loss).
3. FAILURE of one row (SMTPException / OSError): back to GEPLAND with `verstuur_op = now +
   backoff` (1 min, 5 min, 30 min, 2 h, 12 h) and a reason without personal data (class
   name + SMTP code). After 5 attempts, or at once when the recipient is refused, the row
   is MISLUKT and the coordinator sees why. The other rows of the batch go on.
4. RECOVERY. A worker that dies (killed, OOM, deploy) leaves its rows BEZIG. Every run
   (beat starts one every HERINNERING_INTERVAL = 10 s) first moves BEZIG rows whose lease
   has expired back to GEPLAND, so they are sent by that run: nothing is lost. The lease
   (HERINNERING_LEASE_SECONDS, 20 s) is per row: it starts at the claim and is renewed
   at the row's attempt (2a). Why 20 s: the only time a live worker needs a row it has
   attempted is from the dot to its commit, bounded by the SMTP reply timeout
   (EMAIL_TIMEOUT, 10 s) plus one commit, so 20 s never takes a row from a live worker
   in that stretch; before the dot, losing the row is harmless (2a abandons it). A
   worker hands back its unattempted rows after half the lease, so a slow SMTP server
   does not hold rows others could send. A dead worker's rows go out again within
   lease + interval = about 30 s (measured with bin/chaos: docs/reliability.md).
5. A Redis restart loses at most a "go" signal; the next beat tick sends it again, and
   the worker reconnects by itself (herstelacademie/broker.py). Running the job twice,
   or by hand (`manage.py verstuur_herinneringen`), is harmless.

THE WINDOW (honestly): exactly-once across a network boundary is impossible. If the
worker dies between sending the final dot and committing VERZONDEN, the server may have
accepted the mail while the database says BEZIG; that row is recovered after its lease
and sent once more, with the same Message-ID, so mail programs can recognise it as the
same message (rows recovered with `poging_op` set are counted in the log). Every other
crash point leads to exactly one mail. That stretch is the server's reply to the dot
plus one commit. MEASURED by `make chaos` (real prefork workers, PostgreSQL 15, an SMTP
sink, all on 127.0.0.1 of a shared 2-core machine; 20 trials of 1,000 reminders, every
mail timed; docs/reliability.md): median 0.44 ms (0.23 ms waiting for the 250, 0.19 ms
for the commit), p90 2.5 ms, of a 13 ms send. Before, with an fsync-ed UPDATE after the
250, it was 8-12 ms median on the same machine. In those 20 trials (12 kills): 0 lost,
0 duplicated. A reply
that never arrives (timeout) is the same case: the row is retried with the same
Message-ID. A DATABASE crash can also lose the last fraction of a second of records
(see _vastleggen): again only resends.
"""

import logging
import smtplib
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib import mail as lib_mail
from lib import smtp_stap

from . import nazit_ics, voorkeuren
from .models import Herinnering, Melding
from .rsvp import maak_afmeld_token, maak_rsvp_token

logger = logging.getLogger(__name__)

S = Herinnering.Status
BACKOFF_SECONDS = (60, 300, 1800, 7200, 43200)  # after attempt 1, 2, 3, 4, 5
MAX_POGINGEN = len(BACKOFF_SECONDS)


def lease_seconds() -> int:
    """Per row; see RECOVERY in the docstring. It must outlast the wait for the 250 (one
    socket timeout, EMAIL_TIMEOUT) plus a commit: 10 s more than that, at least 20 s."""
    if getattr(settings, "HERINNERING_LEASE_SECONDS", None):
        return int(settings.HERINNERING_LEASE_SECONDS)
    return max(20, int(getattr(settings, "EMAIL_TIMEOUT", None) or 10) + 10)


def message_id(herinnering_id: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie.local"
    return f"<herinnering-{herinnering_id}@{host}>"


def reden(exc: BaseException) -> str:
    """A short reason without personal data: the error type and SMTP code(s) only."""
    naam = type(exc).__name__
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(v[0]) for v in exc.recipients.values()})
        return f"{naam} {','.join(codes)}".strip()
    code = getattr(exc, "smtp_code", None)
    if code is None and isinstance(exc, OSError) and exc.errno:
        code = exc.errno
    return f"{naam} {code}" if code is not None else naam


# --- Recovery and claim ---------------------------------------------------------------------


def herstel_verlopen(now=None, model=Herinnering) -> int:
    """Rows left BEZIG by a worker that died go back to GEPLAND (or MISLUKT after too
    many attempts). Conditional: a row that was just finished is left alone."""
    now = now or timezone.now()
    grens = now - timedelta(seconds=lease_seconds())
    verlopen = model.objects.filter(status=S.BEZIG, geclaimd_op__lt=grens)
    mislukt = verlopen.filter(pogingen__gte=MAX_POGINGEN).update(
        status=S.MISLUKT, **VRIJ, laatste_fout="WorkerLost"
    )
    # Only a row whose attempt was recorded (2a) can have reached the server's final dot,
    # so only these may have been delivered (see THE WINDOW above).
    onzeker = verlopen.filter(poging_op__isnull=False).count()
    terug = verlopen.filter(pogingen__lt=MAX_POGINGEN).update(
        status=S.GEPLAND, **VRIJ, verstuur_op=now
    )
    if terug or mislukt:
        logger.warning(
            "Recovered %s %s from a stopped worker (%s failed); %s of them may have "
            "been delivered already and are resent with the same Message-ID",
            terug,
            model._meta.verbose_name_plural,
            mislukt,
            onzeker,
        )
    return terug + mislukt


# A row that is not BEZIG is held by nobody: no token, no lease.
VRIJ = {"claim": None, "geclaimd_op": None}


def claim(batch: int, now=None, wachtrij=None) -> tuple[list, uuid.UUID]:
    """Take up to `batch` due rows for this run. The token is new for every claim, so
    it names this run's hold on the rows; geclaimd_op (now) starts the lease."""
    wachtrij = wachtrij or HERINNERINGEN
    model = wachtrij.model
    now = now or timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(status=S.GEPLAND, verstuur_op__lte=now)
            .order_by("verstuur_op", "pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return [], token
        model.objects.filter(pk__in=ids, status=S.GEPLAND).update(
            status=S.BEZIG,
            claim=token,
            geclaimd_op=now,
            poging_op=None,
            pogingen=F("pogingen") + 1,
        )
        rijen = list(
            model.objects.filter(pk__in=ids, status=S.BEZIG, claim=token)
            .select_related(*wachtrij.select_related)
            .order_by("verstuur_op", "pk")
        )
    return rijen, token


# --- The message ---------------------------------------------------------------------------


def links(herinnering) -> dict:
    site = settings.SITE_URL
    rsvp = {
        a: site + reverse("rsvp", kwargs={"token": maak_rsvp_token(herinnering.pk, a)})
        for a in Herinnering.Antwoord.values
    }
    afmelden = site + reverse(
        "uitschrijven_nazit", kwargs={"token": maak_afmeld_token(herinnering.pk)}
    )
    return {
        "rsvp": rsvp,
        "afmelden": afmelden,
        "voorkeuren": site + reverse("nazorg_voorkeuren"),
        "community": site + reverse("community"),
    }


def bouw_mail(herinnering, connection=None) -> EmailMultiAlternatives:
    context = {
        "user": herinnering.user,
        "groep": herinnering.groep,
        "moment": herinnering.moment,
        "links": links(herinnering),
    }
    afmelden = context["links"]["afmelden"]
    mail = lib_mail.bouw_mail(
        "nazorg/email/herinnering",
        herinnering.user.email,
        context,
        connection=connection,
        headers={
            # Stable, so a resend after a crash is recognisably the same message.
            "Message-ID": message_id(herinnering.pk),
            "List-Unsubscribe": f"<{afmelden}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if herinnering.moment.begint_om and not herinnering.moment.afgelast:
        nazit_ics.voeg_toe(mail, herinnering.moment)
    return mail


def maak_meldingen(rijen) -> None:
    """The in-app notifications of a batch, in one query, before any mail goes out.

    A Melding is OneToOne with its reminder and created with ignore_conflicts, so a
    re-run (after a crash or a retry) never doubles it, and it is never lost: it exists
    before the row can be VERZONDEN."""
    if not rijen:
        return
    with translation.override(settings.LANGUAGE_CODE):
        meldingen = [
            Melding(
                user_id=rij.user_id,
                herinnering=rij,
                titel=(
                    _("You are warmly invited back: follow-up meeting of %(groep)s")
                    % {"groep": rij.groep.naam}
                )[:200],
                link=reverse(
                    "rsvp", kwargs={"token": maak_rsvp_token(rij.pk, Herinnering.Antwoord.JA)}
                ),
            )
            for rij in rijen
        ]
    Melding.objects.bulk_create(meldingen, ignore_conflicts=True)


@dataclass(frozen=True)
class Wachtrij:
    """A table of messages this engine delivers. Its model has the bookkeeping fields of
    Herinnering (status, verstuur_op, claim, geclaimd_op, pogingen, poging_op,
    laatste_fout, verzonden_op) and user and groep; the queue says how to build one
    row's mail and how to make the in-app notifications of a batch (exactly once)."""

    model: type
    select_related: tuple
    bouw_mail: Callable
    maak_meldingen: Callable


HERINNERINGEN = Wachtrij(
    Herinnering, ("user", "groep__aanbod", "groep__plek", "moment"), bouw_mail, maak_meldingen
)


# --- One batch ------------------------------------------------------------------------------


@contextmanager
def _vastleggen():
    """One transaction whose commit does not wait for the WAL flush (PostgreSQL,
    synchronous_commit off for this transaction only). The change is visible to every
    other worker at once; the commit returns in ~0.1 ms instead of an fsync (~7 ms
    median, 13 ms p90 measured on the development machine), which was most of the
    window after the 250. What it risks: if the DATABASE SERVER itself crashes, the last
    fraction of a second of such records can be lost. Each record only moves a row
    forward after the fact, and the WAL keeps their order, so a lost record leaves the
    row BEZIG: it is recovered after its lease and sent again with the same Message-ID.
    A resend, never a lost reminder."""
    with transaction.atomic():
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _houd(rij, token):
    """The row, only while this run still holds it (BEZIG with our token)."""
    return type(rij).objects.filter(pk=rij.pk, status=S.BEZIG, claim=token)


def _record(rij, token, **velden) -> int:
    """Move a row on, only while this run still holds it."""
    with _vastleggen():
        return _houd(rij, token).update(**velden)


def _mislukt(rij, token, exc, now, telling):
    permanent = isinstance(exc, smtplib.SMTPRecipientsRefused) or rij.pogingen >= MAX_POGINGEN
    if permanent:
        _record(rij, token, status=S.MISLUKT, **VRIJ, laatste_fout=reden(exc))
        telling["mislukt"] += 1
    else:
        wacht = BACKOFF_SECONDS[min(rij.pogingen, MAX_POGINGEN) - 1]
        _record(
            rij,
            token,
            status=S.GEPLAND,
            **VRIJ,
            verstuur_op=now + timedelta(seconds=wacht),
            laatste_fout=reden(exc),
        )
        telling["later"] += 1
    logger.warning("Reminder %s not sent (%s), attempt %s", rij.pk, reden(exc), rij.pogingen)


def _stuur(rij, token, connection, telling, bouw=None) -> bool:
    """Email one row and record it VERZONDEN (see THE WINDOW in the module docstring).
    False when the row was taken over by another run: then nothing was sent."""
    begin = time.perf_counter()
    bericht = (bouw or bouw_mail)(rij, connection)
    try:
        with smtp_stap.tot_de_punt(connection, bericht) as data:
            # Everything but the final dot is with the server. 1: record the attempt and
            # renew the lease, committed, only while we hold the row; else abandon.
            nu = timezone.now()
            if _record(rij, token, poging_op=nu, geclaimd_op=nu) != 1:
                raise smtp_stap.Afgebroken
            # 2: write "sent" now, send the dot, and commit as soon as the 250 is in.
            # Without the 250 (error, timeout) the transaction rolls back.
            with _vastleggen():
                if not _houd(rij, token).update(
                    status=S.VERZONDEN, **VRIJ, verzonden_op=nu, laatste_fout=""
                ):
                    raise smtp_stap.Afgebroken
                data.punt()
    except smtp_stap.Afgebroken:
        telling["afgestaan"] += 1
        return False
    meting = (begin, data.punt_op, data.ontvangen_op, time.perf_counter())
    telling.setdefault("metingen", []).append(meting)
    return True


def verwerk(rijen, token, connection, telling, wachtrij=None) -> None:
    wachtrij = wachtrij or HERINNERINGEN
    keuzes = voorkeuren.per_rij(rijen)
    wachtrij.maak_meldingen(
        [
            r
            for r in rijen
            if r.user.is_active
            and not keuzes[(r.user_id, r.groep_id)][0]
            and keuzes[(r.user_id, r.groep_id)][2]
        ]
    )
    gestart = time.monotonic()
    for i, rij in enumerate(rijen):
        if time.monotonic() - gestart > lease_seconds() / 2:
            # Too slow: hand the rest back before a recovering worker could take them.
            for rest in rijen[i:]:
                _record(rest, token, status=S.GEPLAND, **VRIJ)
            telling["teruggegeven"] += len(rijen) - i
            return
        gestopt, per_email, in_app = keuzes[(rij.user_id, rij.groep_id)]
        if gestopt or not (per_email or in_app) or not rij.user.is_active:
            _record(rij, token, status=S.AFGEMELD, **VRIJ)
            telling["afgemeld"] += 1
            continue
        now = timezone.now()
        try:
            if per_email and rij.user.email:
                if not _stuur(rij, token, connection, telling, wachtrij.bouw_mail):
                    continue
            else:
                _record(rij, token, status=S.VERZONDEN, **VRIJ, verzonden_op=now, laatste_fout="")
        except (smtplib.SMTPException, OSError) as exc:
            _mislukt(rij, token, exc, now, telling)
            connection.close()  # a broken connection is opened afresh for the next row
            continue
        telling["verzonden"] += 1


def verstuur_herinneringen(batch: int = 200, max_batches: int | None = None, wachtrij=None) -> dict:
    """Send every reminder that is due (or every row of another queue, e.g. the nazit
    messages). Safe to run at any time, by several workers."""
    wachtrij = wachtrij or HERINNERINGEN
    telling = dict.fromkeys(
        ("hersteld", "verzonden", "later", "mislukt", "afgemeld", "teruggegeven", "afgestaan"), 0
    )
    telling["hersteld"] = herstel_verlopen(model=wachtrij.model)
    connection = get_connection()
    rondes = 0
    try:
        while max_batches is None or rondes < max_batches:
            rijen, token = claim(batch, wachtrij=wachtrij)
            if not rijen:
                break
            rondes += 1
            verwerk(rijen, token, connection, telling, wachtrij)
    finally:
        connection.close()
    telling["rondes"] = rondes
    log_venster(telling.pop("metingen", []))
    return telling


def log_venster(metingen) -> None:
    """The measured window of this run, in the log (bin/chaos collects these lines).
    Each meting: (send started, dot sent, 250 received, "sent" committed)."""
    if not metingen:
        return

    def ms(waarden):
        w = sorted(v * 1000 for v in waarden)
        return w[len(w) // 2], w[min(len(w) - 1, int(len(w) * 0.9))], w[-1]

    venster = ms(m[3] - m[1] for m in metingen)
    logger.info(
        "Reminders: crash window (final dot sent -> 'sent' committed) over %s mails: "
        "median %.2f ms, p90 %.2f ms, max %.2f ms; of which waiting for the 250 median "
        "%.2f ms, the commit median %.2f ms; whole send median %.2f ms",
        len(metingen),
        *venster,
        ms(m[2] - m[1] for m in metingen)[0],
        ms(m[3] - m[2] for m in metingen)[0],
        ms(m[3] - m[0] for m in metingen)[0],
    )


def extra_engines(max_engines: int, per_engine: int) -> int:
    """How many engines should help the current one: one per `per_engine` due reminders,
    at most `max_engines` in all. One query. Claims use SKIP LOCKED, so engines side by
    side never send the same reminder twice; they only share the work."""
    due = Herinnering.objects.filter(status=S.GEPLAND, verstuur_op__lte=timezone.now()).count()
    nodig = -(-due // per_engine)  # ceiling
    return max(0, min(max_engines, nodig) - 1)
