"""Volunteer roles: the coordinator's list and a page per person (start and end roles),
and "Mijn rollen" for the person themselves.

Access: the coordinator pages need groepen.manage_rollen (coordinators; anyone else 403).
A person who never took part is 404 on the coordinator's person page, and a role is
looked up in the roles of the person in the URL, so one person's page cannot end another
person's role. "Mijn rollen" shows only the signed-in person's own roles.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import rollen_beheer
from ..models import Vrijwilligersrol
from ..rollen import beeindig_rol, start_rol
from ..rollen_forms import EindRolForm, StartRolForm

BEHEER = "groepen.manage_rollen"


@never_cache
@require_GET
@login_required
@permission_required(BEHEER, raise_exception=True)
def vrijwilligers(request):
    context = {
        "vrijwilligers": rollen_beheer.overzicht(),
        **rollen_beheer.zoek(request.GET.get("zoek", "")),
    }
    return render(request, "groepen/rollen/vrijwilligers.html", context)


def _persoon(pk):
    user = rollen_beheer.persoon(pk)
    if user is None:
        raise Http404
    return user


def _persoon_pagina(request, user, start_form=None, eind_form=None, status=200):
    rollen = rollen_beheer.rollen_van(user)
    for rol in rollen.lopend:
        if eind_form is not None and eind_form.rol.pk == rol.pk:
            rol.eind_form = eind_form
        else:
            rol.eind_form = EindRolForm(rol=rol, prefix=f"rol{rol.pk}")
    context = {
        "persoon": user,
        "rollen": rollen,
        "form": start_form or StartRolForm(),
    }
    return render(request, "groepen/rollen/persoon.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@permission_required(BEHEER, raise_exception=True)
def vrijwilliger(request, pk):
    user = _persoon(pk)
    if request.method == "GET":
        return _persoon_pagina(request, user)
    form = StartRolForm(request.POST)
    if not form.is_valid():
        return _persoon_pagina(request, user, start_form=form, status=400)
    data = form.cleaned_data
    rol = start_rol(
        user,
        data["soort"],
        begint_op=data["begint_op"],
        groep=data["groep"],
        omschrijving=data["omschrijving"],
        door=request.user,
    )
    if data["eindigt_op"]:
        beeindig_rol(rol, data["eindigt_op"], door=request.user)
    toon_hulp_bij_signaal(request, data["omschrijving"])
    messages.success(
        request,
        _("%(naam)s is %(rol)s from %(dag)s.")
        % {
            "naam": user.roepnaam,
            "rol": rol.get_soort_display(),
            "dag": formats.date_format(rol.begint_op, "j F Y"),
        },
    )
    return redirect("vrijwilliger_rollen", pk=user.pk)


@require_POST
@login_required
@permission_required(BEHEER, raise_exception=True)
def rol_beeindigen(request, pk, rol_pk):
    user = _persoon(pk)
    vandaag = timezone.localdate()
    # Only roles that still count or are still to come can be ended.
    rol = get_object_or_404(
        Vrijwilligersrol.objects.filter(user=user).exclude(eindigt_op__lte=vandaag), pk=rol_pk
    )
    form = EindRolForm(request.POST, rol=rol, prefix=f"rol{rol.pk}")
    if not form.is_valid():
        return _persoon_pagina(request, user, eind_form=form, status=400)
    beeindig_rol(rol, form.cleaned_data["eindigt_op"], door=request.user)
    if rol.eindigt_op <= vandaag:
        bericht = _("%(naam)s is no longer %(rol)s. What the role gave access to is closed now.")
    else:
        bericht = _("The role of %(naam)s as %(rol)s ends on %(dag)s.")
    messages.success(
        request,
        bericht
        % {
            "naam": user.roepnaam,
            "rol": rol.get_soort_display(),
            "dag": formats.date_format(rol.eindigt_op, "j F Y"),
        },
    )
    return redirect("vrijwilliger_rollen", pk=user.pk)


@require_GET
@login_required
def mijn_rollen(request):
    rollen = rollen_beheer.rollen_van(request.user)
    return render(request, "groepen/rollen/mijn_rollen.html", {"rollen": rollen})


urlpatterns = [
    path("coordinator/vrijwilligers/", vrijwilligers, name="vrijwilligers"),
    path("coordinator/vrijwilligers/<int:pk>/", vrijwilliger, name="vrijwilliger_rollen"),
    path(
        "coordinator/vrijwilligers/<int:pk>/rollen/<int:rol_pk>/beeindigen/",
        rol_beeindigen,
        name="vrijwilliger_rol_beeindigen",
    ),
    path("meehelpen/rollen/", mijn_rollen, name="mijn_rollen"),
]
