"""Who is in the community and who looks in: a host welcomes someone, a coordinator names
moderators, a coordinator or moderator sets a space's moderation hours. Thin views: the
logic lives in nazorg/toegang.py. None of these pages shows a post."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import toegang
from ..models import Ruimte
from ..models.toegang import moderatoren_van, moderatorrollen
from ..moderatie import ruimtes_gemodereerd_door
from ..toegang_forms import KijkurenForm, ModeratorForm, WelkomForm

BEHEER = "nazorg.manage_community"


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("nazorg.welcome_community", raise_exception=True)
def welkom(request):
    form = WelkomForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            toegang.verwelkom(request.user, email)
            # The same words whether or not the address has an account.
            messages.success(
                request,
                _(
                    "Thank you. If %(email)s belongs to an account here, that person can now "
                    "come into the community and gets a notice. No account yet? Ask them to "
                    "make one with this address, then welcome them again."
                )
                % {"email": email},
            )
            return redirect("community_welkom")
        return render(request, "nazorg/toegang/welkom.html", {"form": form}, status=400)
    return render(request, "nazorg/toegang/welkom.html", {"form": form})


@require_http_methods(["GET"])
@login_required
@permission_required(BEHEER, raise_exception=True)
def beheer(request):
    ruimtes = list(toegang.ruimtes_voor_beheer())
    for ruimte in ruimtes:
        ruimte.kijkuren = toegang.kijkuren_tekst(ruimte)
    return render(request, "nazorg/toegang/beheer.html", {"ruimtes": ruimtes})


def _ruimte_om_in_te_stellen(request, pk):
    """Coordinators may set up every space; a moderator the spaces they moderate; a
    space someone else moderates is 404, as anywhere else."""
    user = request.user
    if user.has_perm(BEHEER):
        return get_object_or_404(Ruimte.objects.select_related("groep"), pk=pk)
    if not user.has_perm("nazorg.moderate"):
        raise PermissionDenied
    return get_object_or_404(ruimtes_gemodereerd_door(user).select_related("groep"), pk=pk)


def _instellingen(request, ruimte, form, moderator_form, status=200):
    context = {
        "ruimte": ruimte,
        "form": form,
        "kijkuren": toegang.kijkuren_tekst(ruimte),
        "beheer": request.user.has_perm(BEHEER),
        "moderator_form": moderator_form,
        "moderatoren": moderatoren_van(ruimte),
    }
    return render(request, "nazorg/toegang/instellingen.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def instellingen(request, pk):
    ruimte = _ruimte_om_in_te_stellen(request, pk)
    form = KijkurenForm(request.POST or None, instance=ruimte)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved. Members see the new times in the space."))
            return redirect("ruimte_instellingen", pk=ruimte.pk)
        ruimte.refresh_from_db()
        return _instellingen(request, ruimte, form, ModeratorForm(), status=400)
    return _instellingen(request, ruimte, form, ModeratorForm())


@require_POST
@login_required
@permission_required(BEHEER, raise_exception=True)
def moderator_toevoegen(request, pk):
    ruimte = get_object_or_404(Ruimte.objects.select_related("groep"), pk=pk)
    form = ModeratorForm(request.POST)
    if form.is_valid():
        if toegang.stel_moderator_aan(request.user, ruimte, form.cleaned_data["email"]):
            messages.success(request, _("Saved. Members see this moderator in the space."))
            return redirect("ruimte_instellingen", pk=ruimte.pk)
        form.add_error("email", _("We found no account with this address. Check for typos."))
    return _instellingen(request, ruimte, KijkurenForm(instance=ruimte), form, status=400)


@require_POST
@login_required
@permission_required(BEHEER, raise_exception=True)
def moderator_verwijderen(request, pk):
    rol = get_object_or_404(moderatorrollen().select_related("user"), pk=pk)
    ruimte = toegang.ruimte_van_rol(rol)
    if ruimte is None:
        raise Http404
    toegang.verwijder_moderator(request.user, rol, ruimte)
    messages.success(request, _("Removed. This person no longer looks in on this space."))
    return redirect("ruimte_instellingen", pk=ruimte.pk)


urlpatterns = [
    path("community/welkom/", welkom, name="community_welkom"),
    path("community/beheer/", beheer, name="community_beheer"),
    path("community/<int:pk>/instellingen/", instellingen, name="ruimte_instellingen"),
    path("community/<int:pk>/moderatoren/", moderator_toevoegen, name="moderator_toevoegen"),
    path(
        "community/moderatoren/<int:pk>/verwijderen/",
        moderator_verwijderen,
        name="moderator_verwijderen",
    ),
]
