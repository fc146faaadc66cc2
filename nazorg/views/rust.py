"""The page for rest in the community: a break, and muted words. Thin: the rules live in
nazorg/rust.py, the checks in nazorg/rust_forms.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import rust
from ..rust_forms import PauzeForm, WoordenForm


def _pauze(request, form):
    if not form.is_valid():
        return False
    pauze = rust.neem_pauze(request.user, form.tot)
    messages.success(
        request,
        _("Enjoy your break. The community stays quiet until %(datum)s.")
        % {"datum": date_format(localtime(pauze.tot), "l j F")},
    )
    return True


def _woorden(request, form):
    if not form.is_valid():
        return False
    rust.bewaar_woorden(request.user, form.cleaned_data["woorden"])
    if form.cleaned_data["woorden"]:
        messages.success(request, _("Saved. Posts with these words are folded for you."))
    else:
        messages.success(request, _("Saved. You have no muted words."))
    return True


@require_http_methods(["GET", "POST"])
@login_required
def community_rust(request):
    user = request.user
    actie = request.POST.get("actie") if request.method == "POST" else None
    if actie == "stop_pauze":
        rust.stop_pauze(user)
        # The community page greets them back (rust.welkom_terug), once.
        return redirect("community")
    pauze_form = PauzeForm(request.POST if actie == "pauze" else None)
    woorden_form = WoordenForm(
        request.POST if actie == "woorden" else None,
        initial={"woorden": "\n".join(rust.woorden_van(user))},
    )
    if actie == "pauze" and _pauze(request, pauze_form):
        return redirect("community_rust")
    if actie == "woorden" and _woorden(request, woorden_form):
        return redirect("community_rust")
    context = {
        "pauze": rust.actieve_pauze(user),
        "pauze_form": pauze_form,
        "woorden_form": woorden_form,
        "aantal_woorden": len(rust.woorden_van(user)),
        "max_dagen": rust.PAUZE_MAX_DAGEN,
    }
    status = 400 if actie in ("pauze", "woorden") else 200
    return render(request, "nazorg/community/rust.html", context, status=status)


urlpatterns = [
    path("community/rust/", community_rust, name="community_rust"),
]
