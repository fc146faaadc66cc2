"""The privacy statement (public), accepting it, "My privacy", and publishing a new
version (coordinators). Thin views: the logic lives in privacy/toestemming.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nazorg import voorkeuren
from nazorg.models import DigestVoorkeur

from .. import toestemming
from ..models import Privacyverklaring, Toestemming
from ..toestemming_forms import AccepteerForm, PublicatieForm

# Publishing the statement is part of running the academy.
BEHEER_PERM = "deelnemers.manage_offer"


def _veilige_next(request, standaard="home"):
    """Only a path on this site: never an address elsewhere (open redirect)."""
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return reverse(standaard)


@require_GET
def privacyverklaring(request):
    verklaring = toestemming.geldende_verklaring()
    return _toon(request, verklaring)


@require_GET
def privacyverklaring_versie(request, versie):
    verklaring = Privacyverklaring.objects.filter(
        versie=versie, gepubliceerd_op__lte=timezone.now()
    ).first()
    if verklaring is None:
        raise Http404
    return _toon(request, verklaring)


def _toon(request, verklaring):
    versies = Privacyverklaring.objects.filter(gepubliceerd_op__lte=timezone.now()).only(
        "versie", "gepubliceerd_op"
    )
    geldend = toestemming.geldende_verklaring() if verklaring else None
    return render(
        request,
        "privacy/toestemming_verklaring.html",
        {
            "verklaring": verklaring,
            "blokken": toestemming.blokken(verklaring.tekst) if verklaring else [],
            "versies": versies,
            "is_geldend": verklaring is not None and verklaring == geldend,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def privacy_accepteren(request):
    doel = _veilige_next(request, standaard="mijn_overzicht")
    verklaring = toestemming.geldende_verklaring()
    if verklaring is None:
        return redirect(doel)
    form = AccepteerForm(
        request.POST if request.method == "POST" else None, initial={"versie": verklaring.versie}
    )
    if request.method == "POST":
        if form.is_valid():
            getoond = Privacyverklaring.objects.filter(
                versie=form.cleaned_data["versie"], gepubliceerd_op__lte=timezone.now()
            ).first()
            if getoond is not None:
                toestemming.accepteer(request.user, getoond, request=request)
            if getoond == verklaring:
                messages.success(request, _("Thank you. You can carry on where you were."))
                return redirect(doel)
        # A newer version appeared while this page was open, or the form was tampered
        # with: show the version in force, so people accept what they have read.
        messages.info(request, _("There is a newer version. Please read it first."))
        form = AccepteerForm(initial={"versie": verklaring.versie})
    elif toestemming.heeft_geaccepteerd(request.user, verklaring):
        return redirect(doel)
    vorige = (
        Toestemming.objects.filter(user=request.user)
        .select_related("verklaring")
        .order_by("-verklaring__versie")
    ).first()
    return render(
        request,
        "privacy/toestemming_accepteren.html",
        {
            "verklaring": verklaring,
            "blokken": toestemming.blokken(verklaring.tekst),
            "form": form,
            "next": doel,
            "vorige": vorige,
        },
    )


@require_GET
@login_required
def mijn_privacy(request):
    user = request.user
    digest = DigestVoorkeur.objects.filter(user=user).first()
    geldend = toestemming.geldende_verklaring()
    toestemmingen = list(
        Toestemming.objects.filter(user=user)
        .select_related("verklaring")
        .order_by("-verklaring__versie")
    )
    geaccepteerd = {t.verklaring_id for t in toestemmingen}
    context = {
        "geldend": geldend,
        "geldend_geaccepteerd": geldend is not None and geldend.pk in geaccepteerd,
        "toestemmingen": toestemmingen,
        "nazit_email": voorkeuren.algemeen(user).nazit_email,
        "digest": bool(digest and digest.wekelijks),
    }
    return render(request, "privacy/mijn_privacy.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required(BEHEER_PERM, raise_exception=True)
def privacy_beheer(request):
    geldend = toestemming.geldende_verklaring()
    # Coordinators start from the text in force and change what is needed.
    form = PublicatieForm(
        request.POST if request.method == "POST" else None,
        initial={"tekst": geldend.tekst if geldend else ""},
    )
    if request.method == "POST" and form.is_valid():
        verklaring = toestemming.publiceer(
            samenvatting=form.cleaned_data["samenvatting"],
            tekst=form.cleaned_data["tekst"],
            door=request.user,
        )
        messages.success(
            request,
            _("Version %(versie)s is published. Everyone accepts it at their next visit.")
            % {"versie": verklaring.versie},
        )
        return redirect("privacy_beheer")
    status = 400 if form.errors else 200
    context = {"form": form, "versies": toestemming.versies_met_aantallen()}
    return render(request, "privacy/toestemming_beheer.html", context, status=status)


urlpatterns = [
    path("privacy/", privacyverklaring, name="privacyverklaring"),
    path("privacy/versie/<int:versie>/", privacyverklaring_versie, name="privacyverklaring_versie"),
    path("privacy/accepteren/", privacy_accepteren, name="privacy_accepteren"),
    path("mijn-gegevens/privacy/", mijn_privacy, name="mijn_privacy"),
    path("coordinator/privacy/", privacy_beheer, name="privacy_beheer"),
]
