"""The one way views fetch a group or meeting for a person (healthchecks style).

Outsiders get 404 (the object's existence is not revealed); people who may know the
group but lack the permission get 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Bijeenkomst, Groep


def groep_voor(user, pk, perm: str = "groepen.view_groep") -> Groep:
    groep = get_object_or_404(
        Groep.objects.zichtbaar_voor(user).select_related("aanbod", "plek"), pk=pk
    )
    if not user.has_perm(perm, groep):
        raise PermissionDenied
    return groep


def bijeenkomst_voor(user, pk, perm: str = "groepen.view_groep") -> Bijeenkomst:
    bijeenkomst = get_object_or_404(
        Bijeenkomst.objects.filter(groep__in=Groep.objects.zichtbaar_voor(user)).select_related(
            "groep__aanbod", "groep__plek", "plek"
        ),
        pk=pk,
    )
    if not user.has_perm(perm, bijeenkomst.groep):
        raise PermissionDenied
    return bijeenkomst
