"""Herkenning moments, "Mijn herstelpad" and the six steps explained.

Everything here is the person's own: other people's entries are never read (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.hulp import toon_hulp_bij_signaal
from lib.urls import veilige_next

from .. import herstelpad as pad
from ..herkenning_forms import HerkenningForm
from ..models import Herkenningsmoment
from ..stappen import UITLEG, WEL_EN_WEE


def _getal(waarde):
    try:
        return int(waarde)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
@login_required
def herkenning_nieuw(request):
    volgende = veilige_next(request)
    bijeenkomst_id = _getal(request.GET.get("bijeenkomst"))
    if request.method == "POST":
        form = HerkenningForm(request.user, request.POST, bijeenkomst_id=bijeenkomst_id)
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved. Thank you for taking a moment for this."))
            toon_hulp_bij_signaal(request, form.cleaned_data.get("notitie"))
            return redirect(volgende or "herstelpad")
    else:
        form = HerkenningForm(request.user, bijeenkomst_id=bijeenkomst_id)
    return render(
        request,
        "herstelmodel/herstelpad/herkenning_nieuw.html",
        {"form": form, "next": volgende},
    )


@require_http_methods(["GET", "POST"])
@login_required
def herkenning_verwijderen(request, pk):
    moment = get_object_or_404(
        Herkenningsmoment.objects.filter(auteur=request.user).select_related("groep"), pk=pk
    )
    if request.method == "POST":
        moment.delete()
        messages.success(request, _("The moment has been deleted."))
        return redirect("herstelpad")
    return render(
        request, "herstelmodel/herstelpad/herkenning_verwijderen.html", {"moment": moment}
    )


@require_GET
@login_required
def herstelpad(request):
    groepen = pad.groepen_van(request.user)
    groep = pad.gekozen_groep(groepen, request.GET.get("groep"))
    tijdlijn = pad.tijdlijn(request.user, groep, pad.pagina_nummer(request.GET.get("pagina")))
    context = {
        "groepen": groepen,
        "groep": groep,
        "grafiek": pad.grafiek(request.user, groep),
        "tijdlijn": tijdlijn,
        "wel_en_wee": WEL_EN_WEE,
        "reflectie_nieuw_url": pad.reflectie_nieuw_url(),
    }
    return render(request, "herstelmodel/herstelpad/herstelpad.html", context)


# Public: a stranger may read how recovery can go here before daring to come (issue 14).
# The page holds no personal data; the buttons to write are for people with an account.
@require_GET
def het_model(request):
    context = {
        "stappen": UITLEG.values(),
        "wel_en_wee": WEL_EN_WEE,
        "reflectie_nieuw_url": pad.reflectie_nieuw_url(),
    }
    return render(request, "herstelmodel/herstelpad/het_model.html", context)


urlpatterns = [
    path("herkenning/nieuw/", herkenning_nieuw, name="herkenning_nieuw"),
    path("herkenning/<int:pk>/verwijderen/", herkenning_verwijderen, name="herkenning_verwijderen"),
    path("mijn-herstelpad/", herstelpad, name="herstelpad"),
    path("het-model/", het_model, name="het_model"),
]
