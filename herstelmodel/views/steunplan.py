""" "Mijn steunplan": the person's own plan (view, write, share, print, delete), someone
else's shared plan, and the plans shared in a group.

Reading goes through the scoped querysets (someone else's plan answers 404); changing is
for the author only and always works on request.user's own plan, so there is no id to
guess. The text never goes into a message, a title or a URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from groepen.access import groep_voor
from lib.hulp import toon_hulp_bij_signaal

from .. import steunplan as logica
from ..models import Zichtbaarheid
from ..steunplan_forms import DelenForm, SteunplanForm


def _plan_pagina(request, plan, delen_form=None, status=200):
    context = {"plan": plan, "delen": logica.delen_van(plan), "uitleg_delen": logica.DELEN}
    if plan is not None:
        context["lezers"] = logica.gelezen_door(plan)
        context["delen_form"] = delen_form or DelenForm(plan=plan, user=request.user)
    return render(request, "herstelmodel/steunplan/plan.html", context, status=status)


@never_cache
@require_http_methods(["GET"])
@login_required
def steunplan(request):
    return _plan_pagina(request, logica.plan_van(request.user))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def steunplan_bewerken(request):
    plan = logica.plan_van(request.user)
    form = SteunplanForm(request.POST if request.method == "POST" else None, instance=plan)
    if request.method == "POST" and form.is_valid():
        nieuw = plan is None
        plan = form.save(commit=False)
        plan.auteur = request.user
        plan.save()
        messages.success(
            request,
            _("Your support plan is saved. Only you can read it.")
            if nieuw and not plan.gedeeld
            else _("Your changes are saved."),
        )
        toon_hulp_bij_signaal(request, *form.teksten())
        return redirect("steunplan")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "plan": plan}
    return render(request, "herstelmodel/steunplan/form.html", context, status=status)


@require_POST
@login_required
def steunplan_delen(request):
    plan = logica.plan_van(request.user)
    if plan is None:
        messages.info(request, _("Make your support plan first; then you can share it."))
        return redirect("steunplan_bewerken")
    form = DelenForm(request.POST, plan=plan, user=request.user)
    if not form.is_valid():
        return _plan_pagina(request, plan, delen_form=form, status=400)
    oud = plan.zichtbaarheid
    gekozen = form.cleaned_data
    logica.wijzig_zichtbaarheid(plan, gekozen["zichtbaarheid"], gekozen["groep"])
    if not plan.gedeeld:
        if oud != plan.zichtbaarheid:
            messages.success(request, _("You stopped sharing it. Only you can read it now."))
    elif plan.zichtbaarheid == Zichtbaarheid.FACILITATORS:
        messages.success(request, _("It is shared with the facilitators of your group."))
    else:
        messages.success(request, _("It is shared with your group."))
    return redirect("steunplan")


@never_cache
@require_http_methods(["GET"])
@login_required
def steunplan_afdrukken(request):
    plan = logica.plan_van(request.user)
    if plan is None:
        return redirect("steunplan")
    context = {"plan": plan, "delen": logica.delen_van(plan)}
    return render(request, "herstelmodel/steunplan/afdrukken.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def steunplan_verwijderen(request):
    plan = logica.plan_van(request.user)
    if plan is None:
        return redirect("steunplan")
    if request.method == "POST":
        logica.verwijder(request.user)
        messages.success(request, _("Your support plan is deleted."))
        return redirect("steunplan")
    return render(request, "herstelmodel/steunplan/verwijderen.html", {"plan": plan})


@never_cache
@require_http_methods(["GET"])
@login_required
def steunplan_lezen(request, pk):
    """Someone else's plan that was shared with this reader; every read is logged."""
    plan = get_object_or_404(logica.leesbaar_voor(request.user), pk=pk)
    if plan.auteur_id == request.user.pk:
        return redirect("steunplan")
    logica.registreer_lezing(plan, request.user)
    context = {"plan": plan, "delen": logica.delen_van(plan)}
    return render(request, "herstelmodel/steunplan/lezen.html", context)


@never_cache
@require_http_methods(["GET"])
@login_required
def gedeelde_steunplannen(request, pk):
    groep = groep_voor(request.user, pk, "herstelmodel.view_gedeeld")
    context = {"groep": groep, "plannen": logica.gedeeld_in_groep(request.user, groep)}
    return render(request, "herstelmodel/steunplan/gedeeld.html", context)


urlpatterns = [
    path("steunplan/", steunplan, name="steunplan"),
    path("steunplan/bewerken/", steunplan_bewerken, name="steunplan_bewerken"),
    path("steunplan/delen/", steunplan_delen, name="steunplan_delen"),
    path("steunplan/afdrukken/", steunplan_afdrukken, name="steunplan_afdrukken"),
    path("steunplan/verwijderen/", steunplan_verwijderen, name="steunplan_verwijderen"),
    path("steunplannen/<int:pk>/", steunplan_lezen, name="steunplan_lezen"),
    path("groepen/<int:pk>/steunplannen/", gedeelde_steunplannen, name="gedeelde_steunplannen"),
]
