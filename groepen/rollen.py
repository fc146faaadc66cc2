"""Starting and ending volunteer roles (models/rol.py), the one way in for every path.

The coordinator's decision on a wish to help, an approved activity proposal and the
coordinator's role page all call start_rol / beeindig_rol. A co-facilitator role also
needs a facilitator membership of its group, because everything a facilitator may read
hangs on that membership (groepen/rules.py, herstelmodel's reading rights from
status_sinds): the membership becomes active on the day the role starts and stops on the
day it ends. A host who stops hands back the first-conversation requests they picked up
and did not finish, so nobody waits for a call that will not come. Each start and end is
written to the audit trail. Roles that start or end on a later day are put right by the daily
synchroniseer_lidmaatschappen (groepen/tasks.py), which is idempotent.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent

from .models import Groep, Kennismaking, Lidmaatschap, Vrijwilligersrol

Soort = Vrijwilligersrol.Soort


@transaction.atomic
def start_rol(
    user,
    soort: str,
    *,
    begint_op: datetime.date | None = None,
    groep: Groep | None = None,
    omschrijving: str = "",
    door=None,
) -> Vrijwilligersrol:
    """Give `user` a role from `begint_op` (default today). Raises ValueError for a
    co-facilitator role without a group (forms say so before it comes to this)."""
    if soort == Soort.COFACILITATOR and groep is None:
        raise ValueError("a co-facilitator role needs a group")
    rol = Vrijwilligersrol.objects.create(
        user=user,
        soort=soort,
        groep=groep,
        omschrijving=omschrijving.strip(),
        begint_op=begint_op or timezone.localdate(),
        gestart_door=door,
    )
    if soort == Soort.COFACILITATOR and rol.is_actief():
        _facilitator_lidmaatschap(rol, actief=True)
    _audit(rol, door, aan=True)
    return rol


@transaction.atomic
def beeindig_rol(
    rol: Vrijwilligersrol, op: datetime.date | None = None, *, door=None
) -> Vrijwilligersrol:
    """End a role from day `op` (default today: the access goes at once). A role cannot
    end before it started: ending a role that has not started yet ends it on its first day."""
    op = op or timezone.localdate()
    rol.eindigt_op = max(op, rol.begint_op)
    rol.save(update_fields=["eindigt_op"])
    if rol.soort == Soort.COFACILITATOR and not rol.is_actief():
        _facilitator_lidmaatschap(rol, actief=False)
    if rol.soort == Soort.GASTHEER and not rol.is_actief():
        _geef_kennismakingen_terug(rol.user_id)
    _audit(rol, door, aan=False)
    return rol


def _audit(rol: Vrijwilligersrol, door, *, aan: bool) -> None:
    datum = rol.begint_op if aan else rol.eindigt_op
    record(
        AuditEvent.Soort.ROL,
        actor=door,
        betreft=rol.user,
        rol=f"vrijwilligersrol_{rol.soort}",
        aan=aan,
        groep=rol.groep_id,
        op=datum.isoformat(),
    )


def _geef_kennismakingen_terug(user_id=None, op: datetime.date | None = None) -> int:
    """Requests picked up by someone who is no longer a host go back to the open list
    (all such people, or just `user_id`)."""
    hosts = Vrijwilligersrol.objects.actief(op).filter(soort=Soort.GASTHEER).values("user")
    rijen = Kennismaking.objects.lopend().exclude(opgepakt_door__in=hosts)
    if user_id is not None:
        rijen = rijen.filter(opgepakt_door_id=user_id)
    return rijen.update(opgepakt_door=None, opgepakt_op=None, opgepakt_via="")


def _facilitator_lidmaatschap(rol: Vrijwilligersrol, *, actief: bool) -> None:
    lid = (
        Lidmaatschap.objects.select_for_update()
        .filter(groep_id=rol.groep_id, user_id=rol.user_id)
        .first()
    )
    if actief:
        if lid is None:
            Lidmaatschap.objects.create(
                groep_id=rol.groep_id,
                user_id=rol.user_id,
                rol=Lidmaatschap.Rol.FACILITATOR,
                vrijwilliger=True,
            )
        elif not lid.is_actieve_facilitator:
            lid.rol = Lidmaatschap.Rol.FACILITATOR
            lid.status = Lidmaatschap.Status.ACTIEF
            lid.vrijwilliger = True
            lid.save(update_fields=["rol", "status", "vrijwilliger"])
        return
    # Only the membership this role gave: a staff facilitator who also had a volunteer
    # role keeps their own, and another active co-facilitator role for the group keeps it.
    nog_actief = (
        Vrijwilligersrol.objects.actief()
        .filter(soort=Soort.COFACILITATOR, user_id=rol.user_id, groep_id=rol.groep_id)
        .exists()
    )
    if lid is not None and lid.vrijwilliger and lid.is_actieve_facilitator and not nog_actief:
        lid.status = Lidmaatschap.Status.UITGESCHREVEN
        lid.save(update_fields=["status"])


def synchroniseer_lidmaatschappen(op: datetime.date | None = None) -> tuple[int, int]:
    """Co-facilitator memberships follow their roles' dates. Returns (started, ended)."""
    op = op or timezone.localdate()
    gestart = beeindigd = 0
    cofac = Vrijwilligersrol.objects.filter(soort=Soort.COFACILITATOR)
    actieve_facilitators = Lidmaatschap.objects.facilitators().values_list("user_id", "groep_id")
    bezet = set(actieve_facilitators)
    for rol in cofac.actief(op):
        if (rol.user_id, rol.groep_id) not in bezet:
            with transaction.atomic():
                _facilitator_lidmaatschap(rol, actief=True)
            gestart += 1
    # Ended roles whose volunteer membership is still active.
    for rol in cofac.filter(eindigt_op__lte=op):
        if (rol.user_id, rol.groep_id) in bezet:
            with transaction.atomic():
                _facilitator_lidmaatschap(rol, actief=False)
            beeindigd += 1
    # Hosts whose role ended on this day hand back what they had picked up.
    _geef_kennismakingen_terug(op=op)
    return gestart, beeindigd
