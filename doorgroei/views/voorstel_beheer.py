"""The coordinator's side of activity proposals: the list, talking it over, "not now",
and approving it into an offer with a first group and the proposer as co-facilitator.

All of it needs doorgroei.manage_voorstellen (coordinators; anyone else who is logged in
gets 403 before any proposal is looked up). A decision carries the version the
coordinator saw: when another coordinator (or the proposer) changed the proposal first,
nothing is applied and the page says what happened.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from groepen import planning
from lib.hulp import toon_hulp_bij_signaal

from .. import voorstellen
from ..models import Activiteitvoorstel
from ..voorstel_forms import BesluitForm, Goedkeuren

PERM = "doorgroei.manage_voorstellen"
Status = Activiteitvoorstel.Status


def coordinator(view):
    return login_required(permission_required(PERM, raise_exception=True)(view))


def _voorstel(pk) -> Activiteitvoorstel:
    return get_object_or_404(
        Activiteitvoorstel.objects.select_related("indiener", "beslist_door", "aanbod", "groep"),
        pk=pk,
    )


def _al_beslist(request, voorstel) -> None:
    """Tell the coordinator who lost a race what the proposal is now."""
    voorstel.refresh_from_db()
    door = voorstel.beslist_door
    if door is not None and door.pk != request.user.pk:
        messages.warning(
            request,
            _(
                "%(naam)s has just decided on this proposal: it is now “%(status)s”. "
                "Nothing of yours was saved; look at it again below."
            )
            % {"naam": door.roepnaam, "status": voorstel.get_status_display()},
        )
    else:
        messages.warning(
            request,
            _("This proposal changed while you were looking at it. Look at it again below."),
        )


@never_cache
@require_GET
@coordinator
def lijst(request):
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    pagina = Paginator(voorstellen.voor_coordinator(status), voorstellen.PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    context = {
        "pagina": pagina,
        "status": status,
        "statussen": Status.choices,
        "aantallen": voorstellen.aantallen_open(),
    }
    return render(request, "doorgroei/voorstel/beheer_lijst.html", context)


def _besluit_forms(voorstel, data=None, actie=None):
    return {
        a: BesluitForm(data if a == actie else None, actie=a, voorstel=voorstel)
        for a in (BesluitForm.IN_GESPREK, BesluitForm.NIET_NU)
    }


def _detail(request, voorstel, forms=None, status=200):
    forms = forms or _besluit_forms(voorstel)
    context = {
        "voorstel": voorstel,
        "gesprek_form": forms[BesluitForm.IN_GESPREK],
        "niet_nu_form": forms[BesluitForm.NIET_NU],
    }
    return render(request, "doorgroei/voorstel/beheer_detail.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@coordinator
def detail(request, pk):
    voorstel = _voorstel(pk)
    if request.method == "GET":
        return _detail(request, voorstel)
    actie = request.POST.get("actie")
    if actie not in (BesluitForm.IN_GESPREK, BesluitForm.NIET_NU):
        messages.error(request, _("That didn't work. Please tap the button again."))
        return redirect("doorgroei_voorstel_beheer", pk=voorstel.pk)
    forms = _besluit_forms(voorstel, request.POST, actie)
    form = forms[actie]
    if not voorstel.is_open:
        messages.info(request, _("This proposal has already been decided on."))
        return _detail(request, voorstel, status=409)
    if not form.is_valid():
        return _detail(request, voorstel, forms, status=400)
    d = form.cleaned_data
    beslis = voorstellen.in_gesprek if actie == BesluitForm.IN_GESPREK else voorstellen.niet_nu
    if not beslis(voorstel, d["versie"], request.user, d["notitie"]):
        _al_beslist(request, voorstel)
        return _detail(request, voorstel, forms, status=409)
    toon_hulp_bij_signaal(request, d["notitie"])
    if actie == BesluitForm.IN_GESPREK:
        bericht = _("%(naam)s hears that you would like to talk, with your note.")
    else:
        bericht = _("%(naam)s hears that it is not possible now, with your note.")
    messages.success(request, bericht % {"naam": voorstel.indiener.roepnaam})
    return redirect("doorgroei_voorstel_beheer", pk=voorstel.pk)


def _goedkeuren_pagina(request, voorstel, goedkeuren, status=200):
    context = {"voorstel": voorstel, "goedkeuren": goedkeuren}
    return render(request, "doorgroei/voorstel/goedkeuren.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@coordinator
def goedkeuren(request, pk):
    """One page: the offer (prefilled from the proposal), its first group with dates and
    place, and a word to the proposer. Saving publishes it in the offer."""
    voorstel = _voorstel(pk)
    if not voorstel.is_open:
        messages.info(request, _("This proposal has already been decided on."))
        return redirect("doorgroei_voorstel_beheer", pk=voorstel.pk)
    if request.method == "GET":
        return _goedkeuren_pagina(request, voorstel, Goedkeuren(voorstel))
    goed = Goedkeuren(voorstel, request.POST)
    if not goed.is_valid():
        return _goedkeuren_pagina(request, voorstel, goed, status=400)
    try:
        aanbod, groep = voorstellen.keur_goed(voorstel, goed.versie, request.user, goed)
    except voorstellen.AlBeslist:
        _al_beslist(request, voorstel)
        return redirect("doorgroei_voorstel_beheer", pk=voorstel.pk)
    except planning.PlanningFout as fout:
        goed.groep_form.planning_fout(fout)
        return _goedkeuren_pagina(request, voorstel, goed, status=400)
    toon_hulp_bij_signaal(request, goed.notitie)
    messages.success(
        request,
        _(
            "“%(titel)s” is in the offer now, with %(naam)s as co-facilitator of “%(groep)s”. "
            "%(naam)s gets a message."
        )
        % {"titel": aanbod.titel, "naam": voorstel.indiener.roepnaam, "groep": groep.naam},
    )
    return redirect("doorgroei_voorstel_beheer", pk=voorstel.pk)


urlpatterns = [
    path("coordinator/voorstellen/", lijst, name="doorgroei_voorstellen_beheer"),
    path("coordinator/voorstellen/<int:pk>/", detail, name="doorgroei_voorstel_beheer"),
    path(
        "coordinator/voorstellen/<int:pk>/goedkeuren/",
        goedkeuren,
        name="doorgroei_voorstel_goedkeuren",
    ),
]
