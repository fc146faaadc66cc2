"""The one way views fetch a group or meeting for a person (healthchecks style).

Outsiders get 404 (the object's existence is not revealed); people who may know the
group but lack the permission get 403. Someone whose co-facilitator role for the group
ended knew the group: they get 403 as well (their access ended, the group did not
vanish), decided by one extra query on the 404 path only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Bijeenkomst, Groep, Vrijwilligersrol


def _was_cofacilitator(user, groep_id) -> bool:
    if not user.is_authenticated or groep_id is None:
        return False
    return Vrijwilligersrol.objects.filter(
        user=user, groep_id=groep_id, soort=Vrijwilligersrol.Soort.COFACILITATOR
    ).exists()


def _niet_zichtbaar(user, groep_id):
    if _was_cofacilitator(user, groep_id):
        raise PermissionDenied
    raise Http404


def groep_voor(user, pk, perm: str = "groepen.view_groep") -> Groep:
    groep = (
        Groep.objects.zichtbaar_voor(user).select_related("aanbod", "plek").filter(pk=pk).first()
    )
    if groep is None:
        _niet_zichtbaar(user, pk)
    if not user.has_perm(perm, groep):
        raise PermissionDenied
    return groep


def bijeenkomst_voor(user, pk, perm: str = "groepen.view_groep") -> Bijeenkomst:
    bijeenkomst = (
        Bijeenkomst.objects.filter(groep__in=Groep.objects.zichtbaar_voor(user))
        .select_related("groep__aanbod", "groep__plek", "plek")
        .filter(pk=pk)
        .first()
    )
    if bijeenkomst is None:
        _niet_zichtbaar(
            user, Bijeenkomst.objects.filter(pk=pk).values_list("groep_id", flat=True).first()
        )
    if not user.has_perm(perm, bijeenkomst.groep):
        raise PermissionDenied
    return bijeenkomst
