"""Wishes to help: the person's page /meehelpen/ and the coordinator's /coordinator/meehelpen/.

Access: anyone signed in may offer to help; a wish is found only among its person's
own (404 for anyone else). The coordinator's pages need doorgroei.view_meehelpwensen
(403 otherwise). Logic and states: doorgroei/wensen.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal

from .. import wensen
from ..models import Meehelpwens
from ..wensen_forms import BesluitForm, MeehelpwensForm, UitnodigForm

PER_PAGINA = 25
S = Meehelpwens.Status

# --- The person ----------------------------------------------------------------------------


def _pagina(request, form, lopend, status=200):
    # The running wish, else one decided lately, on top; older ones below (one query).
    alle = list(wensen.van_persoon(request.user)[:10])
    actueel = lopend or next((w for w in alle[:1] if wensen.is_actueel(w)), None)
    eerder = [w for w in alle if w != actueel]
    for w in [actueel, *eerder]:
        if w is not None:
            w.stand = wensen.stand(w)
    context = {
        "form": form,
        "lopend": lopend,
        "actueel": actueel,
        "eerder": eerder,
        "mag_wijzigen": lopend is not None
        and request.user.has_perm("doorgroei.change_meehelpwens", lopend),
    }
    return render(request, "doorgroei/wensen/meehelpen.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("doorgroei.offer_help", raise_exception=True)
def meehelpen(request):
    lopend = wensen.lopende_wens(request.user)
    if request.method == "GET":
        initial = {}
        if lopend is not None:
            initial = {k: getattr(lopend, k) for k in ("manieren", "anders", "wanneer")}
        return _pagina(request, MeehelpwensForm(initial=initial), lopend)

    form = MeehelpwensForm(request.POST)
    if not form.is_valid():
        return _pagina(request, form, lopend, status=400)
    data = form.cleaned_data
    velden = {"manieren": data["manieren"], "anders": data["anders"], "wanneer": data["wanneer"]}
    if lopend is None:
        wensen.bied_aan(request.user, **velden)
        messages.success(request, _("Thank you! Your wish has been received."))
    elif wensen.wijzig(lopend, **velden):
        messages.success(request, _("Your wish has been changed."))
    else:
        # Decided on meanwhile (or later, which is no longer changed): what it says now.
        lopend = wensen.lopende_wens(request.user)
        messages.info(
            request,
            _("Your wish can no longer be changed, so nothing changed. Below is where it stands."),
        )
        return _pagina(request, form, lopend, status=409)
    toon_hulp_bij_signaal(request, data["anders"], data["wanneer"])
    return redirect("meehelpen")


@require_POST
@login_required
def meehelpen_intrekken(request, pk):
    wens = get_object_or_404(Meehelpwens, pk=pk, user=request.user)
    if wensen.trek_in(wens):
        messages.success(
            request, _("Your wish is withdrawn. You are always welcome to offer again later.")
        )
    else:
        wens = wensen.van_persoon(request.user).filter(pk=wens.pk).first()
        if wens is None:
            messages.info(request, _("This wish was already withdrawn."))
        else:
            messages.info(
                request,
                _("This wish was already decided on: %(stand)s") % {"stand": wensen.stand(wens)},
            )
    return redirect("meehelpen")


# --- The coordinator -----------------------------------------------------------------------


def _stand_coordinator(wens) -> str:
    """The state for the coordinator: "invited, by Inge on 3 May"."""
    if wens.status == S.NIEUW or wens.beslist_op is None:
        return wens.get_status_display()
    return _("%(status)s, by %(naam)s on %(datum)s") % {
        "status": wens.get_status_display(),
        "naam": wensen.naam_coordinator(wens),
        "datum": date_format(localtime(wens.beslist_op), "j F Y, H:i"),
    }


@require_GET
@login_required
@permission_required("doorgroei.view_meehelpwensen", raise_exception=True)
def lijst(request):
    later = request.GET.get("toon") == "later"
    wensen_qs = wensen.open_wensen((S.LATER,) if later else wensen.OPEN)
    pagina = Paginator(wensen_qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    for w in pagina.object_list:
        w.stand_coordinator = _stand_coordinator(w)
    context = {"pagina": pagina, "later": later}
    return render(request, "doorgroei/wensen/lijst.html", context)


def _detail(request, wens, uitnodig=None, besluit=None, status=200):
    beslisbaar = wens.status in wensen.TE_BESLISSEN
    if beslisbaar:
        uitnodig = uitnodig or UitnodigForm(initial={"versie": wens.versie})
        besluit = besluit or BesluitForm(
            initial={"versie": wens.versie, "soort": wensen.eerste_rol(wens)}
        )
    context = {
        "wens": wens,
        "stand_coordinator": _stand_coordinator(wens),
        "rol_tekst": wensen.rol_tekst(wens.rol) if wens.rol else "",
        "beslisbaar": beslisbaar,
        "uitnodigbaar": wens.status in (S.NIEUW, S.LATER),
        "uitnodig": uitnodig,
        "besluit": besluit,
    }
    return render(request, "doorgroei/wensen/detail.html", context, status=status)


def _wens(pk):
    return get_object_or_404(
        Meehelpwens.objects.select_related("user", "beslist_door", "rol__groep"), pk=pk
    )


def _ingetrokken(request):
    messages.info(request, _("This wish was withdrawn by the person. Nothing to decide."))
    return redirect("meehelpwensen")


@require_GET
@login_required
@permission_required("doorgroei.view_meehelpwensen", raise_exception=True)
def detail(request, pk):
    wens = _wens(pk)
    if wens.status == S.INGETROKKEN:
        return _ingetrokken(request)
    return _detail(request, wens)


def _conflict(request, uitkomst, form_class):
    """Someone was first: say so, show the wish as it is now, keep what was typed (with
    the current version, so a second try is a decision on what is shown now)."""
    wens = uitkomst.wens
    if wens.status == S.INGETROKKEN:
        return _ingetrokken(request)
    messages.warning(
        request,
        _(
            "Someone else just changed this wish, so your choice was not saved. "
            "Where it stands now: %(stand)s."
        )
        % {"stand": _stand_coordinator(wens)},
    )
    forms = {}
    if wens.status in wensen.TE_BESLISSEN:
        data = request.POST.copy()
        data[f"{form_class.prefix}-versie"] = str(wens.versie)
        forms = {"uitnodig" if form_class is UitnodigForm else "besluit": form_class(data)}
    return _detail(request, wens, status=409, **forms)


@require_POST
@login_required
@permission_required("doorgroei.decide_meehelpwens", raise_exception=True)
def uitnodigen(request, pk):
    wens = _wens(pk)
    if wens.status == S.INGETROKKEN:
        return _ingetrokken(request)
    form = UitnodigForm(request.POST)
    if not form.is_valid():
        return _detail(request, wens, uitnodig=form, status=400)
    data = form.cleaned_data
    uitkomst = wensen.nodig_uit(wens.pk, data["versie"], request.user, notitie=data["notitie"])
    if not uitkomst.gelukt:
        return _conflict(request, uitkomst, UitnodigForm)
    toon_hulp_bij_signaal(request, data["notitie"])
    messages.success(
        request,
        _("%(naam)s is invited and gets a notice. Agree on a moment together.")
        % {"naam": wens.user.roepnaam},
    )
    return redirect("meehelpwens", pk=wens.pk)


@require_POST
@login_required
@permission_required("doorgroei.decide_meehelpwens", raise_exception=True)
def besluit(request, pk):
    wens = _wens(pk)
    if wens.status == S.INGETROKKEN:
        return _ingetrokken(request)
    form = BesluitForm(request.POST)
    if not form.is_valid():
        return _detail(request, wens, besluit=form, status=400)
    data = form.cleaned_data
    gestart = data["uitkomst"] == S.GESTART
    uitkomst = wensen.beslis(
        wens.pk,
        data["versie"],
        request.user,
        uitkomst=data["uitkomst"],
        notitie=data["notitie"],
        soort=data["soort"] if gestart else "",
        groep=data["groep"] if gestart else None,
        omschrijving=data["omschrijving"] if gestart else "",
        begint_op=data["begint_op"] if gestart else None,
    )
    if not uitkomst.gelukt:
        return _conflict(request, uitkomst, BesluitForm)
    toon_hulp_bij_signaal(request, data["notitie"])
    messages.success(
        request,
        _("Saved: %(stand)s. %(naam)s gets a notice.")
        % {"stand": _stand_coordinator(uitkomst.wens), "naam": wens.user.roepnaam},
    )
    return redirect("meehelpwens", pk=wens.pk)


urlpatterns = [
    path("meehelpen/", meehelpen, name="meehelpen"),
    path("meehelpen/<int:pk>/intrekken/", meehelpen_intrekken, name="meehelpen_intrekken"),
    path("coordinator/meehelpen/", lijst, name="meehelpwensen"),
    path("coordinator/meehelpen/<int:pk>/", detail, name="meehelpwens"),
    path("coordinator/meehelpen/<int:pk>/uitnodigen/", uitnodigen, name="meehelpwens_uitnodigen"),
    path("coordinator/meehelpen/<int:pk>/besluit/", besluit, name="meehelpwens_besluit"),
]
