"""Deleting an account: the person's own request, the undo link, and the coordinator's
page for requests made outside the app. The work itself is in privacy/verwijderen.py."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import verwijderen
from ..models import Verwijderverzoek
from ..verwijderen_forms import BeheerForm, VerwijderForm


@require_http_methods(["GET", "POST"])
@login_required
def account_verwijderen(request):
    verzoek = verwijderen.wachtend_verzoek(request.user)
    if verzoek is not None:
        return render(request, "privacy/verwijderen_wacht.html", {"verzoek": verzoek})
    reden = verwijderen.blokkade(request.user)
    if reden:
        return render(request, "privacy/verwijderen_geblokkeerd.html", {"reden": reden})
    form = VerwijderForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            verwijderen.vraag_aan(request.user, form.cleaned_data["berichten"])
        except verwijderen.Geblokkeerd as fout:
            return render(request, "privacy/verwijderen_geblokkeerd.html", {"reden": str(fout)})
        messages.success(request, _("Your request is saved. We sent you an email about it."))
        return redirect("account_verwijderen")
    context = {"form": form, "dagen": verwijderen.bedenktijd().days}
    return render(request, "privacy/verwijderen.html", context)


@require_POST
@login_required
def verwijderen_intrekken(request):
    verzoek = verwijderen.wachtend_verzoek(request.user)
    if verzoek is not None and verwijderen.annuleer(verzoek, door=request.user):
        messages.success(request, _("Good to have you here. Your account stays."))
    else:
        messages.info(request, _("There is no deletion request waiting for your account."))
    return redirect("account_verwijderen")


@require_http_methods(["GET", "POST"])
def verwijderen_annuleren(request, token):
    """The undo link from the email. Opening it changes nothing (mail scanners open links
    too); one tap on the button cancels."""
    try:
        verzoek = verwijderen.lees_token(token)
    except verwijderen.OngeldigeLink:
        return render(request, "privacy/verwijderen_link.html", {"uitkomst": "ongeldig"})
    except verwijderen.VerlopenLink as fout:
        uitkomst = "verlopen" if fout.verzoek.status == Verwijderverzoek.Status.WACHTEND else None
        return render(
            request,
            "privacy/verwijderen_link.html",
            {"uitkomst": uitkomst or fout.verzoek.status},
        )
    if verzoek.status != Verwijderverzoek.Status.WACHTEND:
        return render(request, "privacy/verwijderen_link.html", {"uitkomst": verzoek.status})
    if request.method == "POST":
        door = request.user if request.user == verzoek.user else None
        geannuleerd = verwijderen.annuleer(verzoek, door=door)
        uitkomst = "geannuleerd_nu" if geannuleerd else Verwijderverzoek.Status.GEANNULEERD
        return render(request, "privacy/verwijderen_link.html", {"uitkomst": uitkomst})
    return render(
        request, "privacy/verwijderen_link.html", {"uitkomst": "bevestig", "verzoek": verzoek}
    )


def _alleen_coordinator(request):
    # The rule itself (privacy/rules.py), not user.has_perm: that would also let in a
    # superuser without the coordinator role, and this page is the coordinator's.
    if not rules.has_perm("privacy.manage_deletion_requests", request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def verwijderen_beheer(request):
    _alleen_coordinator(request)
    form = BeheerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verwijderen.vraag_aan(form.user, form.cleaned_data["berichten"], door=request.user)
        except verwijderen.Geblokkeerd as fout:
            form.add_error("email", str(fout))
        else:
            messages.success(
                request,
                _("The request is saved. The person gets an email with a link to undo it."),
            )
            return redirect("verwijderen_beheer")
    wachtend = (
        Verwijderverzoek.objects.filter(status=Verwijderverzoek.Status.WACHTEND)
        .select_related("user")
        .only("pk", "uitvoeren_na", "aangevraagd_op", "user__roepnaam")
        .order_by("uitvoeren_na", "pk")
    )
    return render(
        request,
        "privacy/verwijderen_beheer.html",
        {"form": form, "wachtend": wachtend, "dagen": verwijderen.bedenktijd().days},
    )


@require_POST
@login_required
def verwijderen_beheer_annuleren(request, pk):
    _alleen_coordinator(request)
    verzoek = get_object_or_404(Verwijderverzoek.objects.select_related("user"), pk=pk)
    if verwijderen.annuleer(verzoek, door=request.user):
        messages.success(request, _("The request is cancelled. The account stays."))
    else:
        messages.info(request, _("This request was no longer waiting."))
    return redirect("verwijderen_beheer")


urlpatterns = [
    path("mijn-gegevens/verwijderen/", account_verwijderen, name="account_verwijderen"),
    path(
        "mijn-gegevens/verwijderen/intrekken/",
        verwijderen_intrekken,
        name="verwijderen_intrekken",
    ),
    path(
        "mijn-gegevens/verwijderen/annuleren/<str:token>/",
        verwijderen_annuleren,
        name="verwijderen_annuleren",
    ),
    path("coordinator/verwijderen/", verwijderen_beheer, name="verwijderen_beheer"),
    path(
        "coordinator/verwijderen/<int:pk>/annuleren/",
        verwijderen_beheer_annuleren,
        name="verwijderen_beheer_annuleren",
    ),
]
