"""Tell impact/samenvatting.py when data of a closed month changes: a new Maandversie.

A row remembers, when it is loaded, the fields the summaries depend on (read from its
``__dict__``, so a deferred field is never fetched); after a save only a change in those
fields counts. Rows of the current month cost nothing: its figures are never stored, and
the month is computed afresh once it is over. So the daily writes (a new reflection, an
enrolment, today's attendance) send no extra query. Bulk writes send no signals: those
the summaries depend on are caught by the "changed since" check instead (see
impact/samenvatting.py).
"""

from __future__ import annotations

import datetime
import uuid

from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap, Locatie
from herstelmodel.models import Reflectie

from .models import Maandversie
from .samenvatting import ALLES, MARGE, _dt, maand_van, volgende

# Per model: the fields whose change can change a summarised figure, and where the month
# comes from. Groep, Aanbod and Locatie decide what a filter or the walk-in rule
# selects, so a change there touches every month.
VELDEN = {
    Reflectie: ("aangemaakt_op", "stap", "groep_id", "auteur_id"),
    Aanwezigheid: ("status", "bijeenkomst_id", "user_id"),
    Bijeenkomst: ("begint_om", "geannuleerd", "groep_id"),
    Lidmaatschap: ("sinds", "status", "rol", "groep_id"),
    Groep: ("aanbod_id", "plek_id", "locatie"),
    Aanbod: ("soort",),
    Locatie: ("naam",),
}
OVERAL = (Groep, Aanbod, Locatie)
_STAND = "_samenvatting_stand"


def nieuwe_versie(maanden) -> None:
    """A new version for these months: their stored figures are out of date. One query.
    The current month is skipped unless it ends within MARGE (a write that commits
    after midnight must still reach the month it belongs to)."""
    grens = timezone.now() + MARGE
    maanden = {m for m in maanden if m == ALLES or _dt(volgende(m)) <= grens}
    if not maanden:
        return
    Maandversie.objects.bulk_create(
        [Maandversie(maand=m, versie=uuid.uuid4().hex) for m in sorted(maanden)],
        update_conflicts=True,
        unique_fields=["maand"],
        update_fields=["versie"],
    )


def _stand(instance) -> tuple:
    return tuple(instance.__dict__.get(veld) for veld in VELDEN[type(instance)])


def _maanden(instance, stand: tuple) -> set:
    """The months a row with these field values counts in."""
    waarden = dict(zip(VELDEN[type(instance)], stand, strict=True))
    if isinstance(instance, Reflectie):
        moment = waarden["aangemaakt_op"]
    elif isinstance(instance, Bijeenkomst):
        moment = waarden["begint_om"]
    elif isinstance(instance, Lidmaatschap):
        moment = waarden["sinds"]
    else:  # Aanwezigheid: the month of its meeting
        bijeenkomst = instance._state.fields_cache.get("bijeenkomst")
        if bijeenkomst is not None and bijeenkomst.pk == waarden["bijeenkomst_id"]:
            moment = bijeenkomst.begint_om
        else:
            moment = (
                Bijeenkomst.objects.filter(pk=waarden["bijeenkomst_id"])
                .values_list("begint_om", flat=True)
                .first()
            )
    if not isinstance(moment, datetime.date):
        return set()
    return {maand_van(moment)}


def _bij_laden(sender, instance, **kwargs):
    setattr(instance, _STAND, _stand(instance))


def _na_opslaan(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    oud = getattr(instance, _STAND, None)
    nieuw = _stand(instance)
    setattr(instance, _STAND, nieuw)
    if not created and oud == nieuw:
        return
    if sender in OVERAL:
        if not created:  # a new group or offer has no rows yet
            nieuwe_versie({ALLES})
        return
    maanden = _maanden(instance, nieuw)
    if not created and oud is not None:
        maanden |= _maanden(instance, oud)
    nieuwe_versie(maanden)


def _na_verwijderen(sender, instance, **kwargs):
    if sender in OVERAL:
        nieuwe_versie({ALLES})
        return
    nieuwe_versie(_maanden(instance, getattr(instance, _STAND, None) or _stand(instance)))


def verbind() -> None:
    for model in VELDEN:
        uid = f"impact.samenvatting.{model.__name__}"
        post_init.connect(_bij_laden, sender=model, dispatch_uid=uid)
        post_save.connect(_na_opslaan, sender=model, dispatch_uid=uid)
        post_delete.connect(_na_verwijderen, sender=model, dispatch_uid=uid)
