"""groepen on the audit trail: role changes through memberships, and group names for the
trail's sentences.

Becoming (or no longer being) a facilitator or volunteer of a group is a role change,
recorded with `audit.log.record` like the academy-wide roles audit records itself.
Details hold ids and short codes only. Connected from GroepenConfig.ready().
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_init, post_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import registry
from audit.log import record
from audit.middleware import huidige_actor
from audit.models import AuditEvent

from .models import Groep, Lidmaatschap

Soort = AuditEvent.Soort
LID_VELDEN = ("rol", "status", "vrijwilliger")
GROEP_NAMEN = "groepen.namen"


# --- Hooks: memberships --------------------------------------------------------------------
# The values as loaded are remembered on the instance (post_init), so a save can be
# compared without an extra query.


def _lid_stand(lidmaatschap_model, waarden):
    """(facilitator now?, volunteer now?) for a membership's stored values."""
    is_facilitator = (
        waarden.get("rol") == lidmaatschap_model.Rol.FACILITATOR
        and waarden.get("status") == lidmaatschap_model.Status.ACTIEF
    )
    return is_facilitator, bool(waarden.get("vrijwilliger"))


def onthoud_lid(sender, instance, **kwargs):
    d = instance.__dict__
    instance._audit_lid = {veld: d.get(veld) for veld in LID_VELDEN}


def na_lid_save(sender, instance, created, raw=False, **kwargs):
    if raw or any(veld not in instance.__dict__ for veld in LID_VELDEN):
        return  # a partly loaded row: nothing to compare with
    was_f, was_v = (False, False) if created else _lid_stand(sender, instance._audit_lid)
    nu_f, nu_v = _lid_stand(sender, instance.__dict__)
    actor = huidige_actor()
    if nu_f != was_f:
        record(
            Soort.ROL,
            actor=actor,
            betreft=instance.user,
            rol="facilitator",
            aan=nu_f,
            groep=instance.groep_id,
        )
    if nu_v != was_v:
        record(
            Soort.ROL,
            actor=actor,
            betreft=instance.user,
            rol="vrijwilliger",
            aan=nu_v,
            groep=instance.groep_id,
        )
    onthoud_lid(sender, instance)


def na_lid_delete(sender, instance, origin=None, **kwargs):
    # When the person's whole account row goes, the erasure itself is the event (and
    # a new row pointing at that account could not be kept anyway).
    if isinstance(origin, get_user_model()) or getattr(origin, "model", None) is get_user_model():
        return
    is_facilitator = _lid_stand(sender, instance.__dict__)[0]
    if is_facilitator:
        record(
            Soort.ROL,
            actor=huidige_actor(),
            betreft=instance.user,
            rol="facilitator",
            aan=False,
            groep=instance.groep_id,
        )


# --- Words: group names and the group roles -------------------------------------------------


def groep_namen(events, ik) -> dict:
    """Names of the groups on one page of the trail (one query, none without groups)."""
    ids = {e.details.get("groep") for e in events} - {None}
    if not ids:
        return {}
    return dict(Groep.objects.filter(pk__in=ids).values_list("pk", "naam"))


def groep_naam(details, gevonden) -> str:
    return gevonden.get(GROEP_NAMEN, {}).get(details.get("groep"), _("a group"))


def _facilitator(details, gevonden) -> str:
    return _("facilitator of %(groep)s") % {"groep": groep_naam(details, gevonden)}


def _vrijwilliger(details, gevonden) -> str:
    return _("volunteer in %(groep)s") % {"groep": groep_naam(details, gevonden)}


def connect():
    uid = "groepen.audit."
    post_init.connect(onthoud_lid, sender=Lidmaatschap, dispatch_uid=uid + "lid_init")
    post_save.connect(na_lid_save, sender=Lidmaatschap, dispatch_uid=uid + "lid_save")
    post_delete.connect(na_lid_delete, sender=Lidmaatschap, dispatch_uid=uid + "lid_delete")
    registry.add_lookup(GROEP_NAMEN, groep_namen)
    registry.add_role("facilitator", _facilitator)
    registry.add_role("vrijwilliger", _vrijwilliger)
    registry.add_detail_label("groep", gettext_lazy("group"))
