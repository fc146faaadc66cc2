"""The proposer's side of "bring an activity": propose, see where each proposal stands,
change it while nobody picked it up yet, withdraw it.

Access: proposing and the list need doorgroei.propose_activity (took part in a group or
has a volunteer role; anyone else who is logged in gets 403). A single proposal is found
only among the person's own (Activiteitvoorstel.objects.van): anyone else's is a 404.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import voorstellen
from ..models import Activiteitvoorstel
from ..voorstel_forms import VoorstelForm

PERM = "doorgroei.propose_activity"


def _eigen(request, pk) -> Activiteitvoorstel:
    return get_object_or_404(voorstellen.van(request.user), pk=pk)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@permission_required(PERM, raise_exception=True)
def nieuw(request):
    form = VoorstelForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "doorgroei/voorstel/nieuw.html", {"form": form}, status=400)
        voorstel = voorstellen.dien_in(request.user, **form.velden())
        messages.success(
            request,
            _(
                "Thank you for bringing “%(titel)s”! The coordinator will read it and get "
                "back to you. Here you can see where it stands."
            )
            % {"titel": voorstel.titel},
        )
        toon_hulp_bij_signaal(request, *form.teksten())
        return redirect("doorgroei_voorstel", pk=voorstel.pk)
    return render(request, "doorgroei/voorstel/nieuw.html", {"form": form})


@never_cache
@require_GET
@login_required
@permission_required(PERM, raise_exception=True)
def mijn(request):
    context = {"voorstellen": list(voorstellen.van(request.user))}
    return render(request, "doorgroei/voorstel/mijn.html", context)


def _detail(request, voorstel, form=None, status=200):
    if form is None and voorstel.te_wijzigen:
        form = VoorstelForm(instance=voorstel)
    context = {"voorstel": voorstel, "form": form}
    return render(request, "doorgroei/voorstel/detail.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def detail(request, pk):
    """Where the proposal stands; while it is only submitted, its text can be changed."""
    voorstel = _eigen(request, pk)
    if request.method == "GET":
        return _detail(request, voorstel)
    # The form fills a copy, so the page keeps showing the saved proposal beside it.
    form = VoorstelForm(request.POST, instance=copy.copy(voorstel))
    if not form.is_valid():
        return _detail(request, voorstel, form, status=400)
    versie = form.cleaned_data["versie"] or voorstel.versie
    if voorstellen.wijzig(voorstel, versie, **form.velden()):
        messages.success(request, _("Your changes are saved."))
        toon_hulp_bij_signaal(request, *form.teksten())
        return redirect("doorgroei_voorstel", pk=voorstel.pk)
    # Picked up (or changed in another tab) meanwhile: what was typed stays on the page.
    voorstel.refresh_from_db()
    form.add_error(
        None,
        _(
            "The coordinator has already picked up your proposal, so it can no longer be "
            "changed here. Your text is still below: tell the coordinator what you would "
            "like to change when you talk."
        )
        if not voorstel.te_wijzigen
        else _("Your proposal was changed in another window. Check it and save again."),
    )
    if voorstel.te_wijzigen:
        form.data = form.data.copy()
        form.data["versie"] = voorstel.versie
    return _detail(request, voorstel, form, status=409)


@require_POST
@login_required
def intrekken(request, pk):
    voorstel = _eigen(request, pk)
    if voorstellen.trek_in(voorstel):
        messages.success(
            request,
            _("You withdrew “%(titel)s”. You can always bring a new idea.") % {"titel": voorstel},
        )
    else:
        messages.info(
            request, _("This proposal has already been decided on, so it stays as it is.")
        )
    return redirect("doorgroei_voorstel", pk=voorstel.pk)


urlpatterns = [
    path("meehelpen/voorstel/", nieuw, name="doorgroei_voorstel_nieuw"),
    path("meehelpen/voorstellen/", mijn, name="doorgroei_mijn_voorstellen"),
    path("meehelpen/voorstellen/<int:pk>/", detail, name="doorgroei_voorstel"),
    path(
        "meehelpen/voorstellen/<int:pk>/intrekken/", intrekken, name="doorgroei_voorstel_intrekken"
    ),
]
