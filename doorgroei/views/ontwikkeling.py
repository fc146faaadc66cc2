"""Growing as a volunteer: the volunteer's own path, and the coordinator's pages to
record trainings and to see who might be asked about a next step.

Access: the path is always one's own (no id in the URL). The coordinator pages need
doorgroei.manage_ontwikkeling (403 without); a person who never had a volunteer role
answers 404. Texts pass the crisis detector; none goes into a message, title or URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import ontwikkeling
from ..ontwikkeling_forms import OntwikkelingForm
from ..rules_groei import ONTWIKKELING_BEHEREN


@never_cache
@require_GET
@login_required
def mijn_pad(request):
    context = {"pad": ontwikkeling.pad_van(request.user)}
    return render(request, "doorgroei/mijn_pad.html", context)


@never_cache
@require_GET
@login_required
@permission_required(ONTWIKKELING_BEHEREN, raise_exception=True)
def ontwikkeling_lijst(request):
    lijst = ontwikkeling.vrijwilligers()
    context = {
        "vrijwilligers": lijst,
        "volgende_stap": [v for v in lijst if v.volgende_stap],
        "maanden": ontwikkeling.MAANDEN_VOOR_VOLGENDE_STAP,
        "intervisie_minimum": ontwikkeling.INTERVISIE_VOOR_EIGEN_GROEP,
    }
    return render(request, "doorgroei/ontwikkeling_lijst.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@permission_required(ONTWIKKELING_BEHEREN, raise_exception=True)
def ontwikkeling_persoon(request, user_id):
    persoon = ontwikkeling.vrijwilliger_of_404(user_id)
    form = OntwikkelingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            ontwikkeling.vastleggen(persoon, request.user, **form.cleaned_data)
            toon_hulp_bij_signaal(request, *form.teksten())
            messages.success(
                request,
                _("Saved. %(naam)s sees it on their own path.") % {"naam": persoon.roepnaam},
            )
            return redirect("doorgroei_ontwikkeling_persoon", persoon.pk)
        status = 400
    context = {"persoon": persoon, "pad": ontwikkeling.pad_van(persoon), "form": form}
    return render(request, "doorgroei/ontwikkeling_persoon.html", context, status=status)


@require_POST
@login_required
@permission_required(ONTWIKKELING_BEHEREN, raise_exception=True)
def ontwikkeling_verwijderen(request, user_id, pk):
    persoon = ontwikkeling.vrijwilliger_of_404(user_id)
    if ontwikkeling.verwijderen(persoon, pk):
        messages.success(request, _("Removed."))
    return redirect("doorgroei_ontwikkeling_persoon", persoon.pk)


urlpatterns = [
    path("meehelpen/mijn-pad/", mijn_pad, name="doorgroei_mijn_pad"),
    path("coordinator/ontwikkeling/", ontwikkeling_lijst, name="doorgroei_ontwikkeling"),
    path(
        "coordinator/ontwikkeling/<int:user_id>/",
        ontwikkeling_persoon,
        name="doorgroei_ontwikkeling_persoon",
    ),
    path(
        "coordinator/ontwikkeling/<int:user_id>/<int:pk>/verwijderen/",
        ontwikkeling_verwijderen,
        name="doorgroei_ontwikkeling_verwijderen",
    ),
]
