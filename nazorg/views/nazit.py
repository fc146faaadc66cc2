"""Nazit pages: the nazit plan, nazit moments, one-click answers and unsubscribing, and the
coordinator's overview. Thin views: the logic lives in planning.py, rsvp.py and
herinneringen.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groepen.models import Aanbod
from lib.hulp import toon_hulp_bij_signaal

from .. import overzicht, planning, rsvp, voorkeuren
from ..forms import AanwezigheidForm, AntwoordForm, MomentForm, PlanStapForm

ONE_CLICK_BODY = b"List-Unsubscribe=One-Click"


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("deelnemers.manage_offer", raise_exception=True)
def nazit_plan(request, pk):
    aanbod = get_object_or_404(Aanbod, pk=pk)
    eigen = list(aanbod.nazit_plan.values_list("dagen_na_einde", flat=True))
    form = PlanStapForm(bestaand=eigen)
    status = 200
    if request.method == "POST":
        huidig = eigen or list(planning.plan_dagen(aanbod))
        if "verwijder" in request.POST:
            try:
                weg = int(request.POST["verwijder"])
            except ValueError:
                weg = None
            nieuw = [d for d in huidig if d != weg]
            if not nieuw:
                messages.error(request, _("A plan needs at least one step."))
            else:
                planning.zet_plan(aanbod, nieuw)
                messages.success(request, _("The step was removed from the plan."))
            return redirect("nazit_plan", pk=aanbod.pk)
        form = PlanStapForm(request.POST, bestaand=huidig)
        if form.is_valid():
            planning.zet_plan(aanbod, [*huidig, form.cleaned_data["dagen"]])
            messages.success(request, _("The step was added to the plan."))
            return redirect("nazit_plan", pk=aanbod.pk)
        status = 400
    context = {
        "aanbod": aanbod,
        "dagen": eigen or planning.plan_dagen(aanbod),
        "standaard": not eigen,
        "is_cursus": aanbod.soort == Aanbod.Soort.CURSUS,
        "form": form,
    }
    return render(request, "nazorg/nazit_plan.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def nazit_moment(request, pk):
    moment = get_object_or_404(
        planning.momenten_voor(request.user).select_related("groep__plek", "groep__aanbod__plek"),
        pk=pk,
    )
    if not planning.mag_moment_plannen(request.user, moment.groep):
        raise PermissionDenied
    namen = planning.mag_aanwezigheid_invullen(request.user, moment.groep)
    begonnen = planning.is_begonnen(moment)
    herinneringen = planning.aanwezigheid_lijst(moment) if namen and begonnen else []
    aanwezigheid = request.method == "POST" and request.POST.get("actie") == "aanwezigheid"
    aanwezig_form = AanwezigheidForm(
        request.POST if aanwezigheid else None, herinneringen=herinneringen
    )
    initial = {"begint_om": moment.begint_om and timezone.localtime(moment.begint_om)}
    form = MomentForm(
        request.POST if request.method == "POST" and not aanwezigheid else None,
        initial={**initial, "locatie": moment.locatie, "notitie": moment.notitie},
        plaatsen=planning.plaatsen_van(moment.groep),
    )
    status = 200
    if aanwezigheid:
        if not namen:
            raise PermissionDenied
        if not begonnen:
            messages.error(request, _("Attendance can be filled in once the meeting has started."))
            return redirect("nazit_moment", pk=moment.pk)
        if aanwezig_form.is_valid():
            planning.zet_aanwezigheid(moment, aanwezig_form.cleaned_data["aanwezig"])
            messages.success(request, _("Saved who was there."))
            return redirect("nazit_moment", pk=moment.pk)
        status = 400
    elif request.method == "POST":
        if form.is_valid():
            gegevens = form.cleaned_data
            n = planning.zet_bijeenkomst(
                moment, gegevens["begint_om"], gegevens["locatie"], gegevens["notitie"]
            )
            messages.success(request, _opgeslagen_bericht(n))
            toon_hulp_bij_signaal(request, gegevens["notitie"])
            return redirect("nazit_moment", pk=moment.pk)
        status = 400
    if aanwezig_form.is_bound:
        aangevinkt = {int(v) for v in request.POST.getlist("aanwezig") if v.isdigit()}
    else:
        aangevinkt = planning.aangevinkt(herinneringen)
    context = {
        "moment": moment,
        "form": form,
        "begonnen": begonnen,
        "namen": namen,
        "herinneringen": herinneringen,
        "aanwezig_form": aanwezig_form,
        "aangevinkt": aangevinkt,
        "cijfers": None if namen else planning.moment_cijfers(moment),
    }
    return render(request, "nazorg/nazit_moment.html", context, status=status)


@require_POST
@login_required
def nazit_afgelasten(request, pk):
    """Call a nazit off (one tap after the page asked "are you sure", see the template)."""
    moment = get_object_or_404(planning.momenten_voor(request.user).select_related("groep"), pk=pk)
    if not planning.mag_moment_plannen(request.user, moment.groep):
        raise PermissionDenied
    if moment.afgelast or planning.is_begonnen(moment):
        messages.error(request, _("This follow-up meeting can no longer be called off."))
    else:
        messages.success(request, _afgelast_bericht(planning.afgelasten(moment)))
    return redirect("nazit_moment", pk=moment.pk)


def _opgeslagen_bericht(n: int) -> str:
    if not n:
        return _("Saved. Invitations that have not gone out yet will show this date and place.")
    return ngettext(
        "Saved. %(n)d person who was already invited gets a message in about 15 minutes "
        "(with a calendar entry). If you change something before then, they only get the "
        "latest.",
        "Saved. %(n)d people who were already invited get a message in about 15 minutes "
        "(with a calendar entry). If you change something before then, they only get the "
        "latest.",
        n,
    ) % {"n": n}


def _afgelast_bericht(n: int) -> str:
    if not n:
        return _("The follow-up meeting is called off. Nobody had been invited yet.")
    return ngettext(
        "The follow-up meeting is called off. %(n)d person who was invited is told now.",
        "The follow-up meeting is called off. %(n)d people who were invited are told now.",
        n,
    ) % {"n": n}


def _link_fout(request, exc):
    verlopen = isinstance(exc, rsvp.VerlopenLink)
    return render(
        request,
        "nazorg/link_fout.html",
        {"verlopen": verlopen},
        status=410 if verlopen else 400,
    )


@require_http_methods(["GET", "POST"])
def rsvp_view(request, token):
    try:
        herinnering, antwoord = rsvp.lees_rsvp_token(token)
    except (rsvp.OngeldigeLink, rsvp.VerlopenLink) as exc:
        return _link_fout(request, exc)
    form = AntwoordForm(request.POST or None, initial={"antwoord": antwoord})
    context = {"herinnering": herinnering, "form": form, "gekozen": antwoord}
    if herinnering.moment.afgelast:
        # Nothing to answer; the page says so (409 for a POST: it was not saved).
        return render(
            request, "nazorg/rsvp.html", context, status=409 if request.method == "POST" else 200
        )
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "nazorg/rsvp.html", context, status=400)
        uitkomst = rsvp.beantwoord(herinnering, form.cleaned_data["antwoord"])
        context.update(klaar=True, uitkomst=uitkomst, antwoord=form.cleaned_data["antwoord"])
    return render(request, "nazorg/rsvp.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def uitschrijven_nazit(request, token):
    """Unsubscribe from one group's reminders. CSRF applies, except for the exact RFC 8058
    one-click body that mail programs POST to the List-Unsubscribe address."""
    if request.method == "POST" and request.body != ONE_CLICK_BODY:
        geweigerd = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if geweigerd is not None:
            return geweigerd
    try:
        herinnering = rsvp.lees_afmeld_token(token)
    except (rsvp.OngeldigeLink, rsvp.VerlopenLink) as exc:
        return _link_fout(request, exc)
    context = {"herinnering": herinnering, "al_afgemeld": voorkeuren.is_afgemeld(herinnering)}
    if request.method == "POST":
        context["gestopt"] = voorkeuren.stop_herinneringen(herinnering.user, herinnering.groep)
        context["klaar"] = True
    return render(request, "nazorg/uitschrijven.html", context)


@require_GET
@login_required
@permission_required("deelnemers.view_academy_overview", raise_exception=True)
def nazorg_overzicht(request):
    context = overzicht.overzicht(request.GET.get("pagina"))
    context["nazit_zonder_datum"], context["nazit_zonder_datum_totaal"] = planning.zonder_datum(
        limit=50
    )
    return render(request, "nazorg/overzicht.html", context)


urlpatterns = [
    path("beheer/aanbod/<int:pk>/nazit/", nazit_plan, name="nazit_plan"),
    path("nazit/<int:pk>/", nazit_moment, name="nazit_moment"),
    path("nazit/<int:pk>/afgelasten/", nazit_afgelasten, name="nazit_afgelasten"),
    path("nazit/antwoord/<str:token>/", rsvp_view, name="rsvp"),
    path("nazit/afmelden/<str:token>/", uitschrijven_nazit, name="uitschrijven_nazit"),
    path("nazorg/", nazorg_overzicht, name="nazorg_overzicht"),
]
