"""Coordinators plan the offer, groups and meetings ("beheer").

The whole area needs groepen.manage_groep: anyone else who is logged in gets 403 before
any object is looked up; an unknown pk is a 404 for the coordinator.
"""

import copy
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import kandidaten, planning
from ..access import bijeenkomst_voor, groep_voor
from ..beheer_forms import (
    AanbodForm,
    BijeenkomstForm,
    FacilitatorForm,
    GroepForm,
    GroepNieuwForm,
    KandidaatForm,
)
from ..models import Aanbod, Lidmaatschap

PERM = "groepen.manage_groep"


def coordinator(view):
    @wraps(view)
    @login_required
    @permission_required(PERM, raise_exception=True)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapped


# --- Offer ---------------------------------------------------------------------------------


@require_http_methods(["GET"])
@coordinator
def aanbod_lijst(request):
    return render(request, "groepen/beheer/aanbod_lijst.html", planning.aanbod_overzicht())


@require_http_methods(["GET", "POST"])
@coordinator
def aanbod_nieuw(request):
    form = AanbodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        aanbod = form.save()
        messages.success(
            request, _("“%(titel)s” is saved. Now you can plan a group.") % {"titel": aanbod}
        )
        return redirect("beheer_aanbod_bewerken", pk=aanbod.pk)
    return render(request, "groepen/beheer/aanbod_form.html", {"form": form, "aanbod": None})


@require_http_methods(["GET", "POST"])
@coordinator
def aanbod_bewerken(request, pk):
    aanbod = get_object_or_404(Aanbod, pk=pk)
    # A separate instance for the form, so the page heading keeps the saved title.
    form = AanbodForm(request.POST or None, instance=copy.copy(aanbod))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect("beheer_aanbod_bewerken", pk=aanbod.pk)
    return render(
        request,
        "groepen/beheer/aanbod_form.html",
        {"form": form, "aanbod": aanbod, "groepen": planning.groepen_van_aanbod(aanbod)},
    )


@require_POST
@coordinator
def aanbod_archiveren(request, pk):
    aanbod = get_object_or_404(Aanbod, pk=pk)
    if planning.wissel_archief(aanbod.pk):
        messages.success(
            request,
            _("“%(titel)s” is in the archive. Its groups and their history are kept.")
            % {"titel": aanbod},
        )
    else:
        messages.success(request, _("“%(titel)s” is offered again.") % {"titel": aanbod})
    return redirect("beheer_aanbod_bewerken", pk=aanbod.pk)


@require_POST
@coordinator
def aanbod_verwijderen(request, pk):
    aanbod = get_object_or_404(Aanbod, pk=pk)
    if planning.verwijder_aanbod(aanbod.pk):
        messages.success(request, _("“%(titel)s” is deleted.") % {"titel": aanbod})
        return redirect("beheer_aanbod")
    messages.warning(
        request,
        _(
            "“%(titel)s” has groups, so it cannot be deleted: their people and history "
            "would be lost. We put it in the archive instead."
        )
        % {"titel": aanbod},
    )
    return redirect("beheer_aanbod_bewerken", pk=aanbod.pk)


# --- Groups --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@coordinator
def groep_nieuw(request, pk):
    aanbod = get_object_or_404(Aanbod, pk=pk)
    if aanbod.gearchiveerd:
        messages.warning(
            request, _("This offer is in the archive. Bring it back first to plan a group.")
        )
        return redirect("beheer_aanbod_bewerken", pk=aanbod.pk)
    form = GroepNieuwForm(request.POST or None, aanbod=aanbod)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            groep = planning.plan_groep(
                aanbod,
                naam=d["naam"],
                plek=d["plek"],
                capaciteit=d["capaciteit"],
                schema=form.schema(),
                verleden_ok=form.verleden_ok,
            )
        except planning.PlanningFout as fout:
            form.planning_fout(fout)
        else:
            messages.success(
                request,
                ngettext(
                    "The group is planned with %(n)s meeting.",
                    "The group is planned with %(n)s meetings.",
                    d["aantal"],
                )
                % {"n": d["aantal"]},
            )
            return redirect("beheer_groep", pk=groep.pk)
    return render(request, "groepen/beheer/groep_nieuw.html", {"form": form, "aanbod": aanbod})


def _groep_pagina(request, groep, form=None, facilitator_form=None, kandidaat_form=None):
    # The search for facilitators is a GET field on this page (no JavaScript needed); after
    # a refused "Add" the same search is shown again.
    zoektekst = request.GET.get("zoek") or request.POST.get("zoek") or ""
    context = {
        "groep": groep,
        "form": form or GroepForm(instance=copy.copy(groep)),
        "facilitator_form": facilitator_form or FacilitatorForm(),
        "kandidaat_form": kandidaat_form,
        **kandidaten.zoek(groep, zoektekst),
        **planning.groep_overzicht(groep),
    }
    return render(request, "groepen/beheer/groep.html", context)


@require_http_methods(["GET", "POST"])
@coordinator
def groep(request, pk):
    groep = groep_voor(request.user, pk, PERM)
    if request.method == "GET":
        return _groep_pagina(request, groep)
    # The form edits a copy, so the heading keeps the saved name while a typo is fixed.
    form = GroepForm(request.POST, instance=copy.copy(groep))
    if form.is_valid():
        try:
            doorgeschoven = planning.pas_groep_aan(groep.pk, **form.cleaned_data)
        except planning.PlanningFout as fout:
            form.planning_fout(fout)
        else:
            messages.success(request, _("Your changes are saved."))
            if doorgeschoven:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s person from the waiting list got a place and an email.",
                        "%(n)s people from the waiting list got a place and an email.",
                        len(doorgeschoven),
                    )
                    % {"n": len(doorgeschoven)},
                )
            return redirect("beheer_groep", pk=groep.pk)
    return _groep_pagina(request, groep, form=form)


@require_POST
@coordinator
def facilitator_toevoegen(request, pk):
    """Add a facilitator: someone picked from the search (`persoon`), or by exact email."""
    groep = groep_voor(request.user, pk, PERM)
    uit_lijst = "persoon" in request.POST
    form = KandidaatForm(request.POST, groep=groep) if uit_lijst else FacilitatorForm(request.POST)
    if form.is_valid():
        try:
            lid = form.voeg_toe(groep.pk)
        except planning.PlanningFout as fout:
            form.planning_fout(fout)
        else:
            messages.success(
                request,
                _("%(naam)s is now a facilitator of this group.") % {"naam": lid.user},
            )
            return redirect("beheer_groep", pk=groep.pk)
    if uit_lijst:
        return _groep_pagina(request, groep, kandidaat_form=form)
    return _groep_pagina(request, groep, facilitator_form=form)


@require_POST
@coordinator
def facilitator_verwijderen(request, pk, lid):
    groep = groep_voor(request.user, pk, PERM)
    lidmaatschap = get_object_or_404(
        Lidmaatschap.objects.facilitators().select_related("user"), pk=lid, groep=groep
    )
    planning.verwijder_facilitator(lidmaatschap)
    messages.success(
        request,
        _("%(naam)s is no longer a facilitator of this group.") % {"naam": lidmaatschap.user},
    )
    return redirect("beheer_groep", pk=groep.pk)


# --- Meetings ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@coordinator
def bijeenkomst_nieuw(request, pk):
    groep = groep_voor(request.user, pk, PERM)
    form = BijeenkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            planning.voeg_bijeenkomst_toe(groep.pk, **form.tijden())
        except planning.PlanningFout as fout:
            form.planning_fout(fout)
        else:
            messages.success(request, _("The meeting is added."))
            return redirect("beheer_groep", pk=groep.pk)
    return render(request, "groepen/beheer/bijeenkomst_nieuw.html", {"form": form, "groep": groep})


def _bijeenkomst_form(bijeenkomst, data=None):
    begin = timezone.localtime(bijeenkomst.begint_om)
    eind = timezone.localtime(bijeenkomst.eindigt_om)
    return BijeenkomstForm(
        data,
        huidige_plek=bijeenkomst.plek_id,
        initial={
            "datum": begin.date(),
            "begintijd": begin.time(),
            "eindtijd": eind.time(),
            "plek": bijeenkomst.plek_id,
        },
    )


@require_http_methods(["GET", "POST"])
@coordinator
def bijeenkomst(request, pk):
    """Move a meeting, or cancel it (a second step asks to confirm)."""
    bijeenkomst = bijeenkomst_voor(request.user, pk, PERM)
    actie = request.POST.get("actie", "verplaatsen")
    form = _bijeenkomst_form(bijeenkomst)
    bevestigen = False
    if request.method == "POST" and actie == "afgelasten":
        if request.POST.get("bevestigd") == "ja":
            try:
                planning.afgelasten(bijeenkomst.pk)
            except planning.PlanningFout as fout:
                messages.warning(request, fout.bericht)
            else:
                messages.success(
                    request, _("The meeting is cancelled. Everyone in the group gets an email.")
                )
            return redirect("beheer_groep", pk=bijeenkomst.groep_id)
        bevestigen = True
    elif request.method == "POST":
        form = _bijeenkomst_form(bijeenkomst, request.POST)
        if form.is_valid():
            try:
                tijden = form.tijden()
                # An old free-text place stays until a location is chosen instead.
                oude_tekst = "" if tijden["plek"] else bijeenkomst.locatie
                veranderd = planning.verplaats(bijeenkomst.pk, **tijden, locatie=oude_tekst)
            except planning.PlanningFout as fout:
                form.planning_fout(fout)
            else:
                if veranderd:
                    messages.success(
                        request, _("The meeting is moved. Everyone in the group gets an email.")
                    )
                else:
                    messages.info(request, _("Nothing changed, so no email was sent."))
                return redirect("beheer_groep", pk=bijeenkomst.groep_id)
    context = {
        "bijeenkomst": bijeenkomst,
        "groep": bijeenkomst.groep,
        "form": form,
        "bevestigen": bevestigen,
        "te_wijzigen": not bijeenkomst.geannuleerd and bijeenkomst.begint_om >= timezone.now(),
    }
    return render(request, "groepen/beheer/bijeenkomst.html", context)


urlpatterns = [
    path("beheer/aanbod/", aanbod_lijst, name="beheer_aanbod"),
    path("beheer/aanbod/nieuw/", aanbod_nieuw, name="beheer_aanbod_nieuw"),
    path("beheer/aanbod/<int:pk>/", aanbod_bewerken, name="beheer_aanbod_bewerken"),
    path("beheer/aanbod/<int:pk>/archiveren/", aanbod_archiveren, name="beheer_aanbod_archiveren"),
    path(
        "beheer/aanbod/<int:pk>/verwijderen/",
        aanbod_verwijderen,
        name="beheer_aanbod_verwijderen",
    ),
    path("beheer/aanbod/<int:pk>/groep/nieuw/", groep_nieuw, name="beheer_groep_nieuw"),
    path("beheer/groepen/<int:pk>/", groep, name="beheer_groep"),
    path(
        "beheer/groepen/<int:pk>/facilitators/",
        facilitator_toevoegen,
        name="beheer_facilitator_toevoegen",
    ),
    path(
        "beheer/groepen/<int:pk>/facilitators/<int:lid>/verwijderen/",
        facilitator_verwijderen,
        name="beheer_facilitator_verwijderen",
    ),
    path(
        "beheer/groepen/<int:pk>/bijeenkomsten/nieuw/",
        bijeenkomst_nieuw,
        name="beheer_bijeenkomst_nieuw",
    ),
    path("beheer/bijeenkomsten/<int:pk>/", bijeenkomst, name="beheer_bijeenkomst"),
]
