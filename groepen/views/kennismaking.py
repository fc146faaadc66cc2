"""First conversation (kennismaking): the public form, the hosts' list, the coordinator's page.

Access: the form and its thank-you page are public. The list and its actions are for
hosts (groepen.host_kennismaking): anyone else gets 403 on the list and 404 on a single
request (whether it exists is not theirs to know). Hosts see phone numbers of people who
have no account, so they need two-step verification, like facilitators. The coordinator
chooses the hosts (a host role, groepen/rollen.py; the coordinator's roles page at
/coordinator/vrijwilligers/ starts and ends the same roles) and sees the requests that
waited too long (deelnemers.manage_offer).
"""

from allauth.account.adapter import get_adapter
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal
from lib.urls import veilige_next

from .. import kennismaking as logica
from ..kennismaking_forms import AfrondForm, HostForm, KennismakingForm
from ..models import Kennismaking
from ..models.kennismaking import actieve_hosts

HONINGPOT = "website"
BEDANKT_SESSIE = "kennismaking_bedankt"


# --- Public ----------------------------------------------------------------------------


def _formulier(request, form, status=200):
    context = {"form": form, "bewaardagen": logica.bewaardagen()}
    return render(request, "groepen/kennismaking/formulier.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def kennismaken(request):
    if request.method == "GET":
        initial = {"soort": request.GET.get("soort")}
        if initial["soort"] not in Kennismaking.Soort.values:
            initial["soort"] = Kennismaking.Soort.GESPREK
        if request.user.is_authenticated:
            initial.update(voornaam=request.user.roepnaam, email=request.user.email)
        return _formulier(request, KennismakingForm(initial=initial))

    form = KennismakingForm(request.POST)
    if not form.is_valid():
        return _formulier(request, form, status=400)
    if not logica.reserveer_plek(get_adapter(request).get_client_ip(request)):
        form.add_error(
            None,
            _(
                "Many requests came from your address in the last hour, so we did not save "
                "this one yet. Your text is still here: please try again in an hour. "
                "Or just drop in at the walk-in."
            ),
        )
        return _formulier(request, form, status=429)
    data = form.cleaned_data
    # A filled-in honeypot is a robot (the field is hidden from people and screen
    # readers). It gets the same thank-you page, so it learns nothing, and nothing is
    # stored or mailed.
    if not request.POST.get(HONINGPOT):
        logica.vraag_aan(
            soort=data["soort"],
            voornaam=data["voornaam"],
            email=data["email"],
            telefoon=data["telefoon"],
            wens=data["wens"],
            user=request.user,
        )
    toon_hulp_bij_signaal(request, data["wens"])
    # Only what the thank-you page needs; the request itself is not in the session.
    request.session[BEDANKT_SESSIE] = {
        "voornaam": data["voornaam"],
        "soort": data["soort"],
        "mail": bool(data["email"]),
    }
    return redirect("kennismaken_bedankt")


@never_cache
@require_GET
def bedankt(request):
    gegevens = request.session.pop(BEDANKT_SESSIE, None) or {}
    context = {
        "voornaam": gegevens.get("voornaam", ""),
        "inloop": gegevens.get("soort") == Kennismaking.Soort.INLOOP,
        "mail": gegevens.get("mail", False),
        "termijn": logica.WACHT_WERKDAGEN,
        "bewaardagen": logica.bewaardagen(),
    }
    return render(request, "groepen/kennismaking/bedankt.html", context)


# --- Hosts -----------------------------------------------------------------------------


def _host(request, *, object_view=False):
    """The host's own user; 403 (list) or 404 (a single request) for anyone else."""
    if not logica.is_host(request.user):
        raise Http404 if object_view else PermissionDenied
    return request.user


def _geen_tweestaps(request):
    return render(request, "groepen/kennismaking/tweestaps.html", status=403)


def _lijst(request, afrond_forms=None, status=200):
    overzicht = logica.overzicht_voor_host(request.user)
    afrond_forms = afrond_forms or {}
    for k in overzicht.mijn:
        k.afrond_form = afrond_forms.get(k.pk) or AfrondForm(prefix=f"k{k.pk}")
    context = {"overzicht": overzicht, "termijn": logica.WACHT_WERKDAGEN}
    return render(request, "groepen/kennismaking/lijst.html", context, status=status)


@never_cache
@require_GET
@login_required
def lijst(request):
    _host(request)
    if not is_mfa_enabled(request.user):
        return _geen_tweestaps(request)
    return _lijst(request)


def _terug(request):
    return redirect(veilige_next(request, reverse("kennismakingen")))


@require_POST
@login_required
def oppakken(request, pk):
    host = _host(request, object_view=True)
    if not is_mfa_enabled(host):
        return _geen_tweestaps(request)
    kennismaking = get_object_or_404(Kennismaking.objects.zichtbaar_voor_host(host), pk=pk)
    via = request.POST.get("via")
    if via not in Kennismaking.Via.values:
        messages.error(request, _("That didn't work. Please tap the button again."))
        return _terug(request)
    if logica.pak_op(kennismaking.pk, host, via):
        bericht = (
            _("Thank you! You call %(naam)s. When you have talked, mark it as done.")
            if via == Kennismaking.Via.BELLEN
            else _("Thank you! You email %(naam)s. When you have been in touch, mark it as done.")
        )
        messages.success(request, bericht % {"naam": kennismaking.voornaam})
    else:
        kennismaking.refresh_from_db(fields=["opgepakt_door", "afgerond_op"])
        ander = kennismaking.opgepakt_door
        if ander is not None and ander.pk != host.pk:
            messages.info(
                request,
                _("%(host)s just picked up the request of %(naam)s. Nothing more to do for you.")
                % {"host": ander.roepnaam, "naam": kennismaking.voornaam},
            )
        else:
            messages.info(request, _("This request was already picked up."))
    return _terug(request)


@require_POST
@login_required
def afronden(request, pk):
    host = _host(request, object_view=True)
    if not is_mfa_enabled(host):
        return _geen_tweestaps(request)
    kennismaking = get_object_or_404(Kennismaking.objects.zichtbaar_voor_host(host), pk=pk)
    form = AfrondForm(request.POST, prefix=f"k{kennismaking.pk}")
    if not form.is_valid():
        return _lijst(request, {kennismaking.pk: form}, status=400)
    notitie = form.cleaned_data["notitie"]
    if logica.rond_af(kennismaking.pk, host, notitie):
        messages.success(
            request,
            _("Done: the request of %(naam)s is closed. Thank you for the welcome.")
            % {"naam": kennismaking.voornaam},
        )
        toon_hulp_bij_signaal(request, notitie)
    else:
        messages.info(
            request,
            _("Only the host who picked up this request can close it, and only once."),
        )
    return _terug(request)


# --- Coordinator -----------------------------------------------------------------------


def _hosts_pagina(request, form, status=200):
    context = {
        "form": form,
        "hosts": actieve_hosts().select_related("user").order_by("user__roepnaam", "pk"),
        "te_laat": logica.te_laat(),
        "termijn": logica.WACHT_WERKDAGEN,
    }
    return render(request, "groepen/kennismaking/hosts.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@permission_required("deelnemers.manage_offer", raise_exception=True)
def hosts(request):
    if request.method == "GET":
        return _hosts_pagina(request, HostForm())
    form = HostForm(request.POST)
    if not form.is_valid():
        return _hosts_pagina(request, form, status=400)
    host, nieuw = logica.maak_host(form.user, door=request.user)
    if nieuw:
        logica.stuur_welkom_later(host.pk)
        messages.success(
            request,
            _("%(naam)s is now a host and gets an email with where to find the requests.")
            % {"naam": host.user.roepnaam},
        )
    else:
        messages.info(request, _("%(naam)s was already a host.") % {"naam": host.user.roepnaam})
    return redirect("kennismaking_hosts")


@require_POST
@login_required
@permission_required("deelnemers.manage_offer", raise_exception=True)
def host_stoppen(request, pk):
    host = get_object_or_404(actieve_hosts().select_related("user"), pk=pk)
    terug = logica.stop_host(host.user)
    bericht = _("%(naam)s is no longer a host.") % {"naam": host.user.roepnaam}
    if terug:
        bericht += " " + _("The requests they had picked up are open again for the other hosts.")
    messages.success(request, bericht)
    return redirect("kennismaking_hosts")


urlpatterns = [
    path("kennismaken/", kennismaken, name="kennismaken"),
    path("kennismaken/bedankt/", bedankt, name="kennismaken_bedankt"),
    path("kennismaken/verzoeken/", lijst, name="kennismakingen"),
    path("kennismaken/verzoeken/<int:pk>/oppakken/", oppakken, name="kennismaking_oppakken"),
    path("kennismaken/verzoeken/<int:pk>/afronden/", afronden, name="kennismaking_afronden"),
    path("kennismaken/hosts/", hosts, name="kennismaking_hosts"),
    path("kennismaken/hosts/<int:pk>/stoppen/", host_stoppen, name="kennismaking_host_stoppen"),
]
