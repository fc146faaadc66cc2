"""Intervisie: facilitators join groups and keep notes; coordinators set groups up and see
only that intervisie happened (counts).

Notes are for the active members of that intervisiegroep only: everyone else, the
coordinator included, gets 404 (Intervisiegroep.objects.zichtbaar_voor).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import intervisie
from ..intervisie_forms import IntervisiegroepForm, LidToevoegenForm, NotitieForm, PlanForm
from ..models import Intervisiebijeenkomst, Intervisiegroep, IntervisieLid


def _mijn_groep(user, pk) -> Intervisiegroep:
    return get_object_or_404(Intervisiegroep.objects.zichtbaar_voor(user), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def intervisie_overzicht(request):
    user = request.user
    mag_deelnemen = user.has_perm("groepen.join_intervisie")
    mag_beheren = user.has_perm("groepen.manage_intervisie")
    if not (mag_deelnemen or mag_beheren):
        raise PermissionDenied
    form = IntervisiegroepForm() if mag_beheren else None
    if request.method == "POST":
        if not mag_beheren:
            raise PermissionDenied
        form = IntervisiegroepForm(request.POST)
        if form.is_valid():
            groep = form.save()
            messages.success(
                request, _("The group is there. Now add facilitators, or let them join.")
            )
            return redirect("intervisie_beheer", pk=groep.pk)
    context = {
        "methoden": intervisie.methoden(),
        "mag_beheren": mag_beheren,
        "mag_deelnemen": mag_deelnemen,
        "form": form,
    }
    if mag_deelnemen:
        context["mijn_groepen"] = list(intervisie.mijn_groepen(user))
        context["andere_groepen"] = list(intervisie.andere_groepen(user))
    if mag_beheren:
        context["alle_groepen"] = list(intervisie.alle_groepen())
    return render(request, "groepen/intervisie/overzicht.html", context)


@require_POST
@login_required
@permission_required("groepen.join_intervisie", raise_exception=True)
def intervisie_deelnemen(request, pk):
    groep = get_object_or_404(Intervisiegroep, pk=pk)
    if intervisie.deelnemen(groep, request.user):
        messages.success(request, _("Welcome to %(group)s.") % {"group": groep.naam})
    else:
        messages.info(request, _("You are already in this group."))
    return redirect("intervisie_groep", pk=groep.pk)


@require_http_methods(["GET", "POST"])
@login_required
def intervisie_groep(request, pk):
    groep = _mijn_groep(request.user, pk)
    form = PlanForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        bijeenkomst = form.maak(groep, request.user)
        messages.success(request, _("The meeting is planned. Afterwards you can add notes here."))
        return redirect("intervisie_bijeenkomst", pk=bijeenkomst.pk)
    pagina = Paginator(intervisie.bijeenkomsten(groep), intervisie.PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    context = {
        "groep": groep,
        "leden": list(intervisie.actieve_leden(groep)),
        "pagina": pagina,
        "form": form,
        "methoden": intervisie.methoden(),
    }
    return render(request, "groepen/intervisie/groep.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def intervisie_verlaten(request, pk):
    groep = _mijn_groep(request.user, pk)
    if request.method == "POST":
        intervisie.verlaten(groep, request.user)
        messages.success(
            request,
            _("You have left %(group)s. You can join again whenever you like.")
            % {"group": groep.naam},
        )
        return redirect("intervisie")
    return render(request, "groepen/intervisie/verlaten.html", {"groep": groep})


@require_http_methods(["GET", "POST"])
@login_required
def intervisie_bijeenkomst(request, pk):
    bijeenkomst = get_object_or_404(
        Intervisiebijeenkomst.objects.filter(
            groep__in=Intervisiegroep.objects.zichtbaar_voor(request.user)
        ).select_related("groep"),
        pk=pk,
    )
    # Taken before the form is bound: an unsaved choice must not look saved.
    methode_label, methode_uitleg = (
        bijeenkomst.get_methode_display(),
        intervisie.uitleg(bijeenkomst.methode),
    )
    form = NotitieForm(
        request.POST if request.method == "POST" else None,
        instance=bijeenkomst,
        schrijver=request.user,
    )
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Your notes are saved. Only this group can read them."))
        toon_hulp_bij_signaal(request, *form.cleaned_data.values())
        return redirect("intervisie_bijeenkomst", pk=bijeenkomst.pk)
    context = {
        "bijeenkomst": bijeenkomst,
        "groep": bijeenkomst.groep,
        "form": form,
        "methode_label": methode_label,
        "methode_uitleg": methode_uitleg,
        "methoden": intervisie.methoden(),
    }
    return render(request, "groepen/intervisie/bijeenkomst.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("groepen.manage_intervisie", raise_exception=True)
def intervisie_beheer(request, pk):
    groep = get_object_or_404(Intervisiegroep, pk=pk)
    actie = request.POST.get("actie")
    gegevens_form = IntervisiegroepForm(instance=groep, prefix="groep")
    lid_form = LidToevoegenForm(prefix="lid")
    if actie == "gegevens":
        gegevens_form = IntervisiegroepForm(request.POST, instance=groep, prefix="groep")
        if gegevens_form.is_valid():
            gegevens_form.save()
            messages.success(request, _("Saved."))
            return redirect("intervisie_beheer", pk=groep.pk)
    elif actie == "toevoegen":
        lid_form = LidToevoegenForm(request.POST, prefix="lid")
        if lid_form.is_valid():
            if intervisie.deelnemen(groep, lid_form.user):
                messages.success(
                    request, _("%(name)s is now in the group.") % {"name": lid_form.user.roepnaam}
                )
            else:
                messages.info(
                    request,
                    _("%(name)s was already in the group.") % {"name": lid_form.user.roepnaam},
                )
            return redirect("intervisie_beheer", pk=groep.pk)
    elif actie == "verwijderen":
        # A changed form may send anything as the member: what is not a number is no one.
        lid_id = request.POST.get("lid", "")
        lid = get_object_or_404(
            IntervisieLid.objects.select_related("user"),
            groep=groep,
            pk=int(lid_id) if lid_id.isdecimal() and lid_id.isascii() else 0,
            actief=True,
        )
        intervisie.verlaten(groep, lid.user)
        messages.success(
            request, _("%(name)s is no longer in the group.") % {"name": lid.user.roepnaam}
        )
        return redirect("intervisie_beheer", pk=groep.pk)
    elif request.method == "POST":
        messages.error(request, _("That didn't work. Please try again."))
        return redirect("intervisie_beheer", pk=groep.pk)
    context = {
        "groep": groep,
        "leden": list(intervisie.actieve_leden(groep)),
        "gegevens_form": gegevens_form,
        "lid_form": lid_form,
    }
    return render(request, "groepen/intervisie/beheer.html", context)


@require_GET
@login_required
@permission_required("groepen.manage_intervisie", raise_exception=True)
def intervisie_cijfers(request):
    periode = intervisie.periode_uit(request.GET.get("periode"), request.GET.get("start"))
    context = {
        "periode": periode,
        "periodes": intervisie.PERIODES,
        **intervisie.cijfers(periode),
    }
    return render(request, "groepen/intervisie/cijfers.html", context)


urlpatterns = [
    path("intervisie/", intervisie_overzicht, name="intervisie"),
    path("intervisie/cijfers/", intervisie_cijfers, name="intervisie_cijfers"),
    path("intervisie/<int:pk>/", intervisie_groep, name="intervisie_groep"),
    path("intervisie/<int:pk>/deelnemen/", intervisie_deelnemen, name="intervisie_deelnemen"),
    path("intervisie/<int:pk>/verlaten/", intervisie_verlaten, name="intervisie_verlaten"),
    path("intervisie/<int:pk>/beheer/", intervisie_beheer, name="intervisie_beheer"),
    path(
        "intervisie/bijeenkomsten/<int:pk>/",
        intervisie_bijeenkomst,
        name="intervisie_bijeenkomst",
    ),
]
