"""Getuigenis as a role: the person's offer and answers, the facilitator's list and
invitation (doorgroei/getuigenis.py says who sees what and why).

Access: the person's page is always their own; answering someone else's invitation
answers 404. The facilitator pages need doorgroei.view_verhaalaanbod (403 without); an
offer the facilitator may not see answers 404, a meeting of a group they do not run is
not in the list. Messages pass the crisis detector.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import getuigenis
from ..getuigenis_forms import UitnodigingForm
from ..models import Verhaalaanbod, Verhaaluitnodiging
from ..rules_groei import VERTELLERS_ZIEN


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def verhaal_aanbod(request):
    if request.method == "POST":
        aan = request.POST.get("aanbod") == "aan"
        getuigenis.zet_aanbod(request.user, aan)
        if aan:
            messages.success(request, _("Thank you. Your offer is saved."))
        else:
            messages.success(request, _("Your offer is taken back. Nobody sees it any more."))
        return redirect("doorgroei_verhaal_aanbod")
    context = {
        "aanbod": getuigenis.aanbod_van(request.user),
        "gedeeld_met": getuigenis.gedeeld_met(request.user),
        "uitnodigingen": getuigenis.mijn_uitnodigingen(request.user),
    }
    return render(request, "doorgroei/verhaal_aanbod.html", context)


@require_POST
@login_required
def verhaal_uitnodiging_antwoord(request, pk):
    try:
        uitnodiging = getuigenis.beantwoord(request.user, pk, request.POST.get("antwoord", ""))
    except Verhaaluitnodiging.DoesNotExist:
        raise Http404 from None
    except getuigenis.UitnodigingFout as fout:
        messages.error(request, str(fout))
        return redirect("doorgroei_verhaal_aanbod")
    if uitnodiging.antwoord == Verhaaluitnodiging.Antwoord.JA:
        messages.success(request, _("Wonderful. The facilitator sees your yes."))
    else:
        messages.success(
            request, _("Fine. The facilitator sees your answer; nothing else changes.")
        )
    return redirect("doorgroei_verhaal_aanbod")


@never_cache
@require_http_methods(["GET"])
@login_required
@permission_required(VERTELLERS_ZIEN, raise_exception=True)
def vertellers(request):
    context = {
        "aanbiedingen": getuigenis.aanbiedingen_voor(request.user),
        "verstuurd": getuigenis.verstuurd_door(request.user),
    }
    return render(request, "doorgroei/vertellers.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@permission_required(VERTELLERS_ZIEN, raise_exception=True)
def verteller_uitnodigen(request, user_id):
    try:
        aanbod = getuigenis.zichtbaar_aanbod(request.user, user_id)
    except Verhaalaanbod.DoesNotExist:
        raise Http404 from None
    form = UitnodigingForm(
        request.POST or None, bijeenkomsten=getuigenis.bijeenkomsten_van(request.user)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                getuigenis.nodig_uit(
                    request.user,
                    aanbod,
                    form.cleaned_data["bijeenkomst"],
                    form.cleaned_data["bericht"],
                )
            except getuigenis.UitnodigingFout as fout:
                form.add_error("bijeenkomst", str(fout))
            else:
                toon_hulp_bij_signaal(request, form.cleaned_data["bericht"])
                messages.success(
                    request,
                    _("%(naam)s is invited and gets a notice. You see the answer here.")
                    % {"naam": aanbod.user.roepnaam},
                )
                return redirect("doorgroei_vertellers")
        status = 400
    context = {"aanbod": aanbod, "form": form}
    return render(request, "doorgroei/verteller_uitnodigen.html", context, status=status)


urlpatterns = [
    path("meehelpen/mijn-verhaal-vertellen/", verhaal_aanbod, name="doorgroei_verhaal_aanbod"),
    path(
        "meehelpen/mijn-verhaal-vertellen/<int:pk>/antwoord/",
        verhaal_uitnodiging_antwoord,
        name="doorgroei_verhaal_antwoord",
    ),
    path("facilitator/verhalen/", vertellers, name="doorgroei_vertellers"),
    path(
        "facilitator/verhalen/<int:user_id>/uitnodigen/",
        verteller_uitnodigen,
        name="doorgroei_verteller_uitnodigen",
    ),
]
