"""Pages of "we missen je" (nazorg/missen.py, missen_bericht.py): the message behind a
signed link, "ik stop liever", a facilitator marking a signal handled, and the person's
choice. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import missen, missen_bericht
from ..missen_forms import AfhandelForm, MissenVoorkeurForm, StopLieverForm


def _link_fout(request, exc):
    verlopen = isinstance(exc, missen_bericht.VerlopenLink)
    return render(
        request, "nazorg/link_fout.html", {"verlopen": verlopen}, status=410 if verlopen else 400
    )


@require_GET
def missen_bericht_view(request, token):
    """The message itself, as a page: the in-app notification opens it."""
    try:
        signaal = missen_bericht.lees_token(token, missen_bericht.BERICHT_SALT)
    except (missen_bericht.OngeldigeLink, missen_bericht.VerlopenLink) as exc:
        return _link_fout(request, exc)
    return render(request, "nazorg/missen_bericht.html", missen_bericht.pagina_context(signaal))


@require_http_methods(["GET", "POST"])
def missen_stop(request, token):
    """GET asks; only the tap (POST) acts, because mail scanners open links too."""
    try:
        signaal = missen_bericht.lees_token(token, missen_bericht.STOP_SALT)
    except (missen_bericht.OngeldigeLink, missen_bericht.VerlopenLink) as exc:
        return _link_fout(request, exc)
    form = StopLieverForm(request.POST if request.method == "POST" else None)
    context = {
        "signaal": signaal,
        "form": form,
        "kan_uitschrijven": missen_bericht.lidmaatschap(signaal) is not None,
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "nazorg/missen_stop.html", context, status=400)
        uitschrijven = form.cleaned_data["uitschrijven"] and context["kan_uitschrijven"]
        context["uitkomst"] = missen_bericht.stop_liever(signaal, uitschrijven)
    return render(request, "nazorg/missen_stop.html", context)


@require_POST
@login_required
def missen_afhandelen(request, pk):
    signaal = missen.signaal_voor_facilitator(request.user, pk)
    if signaal is None:
        raise Http404
    form = AfhandelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That didn't work. Please try again."))
    elif missen.handel_af(signaal, request.user, form.cleaned_data["afhandeling"]):
        messages.success(request, _("Thank you. It is off your list."))
    else:
        messages.success(request, _("Someone in your group had already done this."))
    return redirect("facilitator_home")


@require_POST
@login_required
def missen_voorkeur(request):
    form = MissenVoorkeurForm(request.POST)
    if form.is_valid():
        missen.zet_berichten(request.user, form.cleaned_data["berichten"])
        messages.success(request, _("Your choices are saved."))
    else:
        messages.error(request, _("That didn't work. Please try again."))
    return redirect("nazorg_voorkeuren")


urlpatterns = [
    path("missen/bericht/<str:token>/", missen_bericht_view, name="missen_bericht"),
    path("missen/stop/<str:token>/", missen_stop, name="missen_stop"),
    path("missen/<int:pk>/afhandelen/", missen_afhandelen, name="missen_afhandelen"),
    path("nazorg/voorkeuren/missen/", missen_voorkeur, name="missen_voorkeur"),
]
