"""Retention: accounts nobody used for a long time are warned once, then erased.

"Activity" is the day of the last visit (User.laatst_actief, kept by
privacy.activiteit), or the day the account was made when it was never used. The
warning itself is remembered as an audit event (BEWAARTERMIJN): the trail is
append-only, and any visit after the warning makes that warning stale, so the clock
starts again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent
from lib import privacy as privacy_register

from . import verwijderen
from .models import Verwijderverzoek

BATCH = 200


def maanden() -> int:
    return getattr(settings, "BEWAARTERMIJN_MAANDEN", 24)


def waarschuwing_dagen() -> int:
    return getattr(settings, "BEWAARTERMIJN_WAARSCHUWING_DAGEN", 30)


def _grens(vandaag: datetime.date) -> datetime.date:
    """Active before this day counts as inactive for too long."""
    return vandaag - relativedelta(months=maanden())


def _met_activiteit():
    return get_user_model().objects.annotate(
        activiteit=Coalesce("laatst_actief", TruncDate("date_joined"))
    )


def _gewaarschuwd_sinds_activiteit(tot=None):
    """A warning sent after the last activity (and, with `tot`, before that moment)."""
    waarschuwingen = AuditEvent.objects.filter(
        soort=AuditEvent.Soort.BEWAARTERMIJN,
        betreft=OuterRef("pk"),
        tijd__date__gt=OuterRef("activiteit"),
    )
    if tot is not None:
        waarschuwingen = waarschuwingen.filter(tijd__lte=tot)
    return Exists(waarschuwingen)


def inactief(vandaag: datetime.date | None = None):
    """Accounts past the retention period that may be erased for it. Never superusers,
    coordinators, staff, facilitators of a group that has not ended, or erased accounts."""
    vandaag = vandaag or timezone.localdate()
    accounts = _met_activiteit().filter(
        activiteit__lt=_grens(vandaag),
        verwijderd_op__isnull=True,
        is_superuser=False,
        is_staff=False,
        is_coordinator=False,
    )
    # What the apps' providers add, e.g. groepen: facilitators of a running group.
    for blokkade in privacy_register.blokkades():
        if blokkade.wie is not None:
            accounts = accounts.exclude(pk__in=blokkade.wie(vandaag))
    return accounts


@dataclass
class Uitkomst:
    gewaarschuwd: int = 0
    verwijderd: int = 0
    geblokkeerd: int = 0


def waarschuw(limit: int = BATCH) -> int:
    """Send the one warning to inactive accounts that have not had it since their last
    visit. The event is recorded only when the mail went out, so a failure retries."""
    vandaag = timezone.localdate()
    te_waarschuwen = (
        inactief(vandaag)
        .filter(~_gewaarschuwd_sinds_activiteit())
        .order_by("activiteit", "pk")[:limit]
    )
    verwijderdatum = vandaag + datetime.timedelta(days=waarschuwing_dagen())
    aantal = 0
    for user in te_waarschuwen:
        context = {"verwijderdatum": verwijderdatum, "maanden": maanden()}
        if verwijderen.stuur_nu("verwijder_waarschuwing", user, context):
            record(AuditEvent.Soort.BEWAARTERMIJN, betreft=user)
            aantal += 1
    return aantal


def verwijder_inactieven(limit: int = BATCH) -> tuple[int, int]:
    """Erase accounts warned at least the warning period ago without a visit since."""
    grens = timezone.now() - datetime.timedelta(days=waarschuwing_dagen())
    klaar = (
        inactief()
        .filter(_gewaarschuwd_sinds_activiteit(tot=grens))
        .order_by("activiteit", "pk")[:limit]
    )
    verwijderd = geblokkeerd = 0
    for user in klaar:
        try:
            if verwijderen.verwijder_account(user, Verwijderverzoek.Berichten.VERWIJDEREN):
                verwijderd += 1
        except verwijderen.Geblokkeerd:
            geblokkeerd += 1
    return verwijderd, geblokkeerd


def voer_uit(limit: int = BATCH) -> Uitkomst:
    verwijderd, geblokkeerd = verwijder_inactieven(limit)
    return Uitkomst(gewaarschuwd=waarschuw(limit), verwijderd=verwijderd, geblokkeerd=geblokkeerd)
