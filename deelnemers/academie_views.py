"""The academy's identity: the coordinator's settings page, and its colour and logo as
small public files (no personal data; every page, also the login page, uses them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.hulp import toon_hulp_bij_signaal

from .academie import donkerder, huidige_academie
from .academie_forms import AcademieForm
from .models import Academie

# The URLs of the colour and logo carry the row's version (?v=...), so browsers may keep
# them for a long time: a change gives a new URL.
EEN_JAAR = 365 * 24 * 3600


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("deelnemers.manage_offer", raise_exception=True)
def academie_instellingen(request):
    academie = huidige_academie()
    form = AcademieForm(request.POST or None, request.FILES or None, instance=academie)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            toon_hulp_bij_signaal(request, *form.teksten())
            messages.success(request, _("Saved. Pages, mails and PDFs now use these details."))
            return redirect("academie_instellingen")
        status = 400
    else:
        status = 200
    context = {"form": form, "heeft_logo": bool(academie.logo_type)}
    return render(request, "deelnemers/academie.html", context, status=status)


def _lang_bewaren(response):
    response["Cache-Control"] = f"public, max-age={EEN_JAAR}, immutable"
    return response


@require_GET
def academie_kleur(request):
    """The brand colour as CSS variables (the security policy allows no inline styles)."""
    kleur = huidige_academie().kleur
    css = f":root {{ --accent: {kleur}; --accent-hover: {donkerder(kleur)}; }}\n"
    return _lang_bewaren(HttpResponse(css, content_type="text/css; charset=utf-8"))


@require_GET
def academie_logo(request):
    academie = huidige_academie()
    if not academie.logo_type:
        raise Http404
    rij = Academie.objects.filter(pk=academie.pk).values("logo", "logo_type", "bijgewerkt_op")
    rij = rij.first()
    if not rij or not rij["logo"]:
        raise Http404
    response = HttpResponse(bytes(rij["logo"]), content_type=rij["logo_type"])
    response["Last-Modified"] = http_date(rij["bijgewerkt_op"].timestamp())
    response["X-Content-Type-Options"] = "nosniff"
    return _lang_bewaren(response)


urlpatterns = [
    path("coordinator/academie/", academie_instellingen, name="academie_instellingen"),
    path("academie/kleur.css", academie_kleur, name="academie_kleur"),
    path("academie/logo", academie_logo, name="academie_logo"),
]
