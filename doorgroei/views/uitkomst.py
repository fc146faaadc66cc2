"""Check-ins ("Hoe gaat het nu?"): do one, see yours, delete one, put an offer aside.

Everything here is the person's own: somebody else's check-in is never found (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import uitkomsten
from ..uitkomst_forms import UitkomstForm


@require_GET
@login_required
def uitkomst_lijst(request):
    context = {"uitkomsten": uitkomsten.van(request.user)}
    return render(request, "doorgroei/uitkomst/lijst.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def uitkomst_nieuw(request):
    form = UitkomstForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save(request.user)
            messages.success(request, _("Thank you for your check-in. It is yours alone."))
            toon_hulp_bij_signaal(request, form.cleaned_data["eigen_woorden"])
            return redirect("uitkomst_lijst")
        return render(request, "doorgroei/uitkomst/nieuw.html", {"form": form}, status=400)
    return render(request, "doorgroei/uitkomst/nieuw.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def uitkomst_verwijderen(request, pk):
    uitkomst = get_object_or_404(uitkomsten.van(request.user), pk=pk)
    if request.method == "POST":
        uitkomst.delete()
        messages.success(request, _("Your check-in has been deleted."))
        return redirect("uitkomst_lijst")
    return render(request, "doorgroei/uitkomst/verwijderen.html", {"uitkomst": uitkomst})


def _getal(waarde):
    try:
        return int(waarde)
    except (TypeError, ValueError):
        return None


@require_POST
@login_required
def uitkomst_nu_niet(request):
    groep_id, maanden = _getal(request.POST.get("groep")), _getal(request.POST.get("maanden"))
    if groep_id is not None and uitkomsten.nu_niet(request.user, groep_id, maanden):
        messages.info(request, _("All right. You can do a check-in whenever you like."))
    return redirect("mijn_overzicht")


urlpatterns = [
    path("mijn/check-in/", uitkomst_lijst, name="uitkomst_lijst"),
    path("mijn/check-in/nieuw/", uitkomst_nieuw, name="uitkomst_nieuw"),
    path("mijn/check-in/<int:pk>/verwijderen/", uitkomst_verwijderen, name="uitkomst_verwijderen"),
    path("mijn/check-in/nu-niet/", uitkomst_nu_niet, name="uitkomst_nu_niet"),
]
