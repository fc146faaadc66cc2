"""Telling the people invited to a nazit what changed: the date is known or changed, the
nazit is called off, and (for those who said ja or misschien) a reminder the day before.

Who: everyone whose invitation (Herinnering) has gone out. An invitation that has not
gone out yet is rendered when it is sent, so it already carries the latest date and
needs no second message.

When (the rules people feel):
- A change waits BEDENKTIJD (15 minutes) before it goes out, and every further change in
  that time pushes it on: a facilitator who corrects a typo twice sends one message,
  with the latest date. A message is rendered at send time, so it always tells the
  latest state.
- At most one message about the date per person per hour (PER_UUR): a change soon after
  a message waits until an hour after it, and only the latest of those changes is told.
- Calling off goes out at once (a pending date message becomes the "called off" one).
- The day before, between 10:00 and 21:00 local time, people who said ja or misschien
  get a short reminder; a new date gets a new one.

Delivery is the invitations' engine (nazorg/herinneringen.py: rows are the queue,
in-app exactly once, email at least once with a deterministic Message-ID).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib import mail as lib_mail

from . import herinneringen, nazit_ics
from .models import Herinnering, Melding, NazitBericht

S = Herinnering.Status
A = Herinnering.Antwoord
Soort = NazitBericht.Soort
BEDENKTIJD = datetime.timedelta(minutes=15)
PER_UUR = datetime.timedelta(hours=1)
DAG_ERVOOR_VAN = datetime.time(10)  # the day-before reminder goes out from 10:00...
DAG_ERVOOR_TOT = datetime.time(21)  # ...and is not started after 21:00


def _uitgenodigd(moment):
    """Invitations that have gone out (or are going out right now: an invitation being
    sent may have been rendered before the change, so it is told as well)."""
    return Herinnering.objects.filter(moment=moment, status__in=(S.VERZONDEN, S.BEZIG))


def na_wijziging(moment, had_datum_op, now=None) -> int:
    """Plan the messages after a change of date, time, place or note. `had_datum_op` is
    moment.datum_gezet_op from before the change: an invitation sent after it carried
    a date, so its receiver hears "datum gewijzigd" rather than "datum bekend". Call it
    in the transaction of the change. Returns how many people will be told."""
    now = now or timezone.now()
    # The day-before reminders of the old date go; the new date gets its own.
    moment.berichten.filter(soort=Soort.DAG_ERVOOR, status=S.GEPLAND).delete()
    # A message about the date still waiting: it will tell the latest, a little later.
    wachtend = moment.berichten.filter(status=S.GEPLAND, soort__in=NazitBericht.OVER_DE_DATUM)
    for soort in (Soort.DATUM_BEKEND, Soort.DATUM_GEWIJZIGD):
        wachtend.filter(soort=soort, verstuur_op__lt=now + BEDENKTIJD).update(
            verstuur_op=now + BEDENKTIJD, versie=moment.versie
        )
        wachtend.filter(soort=soort).update(versie=moment.versie)
    # A "called off" still waiting, and now a date again: the person never heard it was
    # off, so for them the date simply changed (or became known).
    wachtend.filter(soort=Soort.AFGELAST).update(
        soort=Soort.DATUM_GEWIJZIGD, versie=moment.versie, verstuur_op=now + BEDENKTIJD
    )
    heeft_wachtend = set(wachtend.values_list("herinnering_id", flat=True))
    uitgenodigd = list(
        _uitgenodigd(moment)
        .exclude(pk__in=heeft_wachtend)
        .values_list("pk", "user_id", "groep_id", "verzonden_op")
    )
    # Per invitation: when a message about the date last went out (one query).
    laatst = dict(
        moment.berichten.filter(
            status=S.VERZONDEN, soort__in=(Soort.DATUM_BEKEND, Soort.DATUM_GEWIJZIGD)
        )
        .values_list("herinnering_id")
        .annotate(op=Max("verzonden_op"))
        .order_by()
    )
    rijen = []
    for pk, user_id, groep_id, verzonden_op in uitgenodigd:
        vorige = laatst.get(pk)
        wist_datum = vorige is not None or (
            had_datum_op is not None and verzonden_op is not None and verzonden_op >= had_datum_op
        )
        op = now + BEDENKTIJD
        if vorige is not None:
            op = max(op, vorige + PER_UUR)
        rijen.append(
            NazitBericht(
                herinnering_id=pk,
                user_id=user_id,
                groep_id=groep_id,
                moment=moment,
                soort=Soort.DATUM_GEWIJZIGD if wist_datum else Soort.DATUM_BEKEND,
                versie=moment.versie,
                verstuur_op=op,
            )
        )
    NazitBericht.objects.bulk_create(rijen, ignore_conflicts=True)
    return len(heeft_wachtend) + len(rijen)


def na_afgelasten(moment, now=None) -> int:
    """Plan "called off" for everyone invited who did not say no; it goes out at once.
    Messages still waiting about the date or the day before are dropped."""
    now = now or timezone.now()
    moment.berichten.filter(soort=Soort.DAG_ERVOOR, status=S.GEPLAND).delete()
    wachtend = moment.berichten.filter(status=S.GEPLAND, soort__in=NazitBericht.OVER_DE_DATUM)
    heeft_wachtend = set(wachtend.values_list("herinnering_id", flat=True))
    wachtend.update(soort=Soort.AFGELAST, versie=moment.versie, verstuur_op=now)
    uitgenodigd = list(
        _uitgenodigd(moment)
        .exclude(antwoord=A.NEE)
        .exclude(pk__in=heeft_wachtend)
        .values_list("pk", "user_id", "groep_id")
    )
    NazitBericht.objects.bulk_create(
        [
            NazitBericht(
                herinnering_id=pk,
                user_id=user_id,
                groep_id=groep_id,
                moment=moment,
                soort=Soort.AFGELAST,
                versie=moment.versie,
                verstuur_op=now,
            )
            for pk, user_id, groep_id in uitgenodigd
        ],
        ignore_conflicts=True,
    )
    return len(heeft_wachtend) + len(uitgenodigd)


def plan_dag_ervoor(now=None) -> int:
    """The day-before reminders of nazits that start tomorrow, for people who said ja or
    misschien. Safe to run often (every beat tick): one row per person per date."""
    now = now or timezone.now()
    lokaal = timezone.localtime(now)
    if not (DAG_ERVOOR_VAN <= lokaal.time() < DAG_ERVOOR_TOT):
        return 0
    morgen = lokaal.date() + datetime.timedelta(days=1)
    begin = timezone.make_aware(datetime.datetime.combine(morgen, datetime.time.min))
    eind = begin + datetime.timedelta(days=1)
    al_gepland = NazitBericht.objects.filter(
        herinnering=OuterRef("pk"), soort=Soort.DAG_ERVOOR, versie=OuterRef("moment__versie")
    )
    te_plannen = (
        Herinnering.objects.filter(
            status=S.VERZONDEN,
            antwoord__in=(A.JA, A.MISSCHIEN),
            moment__begint_om__gte=begin,
            moment__begint_om__lt=eind,
            moment__afgelast_op__isnull=True,
        )
        .filter(~Exists(al_gepland))
        .values_list("pk", "user_id", "groep_id", "moment_id", "moment__versie")
    )
    rijen = [
        NazitBericht(
            herinnering_id=pk,
            user_id=user_id,
            groep_id=groep_id,
            moment_id=moment_id,
            soort=Soort.DAG_ERVOOR,
            versie=versie,
            verstuur_op=now,
        )
        for pk, user_id, groep_id, moment_id, versie in te_plannen
    ]
    NazitBericht.objects.bulk_create(rijen, ignore_conflicts=True)
    return len(rijen)


# --- The message -------------------------------------------------------------------------

ONDERWERPEN = {
    Soort.DATUM_BEKEND: "nazorg/email/nazit_datum",
    Soort.DATUM_GEWIJZIGD: "nazorg/email/nazit_datum",
    Soort.DAG_ERVOOR: "nazorg/email/nazit_morgen",
    Soort.AFGELAST: "nazorg/email/nazit_afgelast",
}


def message_id(bericht_id: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "herstelacademie.local"
    return f"<nazitbericht-{bericht_id}@{host}>"


def bouw_mail(bericht, connection=None):
    """The mail for one message, with the invitation's own links (answer, stop) and,
    while the nazit has a date, its calendar entry (or its cancellation)."""
    links = herinneringen.links(bericht.herinnering)
    moment = bericht.moment
    context = {
        "user": bericht.user,
        "groep": bericht.groep,
        "moment": moment,
        "bericht": bericht,
        "antwoord": bericht.herinnering.antwoord,
        "links": links,
    }
    mail = lib_mail.bouw_mail(
        ONDERWERPEN[bericht.soort],
        bericht.user.email,
        context,
        connection=connection,
        headers={
            "Message-ID": message_id(bericht.pk),
            "List-Unsubscribe": f"<{links['afmelden']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if moment.begint_om:
        nazit_ics.voeg_toe(mail, moment)
    return mail


def _titel(bericht) -> str:
    naam = bericht.groep.naam
    if bericht.moment.afgelast:
        return _("The follow-up meeting of %(groep)s will not take place") % {"groep": naam}
    if bericht.soort == Soort.DAG_ERVOOR:
        return _("Tomorrow: follow-up meeting of %(groep)s") % {"groep": naam}
    if bericht.soort == Soort.DATUM_GEWIJZIGD:
        return _("New date for the follow-up meeting of %(groep)s") % {"groep": naam}
    return _("The date of the follow-up meeting of %(groep)s is known") % {"groep": naam}


def maak_meldingen(rijen) -> None:
    """In-app, once per message (OneToOne, ignore_conflicts), before any mail goes out.
    The link opens the invitation's answer page, which shows the latest date."""
    if not rijen:
        return
    with translation.override(settings.LANGUAGE_CODE):
        meldingen = [
            Melding(
                user_id=rij.user_id,
                nazit_bericht=rij,
                titel=_titel(rij)[:200],
                link=reverse(
                    "rsvp",
                    kwargs={
                        "token": herinneringen.maak_rsvp_token(
                            rij.herinnering_id, rij.herinnering.antwoord or A.JA
                        )
                    },
                ),
            )
            for rij in rijen
        ]
    Melding.objects.bulk_create(meldingen, ignore_conflicts=True)


BERICHTEN = herinneringen.Wachtrij(
    NazitBericht,
    ("user", "groep__aanbod", "groep__plek", "moment__groep__aanbod", "herinnering"),
    bouw_mail,
    maak_meldingen,
)


def verstuur(batch: int = 200, max_batches: int | None = None, now=None) -> dict:
    """Plan the day-before reminders that are due, then send every message that is due.
    Safe to run at any time, by several workers (see nazorg/herinneringen.py)."""
    plan_dag_ervoor(now)
    return herinneringen.verstuur_herinneringen(
        batch=batch, max_batches=max_batches, wachtrij=BERICHTEN
    )
