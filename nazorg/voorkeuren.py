"""Whether a person gets nazit reminders, and how: by email, in the app, per group.

One NazorgVoorkeur row with groep=None holds a person's general choice; a row per group
holds a stop for that group (and follows the general channels). No row means the model's
defaults: email and in-app on, nothing stopped. Every page, the enrolment (its "no
invitation" box, nazorg/uitnodiging.py), the one-click unsubscribe link and the delivery
engine read and change these choices through this module, so the rules above live in
one place.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from groepen.models import Aanbod, Groep, Lidmaatschap

from . import planning
from .models import Herinnering, NazorgVoorkeur

# --- Reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keuze:
    per_email: bool = True
    in_app: bool = True
    gestopt: bool = False

    @property
    def nazit_email(self) -> bool:
        """Will reminders reach this person by email (as far as the general choice goes)?"""
        return self.per_email and not self.gestopt


def algemeen(user) -> Keuze:
    """The person's general choice; the defaults when they never made one. One query."""
    rij = NazorgVoorkeur.objects.filter(user=user, groep=None).first()
    if rij is None:
        return Keuze()
    return Keuze(per_email=rij.per_email, in_app=rij.in_app, gestopt=rij.gestopt)


def per_rij(rijen) -> dict:
    """(user_id, groep_id) -> (gestopt, per_email, in_app) for a batch of reminders, in
    one query. A stop for all groups or for this group stops it; the group's own row,
    if any, decides the channels, else the general one."""
    user_ids = {r.user_id for r in rijen}
    alle = {}
    for v in NazorgVoorkeur.objects.filter(user_id__in=user_ids):
        alle[(v.user_id, v.groep_id)] = v
    uit = {}
    for r in rijen:
        eigen_algemeen = alle.get((r.user_id, None))
        eigen = alle.get((r.user_id, r.groep_id))
        basis = eigen or eigen_algemeen
        gestopt = bool((eigen_algemeen and eigen_algemeen.gestopt) or (eigen and eigen.gestopt))
        uit[(r.user_id, r.groep_id)] = (
            gestopt,
            basis.per_email if basis else True,
            basis.in_app if basis else True,
        )
    return uit


def is_afgemeld(herinnering: Herinnering) -> bool:
    return NazorgVoorkeur.objects.filter(
        user_id=herinnering.user_id, groep_id=herinnering.groep_id, gestopt=True
    ).exists()


def nazorg_groepen(user):
    """The groups a person has (or had) nazit reminders for, made a choice about, or
    takes part in now with a nazit to come: they can stop it before it is planned."""
    return Groep.objects.filter(
        Q(pk__in=Herinnering.objects.filter(user=user).values("groep"))
        | Q(pk__in=NazorgVoorkeur.objects.filter(user=user).values("groep"))
        | Q(
            pk__in=Lidmaatschap.objects.deelnemers()
            .filter(user=user, groep__aanbod__nazit=True)
            .exclude(groep__aanbod__soort=Aanbod.Soort.INLOOP)
            .values("groep")
        )
    ).order_by("-einddatum", "naam")


def voorkeuren_per_groep(user) -> list:
    gestopt = set(
        NazorgVoorkeur.objects.filter(user=user, gestopt=True, groep__isnull=False).values_list(
            "groep_id", flat=True
        )
    )
    groepen = list(nazorg_groepen(user))
    for g in groepen:
        g.gestopt = g.pk in gestopt
    return groepen


# --- Changing -------------------------------------------------------------------------------


def zet_kanalen(user, per_email: bool, in_app: bool) -> None:
    """Email and/or in-app, for all groups (group rows follow the general choice)."""
    with transaction.atomic():
        NazorgVoorkeur.objects.update_or_create(
            user=user, groep=None, defaults={"per_email": per_email, "in_app": in_app}
        )
        NazorgVoorkeur.objects.filter(user=user, groep__isnull=False).update(
            per_email=per_email, in_app=in_app
        )


def stop_herinneringen(user, groep) -> bool:
    """Stop nazit reminders of this group for this person. False when already stopped.

    Future reminders that have not gone out become AFGEMELD; ones being sent right now
    (BEZIG) are checked again by the engine just before sending."""
    with transaction.atomic():
        voorkeur, _ = NazorgVoorkeur.objects.get_or_create(user=user, groep=groep)
        if voorkeur.gestopt:
            al_gestopt = True
        else:
            voorkeur.gestopt = True
            voorkeur.save(update_fields=["gestopt"])
            al_gestopt = False
        Herinnering.objects.filter(
            user=user, groep=groep, status=Herinnering.Status.GEPLAND
        ).update(status=Herinnering.Status.AFGEMELD)
    return not al_gestopt


def hervat_herinneringen(user, groep=None) -> None:
    """Start reminders again: rows that were stopped and still lie ahead are planned again."""
    now = timezone.now()
    with transaction.atomic():
        NazorgVoorkeur.objects.filter(user=user, groep=groep).update(gestopt=False)
        rijen = Herinnering.objects.filter(
            user=user, status=Herinnering.Status.AFGEMELD, verzonden_op__isnull=True
        ).select_related("moment")
        if groep is not None:
            rijen = rijen.filter(groep=groep)
        nog_gestopt = set(
            NazorgVoorkeur.objects.filter(user=user, gestopt=True).values_list(
                "groep_id", flat=True
            )
        )
        if None in nog_gestopt:
            return
        for rij in rijen:
            if rij.groep_id in nog_gestopt:
                continue
            op = planning.verstuurmoment(rij.moment.datum, now)
            if op is not None:
                Herinnering.objects.filter(pk=rij.pk, status=Herinnering.Status.AFGEMELD).update(
                    status=Herinnering.Status.GEPLAND, verstuur_op=op
                )


def stop_alles(user) -> None:
    with transaction.atomic():
        voorkeur, _ = NazorgVoorkeur.objects.get_or_create(user=user, groep=None)
        voorkeur.gestopt = True
        voorkeur.save(update_fields=["gestopt"])
        Herinnering.objects.filter(user=user, status=Herinnering.Status.GEPLAND).update(
            status=Herinnering.Status.AFGEMELD
        )
