"""Locations: the coordinator manages them (under beheer); anyone, also without an
account, can open the page of a location in use (address, route, accessibility, the
walk-in's times). A Locatie holds no personal data. An archived one is not public."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal
from lib.jsonld import ld_json

from .. import locaties
from ..locatie_forms import LocatieForm
from ..models import Locatie
from ..openbaar import bewaard, plaats_ld
from .beheer import coordinator


def _pagina(pk, bezoeker: bool) -> dict:
    locatie = get_object_or_404(Locatie, pk=pk)
    # Signed-in people still see an archived place (a group they were in met there).
    if locatie.gearchiveerd and bezoeker:
        raise Http404
    return locaties.pagina(locatie)


@require_GET
def locatie_detail(request, pk):
    if request.user.is_authenticated:
        context = _pagina(pk, bezoeker=False)
    else:
        # The same for every visitor: kept with the public offer (groepen.openbaar), so a
        # changed place or walk-in time shows at once.
        context = dict(bewaard(f"locatie:{pk}", lambda: _pagina(pk, bezoeker=True)))
    locatie = context["locatie"]
    plaats = {"@context": "https://schema.org", **plaats_ld(locatie)}
    context["structured_data"] = ld_json(
        {**plaats, "url": request.build_absolute_uri(request.path)}
    )
    return render(request, "groepen/locatie/detail.html", context)


@require_GET
@coordinator
def beheer_locaties(request):
    return render(request, "groepen/beheer/locatie_lijst.html", locaties.overzicht())


def _formulier(request, locatie):
    # The form edits a copy, so the heading keeps the saved name while a typo is fixed.
    form = LocatieForm(request.POST or None, instance=copy.copy(locatie) if locatie else None)
    if request.method == "POST":
        if form.is_valid():
            opgeslagen = form.save()
            toon_hulp_bij_signaal(request, *form.teksten())
            messages.success(request, _("“%(naam)s” is saved.") % {"naam": opgeslagen})
            return redirect("beheer_locaties")
        status = 400
    else:
        status = 200
    context = {
        "form": form,
        "locatie": locatie,
        "gebruik": locaties.gebruik(locatie) if locatie else None,
    }
    return render(request, "groepen/beheer/locatie_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@coordinator
def beheer_locatie_nieuw(request):
    return _formulier(request, None)


@require_http_methods(["GET", "POST"])
@coordinator
def beheer_locatie(request, pk):
    return _formulier(request, get_object_or_404(Locatie, pk=pk))


@require_POST
@coordinator
def beheer_locatie_archiveren(request, pk):
    locatie = get_object_or_404(Locatie, pk=pk)
    if locaties.wissel_archief(locatie.pk):
        tekst = _("“%(naam)s” is in the archive. Groups that met there still show it.")
    else:
        tekst = _("“%(naam)s” can be chosen again.")
    messages.success(request, tekst % {"naam": locatie})
    return redirect("beheer_locatie", pk=locatie.pk)


@require_POST
@coordinator
def beheer_locatie_verwijderen(request, pk):
    locatie = get_object_or_404(Locatie, pk=pk)
    if locaties.verwijder(locatie.pk):
        messages.success(request, _("“%(naam)s” is deleted.") % {"naam": locatie})
        return redirect("beheer_locaties")
    messages.warning(
        request,
        _(
            "Offers, groups or meetings use “%(naam)s”, so it cannot be deleted: they would "
            "lose their place. We put it in the archive instead."
        )
        % {"naam": locatie},
    )
    return redirect("beheer_locatie", pk=locatie.pk)


urlpatterns = [
    path("locaties/<int:pk>/", locatie_detail, name="locatie_detail"),
    path("beheer/locaties/", beheer_locaties, name="beheer_locaties"),
    path("beheer/locaties/nieuw/", beheer_locatie_nieuw, name="beheer_locatie_nieuw"),
    path("beheer/locaties/<int:pk>/", beheer_locatie, name="beheer_locatie"),
    path(
        "beheer/locaties/<int:pk>/archiveren/",
        beheer_locatie_archiveren,
        name="beheer_locatie_archiveren",
    ),
    path(
        "beheer/locaties/<int:pk>/verwijderen/",
        beheer_locatie_verwijderen,
        name="beheer_locatie_verwijderen",
    ),
]
