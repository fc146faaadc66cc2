"""The personal homes ("Mijn overzicht") per role, composed from the apps below."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from doorgroei import home as doorgroei_home
from groepen import kennismaking, overzicht
from groepen.models import Groep
from groepen.roles import rollen_van
from nazorg import missen, planning

from . import facilitator, naasten, openbaar
from .models import Heartbeat

# The coordinator's home lists this many nazits without a date, soonest first.
NAZIT_OP_HOME = 10


@require_GET
def home(request):
    """Send each person to the home of their widest role; a visitor without an account
    gets the academy's public home (who we are, the walk-in, what is coming up)."""
    if not request.user.is_authenticated:
        return render(request, "herstelacademie/openbaar_home.html", openbaar.home(request))
    rollen = rollen_van(request.user)
    if rollen.coordinator:
        return redirect("coordinator_home")
    if rollen.facilitator:
        return redirect("facilitator_home")
    return redirect("mijn_overzicht")


@require_GET
@login_required
def mijn_overzicht(request):
    context = overzicht.overzicht_deelnemer(request.user)
    context.update(naasten.home(request.user, context["groepen"]))
    # The giving-back blocks and the check-in offer, in one query (not one per block).
    context["doorgroei"] = doorgroei_home.voor_deelnemer(
        request.user, context["groepen"], rollen_van(request.user)
    )
    return render(request, "herstelacademie/mijn_overzicht.html", context)


@require_GET
@login_required
@permission_required("groepen.view_facilitator_home", raise_exception=True)
def facilitator_home(request):
    context = overzicht.overzicht_facilitator(request.user)
    groep_ids = [g.pk for g in context["groepen"]]
    # Unread shared reflections, the moderation queue and the giving-back block come from
    # the apps above groepen; composed here, in one query (facilitator.py).
    ongelezen, context["moderatie_open"], context["groei"] = facilitator.home(
        request.user, groep_ids
    )
    context["ongelezen"] = [(g, ongelezen[g.pk]) for g in context["groepen"] if g.pk in ongelezen]
    context["nazit_zonder_datum"], context["nazit_zonder_datum_totaal"] = planning.zonder_datum(
        groep_ids
    )
    # The groups they facilitate are those of the overview: no need to ask again.
    context["missen"] = missen.voor_facilitator(request.user, groep_ids=groep_ids)
    # Finished groups fold away, so the list stays short (no query: the status follows
    # from the dates already loaded).
    afgerond = Groep.Status.AFGEROND
    context["groepen_lopend"] = [g for g in context["groepen"] if g.status != afgerond]
    context["groepen_afgerond"] = [g for g in context["groepen"] if g.status == afgerond]
    # Open first-conversation requests, for hosts only (None for everyone else).
    # (No query for someone the roles of this request show is no host: groepen/rules.py.)
    context["kennismaking"] = kennismaking.overzicht_voor_host(request.user, met_afgerond=False)
    return render(request, "herstelacademie/facilitator_home.html", context)


@require_GET
@login_required
@permission_required("deelnemers.view_academy_overview", raise_exception=True)
def coordinator_home(request):
    context = overzicht.overzicht_academie()
    context["heartbeat_age"] = Heartbeat.age_seconds()
    context["nazit_zonder_datum"], context["nazit_zonder_datum_totaal"] = planning.zonder_datum(
        limit=NAZIT_OP_HOME
    )
    context["kennismaking_te_laat"] = kennismaking.te_laat()
    return render(request, "herstelacademie/coordinator_home.html", context)


@require_GET
@login_required
def mfa_required(request):
    """Explains why two-step verification is needed before a staff role can be used."""
    if not rollen_van(request.user).needs_mfa or is_mfa_enabled(request.user):
        return redirect("home")
    return render(request, "herstelacademie/mfa_required.html")
