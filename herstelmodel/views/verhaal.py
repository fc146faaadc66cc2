""" "Mijn verhaal" (the guided editor, versions, sharing) and a group's getuigenissen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groepen.access import groep_voor
from lib.hulp import toon_hulp_bij_signaal

from .. import verhaal
from ..stappen import VERHAAL_ASPECTEN
from ..verhaal_forms import DelenForm, VerhaalForm

PER_PAGINA = 20


def _editor(request, form=None, delen_form=None, status=200):
    mijn = verhaal.verhaal_van(request.user)
    laatste = verhaal.laatste_versie(mijn)
    if form is None:
        form = VerhaalForm(initial=VerhaalForm.initial_van(laatste))
    if delen_form is None:
        delen_form = DelenForm(user=request.user)
    context = {
        "form": form,
        "delen_form": delen_form,
        "laatste": laatste,
        "deelstatus": verhaal.deelstatus(request.user, mijn, laatste),
        "aspecten": VERHAAL_ASPECTEN,
    }
    return render(request, "herstelmodel/verhaal/editor.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def verhaal_editor(request):
    if request.method != "POST":
        return _editor(request)
    form = VerhaalForm(request.POST)
    if not form.is_valid():
        return _editor(request, form=form)
    titel, delen = form.cleaned_data["titel"], form.delen()
    _versie, nieuw = verhaal.opslaan(request.user, titel, delen)
    if nieuw:
        messages.success(request, _("Saved. Only you can read this draft."))
    else:
        messages.info(
            request, _("Nothing changed since your last save, so there is no new version.")
        )
    toon_hulp_bij_signaal(request, titel, *delen.values())
    return redirect("verhaal")


@require_GET
@login_required
def verhaal_versies(request):
    versies = verhaal.versies_van(request.user).order_by("-aangemaakt_op", "-pk")
    pagina = Paginator(versies, PER_PAGINA).get_page(request.GET.get("pagina"))
    for versie in pagina:
        versie.woorden = verhaal.woorden(versie)
    return render(request, "herstelmodel/verhaal/versies.html", {"pagina": pagina})


@require_GET
@login_required
def verhaal_versie(request, pk):
    versie = get_object_or_404(verhaal.versies_van(request.user).select_related("verhaal"), pk=pk)
    laatste = verhaal.laatste_versie(versie.verhaal)
    context = {
        "versie": versie,
        "delen": verhaal.leesbaar(versie),
        "is_laatste": laatste is not None and laatste.pk == versie.pk,
        "is_gedeeld": versie.verhaal.gedeeld_met_id is not None
        and versie.verhaal.gedeelde_versie_id == versie.pk,
    }
    return render(request, "herstelmodel/verhaal/versie.html", context)


@require_POST
@login_required
def verhaal_herstellen(request, pk):
    versie = get_object_or_404(verhaal.versies_van(request.user), pk=pk)
    _nieuw_versie, nieuw = verhaal.herstellen(request.user, versie)
    if nieuw:
        messages.success(request, _("This version is your latest draft again."))
    else:
        messages.info(request, _("This already is your latest version."))
    return redirect("verhaal")


@require_POST
@login_required
def verhaal_delen(request):
    form = DelenForm(request.POST, user=request.user)
    if not form.is_valid():
        return _editor(request, delen_form=form)
    if form.cleaned_data["stoppen"]:
        if verhaal.stoppen_met_delen(request.user):
            messages.success(request, _("Your story is no longer shared. It is private again."))
        return redirect("verhaal")
    groep = form.cleaned_data["groep"]
    try:
        verhaal.delen(request.user, groep)
    except ValueError:
        form.add_error(None, _("Save your story first; then you can share it."))
        return _editor(request, delen_form=form)
    except PermissionError:
        form.add_error("groep", DelenForm.base_fields["groep"].error_messages["invalid_choice"])
        return _editor(request, delen_form=form)
    messages.success(
        request,
        _("Thank you for sharing. The people in %(groep)s can now read your story.")
        % {"groep": groep.naam},
    )
    return redirect("verhaal")


@require_GET
@login_required
def getuigenissen(request, pk):
    groep = groep_voor(request.user, pk, verhaal.LEES_PERM)
    verhalen = verhaal.getuigenissen(groep, request.user)
    for item in verhalen:
        item.delen = verhaal.leesbaar(item.gedeelde_versie)
    context = {"groep": groep, "verhalen": verhalen}
    return render(request, "herstelmodel/verhaal/getuigenissen.html", context)


urlpatterns = [
    path("mijn-verhaal/", verhaal_editor, name="verhaal"),
    path("mijn-verhaal/versies/", verhaal_versies, name="verhaal_versies"),
    path("mijn-verhaal/versies/<int:pk>/", verhaal_versie, name="verhaal_versie"),
    path(
        "mijn-verhaal/versies/<int:pk>/herstellen/",
        verhaal_herstellen,
        name="verhaal_herstellen",
    ),
    path("mijn-verhaal/delen/", verhaal_delen, name="verhaal_delen"),
    path("groepen/<int:pk>/verhalen/", getuigenissen, name="getuigenissen"),
]
