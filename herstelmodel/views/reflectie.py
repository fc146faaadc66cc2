"""Writing, sharing and reading reflections, and what was shared with a group.

Reading goes through the scoped querysets (someone else's entry answers 404); changing
is for the author only, also 404 for anyone else. The text never goes into a message,
a title or a URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from deelnemers.privacy import MIN_AGGREGATE
from groepen.access import groep_voor
from lib.signaal import bevat_signaalwoord

from .. import reflectie as logica
from ..models import Reflectie, Zichtbaarheid
from ..reflectie_forms import DelenForm, ReflectieForm
from ..stappen import UITLEG, WEL_EN_WEE

# Set after a successful save; the next reflection page tells concept.js to forget the
# draft kept in the browser for that form.
CONCEPT_WISSEN = "reflectie_concept_wissen"


def _eigen(request, pk) -> Reflectie:
    return get_object_or_404(
        Reflectie.objects.van(request.user).select_related("groep", "bijeenkomst__groep"),
        pk=pk,
    )


def _form_context(form, **extra):
    gekozen = form["stap"].value()
    try:
        gekozen_uitleg = UITLEG.get(int(gekozen)) if gekozen not in (None, "") else None
    except (TypeError, ValueError):
        gekozen_uitleg = None
    return {
        "form": form,
        "stap_keuzes": [(keuze, UITLEG[keuze.data["value"]]) for keuze in form["stap"]],
        "uitleg": UITLEG.values(),
        "gekozen_uitleg": gekozen_uitleg,
        "wel_en_wee": WEL_EN_WEE,
        **extra,
    }


def _terug_naar_pad():
    """Where someone lands after deleting: their own path."""
    return reverse("herstelpad")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def reflectie_nieuw(request):
    if request.method == "POST":
        form = ReflectieForm(request.POST, user=request.user)
        if form.is_valid():
            reflectie = form.save(commit=False)
            reflectie.auteur = request.user
            logica.opslaan(reflectie)
            request.session[CONCEPT_WISSEN] = request.path
            messages.success(request, _("Thank you for writing this down. It is saved."))
            return redirect("reflectie_detail", pk=reflectie.pk)
    else:
        # ?bijeenkomst=<id> (e.g. from a meeting's card) preselects one of the person's own.
        gevraagd = request.GET.get("bijeenkomst", "")
        eigen = gevraagd.isdigit() and (
            logica.te_kiezen_bijeenkomsten(request.user).filter(pk=int(gevraagd)).exists()
        )
        form = ReflectieForm(
            user=request.user, initial={"bijeenkomst": int(gevraagd)} if eigen else {}
        )
    return render(request, "herstelmodel/reflectie/form.html", _form_context(form, nieuw=True))


@never_cache
@require_http_methods(["GET"])
@login_required
def reflectie_detail(request, pk):
    reflectie = get_object_or_404(logica.leesbaar_voor(request.user), pk=pk)
    is_auteur = reflectie.auteur_id == request.user.pk
    context = {
        "reflectie": reflectie,
        "is_auteur": is_auteur,
        "uitleg": UITLEG[reflectie.stap],
        # Help for the writer only; a reader of a shared entry is not shown it.
        "hulp_nu": is_auteur and bevat_signaalwoord(reflectie.tekst),
    }
    if is_auteur:
        context["lezers"] = logica.gelezen_door(reflectie)
        context["delen_form"] = DelenForm(reflectie=reflectie, user=request.user)
        context["concept_wissen"] = request.session.pop(CONCEPT_WISSEN, "")
    else:
        logica.registreer_lezing(reflectie, request.user)
    return render(request, "herstelmodel/reflectie/detail.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def reflectie_bewerken(request, pk):
    reflectie = _eigen(request, pk)
    oud = reflectie.zichtbaarheid
    form = ReflectieForm(
        request.POST if request.method == "POST" else None, instance=reflectie, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        logica.opslaan(form.save(commit=False), oude_zichtbaarheid=oud)
        request.session[CONCEPT_WISSEN] = request.path
        messages.success(request, _("Your changes are saved."))
        return redirect("reflectie_detail", pk=reflectie.pk)
    return render(
        request,
        "herstelmodel/reflectie/form.html",
        _form_context(form, nieuw=False, reflectie=reflectie),
    )


@require_http_methods(["GET", "POST"])
@login_required
def reflectie_verwijderen(request, pk):
    reflectie = _eigen(request, pk)
    if request.method == "POST":
        reflectie.delete()
        messages.success(request, _("Your reflection is deleted."))
        return redirect(_terug_naar_pad())
    return render(request, "herstelmodel/reflectie/verwijderen.html", {"reflectie": reflectie})


@require_POST
@login_required
def reflectie_delen(request, pk):
    reflectie = _eigen(request, pk)
    form = DelenForm(request.POST, reflectie=reflectie, user=request.user)
    if form.is_valid():
        oud = reflectie.zichtbaarheid
        logica.wijzig_zichtbaarheid(reflectie, form.cleaned_data["zichtbaarheid"])
        if not reflectie.gedeeld:
            if oud != reflectie.zichtbaarheid:
                messages.success(request, _("You stopped sharing it. Only you can read it now."))
        elif reflectie.zichtbaarheid == Zichtbaarheid.FACILITATORS:
            messages.success(request, _("It is shared with the facilitators of your group."))
        else:
            messages.success(request, _("It is shared with your group."))
        return redirect("reflectie_detail", pk=reflectie.pk)
    context = {
        "reflectie": reflectie,
        "is_auteur": True,
        "uitleg": UITLEG[reflectie.stap],
        "lezers": logica.gelezen_door(reflectie),
        "delen_form": form,
        "hulp_nu": bevat_signaalwoord(reflectie.tekst),
    }
    return render(request, "herstelmodel/reflectie/detail.html", context)


@never_cache
@require_http_methods(["GET"])
@login_required
def gedeelde_reflecties(request, pk):
    groep = groep_voor(request.user, pk, "herstelmodel.view_gedeeld")
    met_spiegel = request.user.has_perm("herstelmodel.view_spiegel", groep)
    pagina, blokken = logica.pagina_gedeeld(
        request.user, groep, request.GET.get("pagina"), met_spiegel
    )
    context = {
        "groep": groep,
        "pagina": pagina,
        "blokken": blokken,
        "met_spiegel": met_spiegel,
        "min_spiegel": MIN_AGGREGATE,
    }
    return render(request, "herstelmodel/reflectie/gedeeld.html", context)


urlpatterns = [
    path("reflecties/nieuw/", reflectie_nieuw, name="reflectie_nieuw"),
    path("reflecties/<int:pk>/", reflectie_detail, name="reflectie_detail"),
    path("reflecties/<int:pk>/bewerken/", reflectie_bewerken, name="reflectie_bewerken"),
    path("reflecties/<int:pk>/verwijderen/", reflectie_verwijderen, name="reflectie_verwijderen"),
    path("reflecties/<int:pk>/delen/", reflectie_delen, name="reflectie_delen"),
    path("groepen/<int:pk>/reflecties/", gedeelde_reflecties, name="gedeelde_reflecties"),
]
