"""The societal value report: the page (printable), its PDF and CSV, and the assumptions.

Thin views; the figures come from impact/waarde.py, the PDF from impact/pdf.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from deelnemers.privacy import MIN_AGGREGATE
from lib.csv import csv_response

from .. import gemeten, pdf, waarde
from ..periode import periode_uit_request, standaard_periode
from ..waarde_forms import AannamesForm, TerugForm

BEKIJKEN = "impact.view_dashboard"
WIJZIGEN = "impact.edit_assumptions"


def _rapport(request):
    form, periode = periode_uit_request(request)
    rapport = waarde.rapport(periode, form.filters())
    # Links to the PDF and CSV carry the same choice, but only a valid one.
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return form, rapport, query


def _bestandsnaam(rapport, extensie):
    p = rapport.periode
    return f"maatschappelijke-waarde-{p.begin:%Y%m%d}-{p.einde:%Y%m%d}.{extensie}"


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_waarde(request):
    form, rapport, query = _rapport(request)
    context = {
        "form": form,
        "rapport": rapport,
        "query": query,
        "pm": waarde.PM_EFFECTEN,
        "schatting": waarde.SCHATTING,
        "studie": waarde.STUDIE,
        "min": MIN_AGGREGATE,
        "mag_wijzigen": request.user.has_perm(WIJZIGEN),
    }
    return render(request, "impact/waarde.html", context)


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_waarde_pdf(request):
    _form, rapport, _query = _rapport(request)
    response = HttpResponse(pdf.waarde_pdf(rapport), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_bestandsnaam(rapport, "pdf")}"'
    return response


def _getal(bedrag, decimalen=2):
    return number_format(bedrag, decimal_pos=decimalen, use_l10n=True)


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_waarde_csv(request):
    _form, rapport, _query = _rapport(request)
    rijen = []
    schrijf = rijen.append
    te_weinig = _("too little data")
    p = rapport.periode
    schrijf([_("Part"), _("Item"), _("Value"), _("Unit"), _("Source")])
    schrijf([_("Period"), p.label, f"{p.begin:%Y-%m-%d} – {p.einde:%Y-%m-%d}", "", ""])
    if f := pdf.filters_tekst(rapport.filters):
        schrijf([_("Period"), _("Only"), f, "", ""])
    schrijf([_("Period"), _("Days in the period"), p.dagen, _("days"), ""])
    schrijf(
        [
            _("Figures"),
            _("Active participants in the period"),
            te_weinig if rapport.deelnemers is None else rapport.deelnemers,
            _("people"),
            "",
        ]
    )
    schrijf(
        [
            _("Figures"),
            _("Value per participant per year"),
            _getal(rapport.waarde.per_deelnemer),
            _("euro"),
            "",
        ]
    )
    schrijf(
        [
            _("Figures"),
            _("Value for the period"),
            te_weinig if rapport.totaal is None else _getal(rapport.totaal),
            _("euro"),
            "",
        ]
    )
    for regel in rapport.waarde.regels:
        schrijf([_("Line"), regel.definitie.titel, _getal(regel.bedrag), _("euro"), ""])
        for a in regel.aannames:
            bron = a.versie.bron if a.gewijzigd and a.versie else a.definitie.bron
            # The assumed value, also when the line computes with the measured figure
            # (that one is in the rows "Measured in this academy" below).
            schrijf(
                [
                    _("Assumption"),
                    a.definitie.label,
                    number_format(waarde.schoon(a.aangenomen_waarde), use_l10n=True),
                    a.definitie.eenheid,
                    bron,
                ]
            )
    for a in rapport.gemeten:
        schrijf(
            [
                _("Measured in this academy"),
                a.definitie.label,
                pdf.gemeten_tekst(a.meting).rstrip("%"),
                a.definitie.eenheid,
                _("%(n)s people answered; this report uses %(gebruikt)s")
                % {
                    "n": a.meting.mensen
                    if a.meting.toonbaar or not a.meting.mensen
                    else _("fewer than %(n)s") % {"n": MIN_AGGREGATE},
                    "gebruikt": pdf.gebruikt_tekst(a),
                },
            ]
        )
    for naam, _uitleg in waarde.PM_EFFECTEN:
        schrijf([_("Not in money"), naam, "PM", "", ""])
    return csv_response(_bestandsnaam(rapport, "csv"), rijen)


def _terug(request):
    form = TerugForm({"sleutel": request.POST.get("terug")})
    if form.is_valid():
        sleutel = form.cleaned_data["sleutel"]
        if waarde.zet_terug(request.user, sleutel):
            messages.success(
                request,
                _("“%(naam)s” is back to the study's value.")
                % {"naam": waarde.PER_SLEUTEL[sleutel].label},
            )
    return redirect("impact_aannames")


@require_http_methods(["GET", "POST"])
@login_required
@permission_required(WIJZIGEN, raise_exception=True)
def impact_aannames(request):
    if request.method == "POST" and "terug" in request.POST:
        return _terug(request)
    versies = waarde.huidige_versies()
    huidig = waarde.huidige_waarden(versies)
    form = AannamesForm(
        request.POST or None,
        huidig=huidig,
        gemeten=waarde.gekozen_gemeten(versies),
        metingen=gemeten.metingen(standaard_periode()),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            gewijzigd = waarde.wijzig(
                request.user,
                form.nieuwe_waarden(),
                bron=form.cleaned_data["bron"],
                gemeten=form.gemeten(),
            )
            if gewijzigd:
                messages.success(
                    request,
                    ngettext(
                        "Saved. %(n)s assumption changed; the report uses it from now on.",
                        "Saved. %(n)s assumptions changed; the report uses them from now on.",
                        len(gewijzigd),
                    )
                    % {"n": len(gewijzigd)},
                )
            else:
                messages.info(request, _("Nothing changed: all values were the same as before."))
            return redirect("impact_aannames")
        status = 400
    afwijkend = [
        (a, huidig[a.sleutel]) for a in waarde.AANNAMES if huidig[a.sleutel] != a.standaard
    ]
    pagina = Paginator(waarde.geschiedenis(), 25).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "afwijkend": afwijkend,
        "pagina": pagina,
        "per_sleutel": waarde.PER_SLEUTEL,
    }
    return render(request, "impact/waarde_aannames.html", context, status=status)


urlpatterns = [
    path("coordinator/waarde/", impact_waarde, name="impact_waarde"),
    path("coordinator/waarde.pdf", impact_waarde_pdf, name="impact_waarde_pdf"),
    path("coordinator/waarde.csv", impact_waarde_csv, name="impact_waarde_csv"),
    path("coordinator/waarde/aannames/", impact_aannames, name="impact_aannames"),
]
