"""The model mirror page and its CSV. Thin views over impact/modelspiegel.py."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from deelnemers.privacy import MIN_AGGREGATE
from herstelmodel.models import Stap
from lib.csv import csv_response

from .. import modelspiegel
from ..periode import periode_uit_request

BEKIJKEN = "impact.view_dashboard"


def _data(request):
    form, periode = periode_uit_request(request)
    data = modelspiegel.modelspiegel(periode, form.filters())
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return form, periode, data, query


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_modelspiegel(request):
    form, periode, data, query = _data(request)
    context = {
        "form": form,
        "periode": periode,
        "query": query,
        "min": MIN_AGGREGATE,
        "grafieken": modelspiegel.grafieken(data),
        "mensen_per_maand": zip(data["verdeling"].maanden, data["verdeling"].mensen, strict=True),
        **data,
    }
    return render(request, "impact/modelspiegel.html", context)


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_modelspiegel_csv(request):
    _form, periode, data, _query = _data(request)
    # Group names are typed by people: lib.csv guards every cell against formulas.
    rijen = []
    schrijf = rijen.append

    te_weinig = _("too little data")

    def cel(n):
        return te_weinig if n is None else n

    schrijf([_("Part"), _("Month"), _("Item"), _("People"), _("Notes")])
    verdeling = data["verdeling"]
    for i, maand in enumerate(verdeling.maanden):
        m = f"{maand:%Y-%m}"
        for stap in sorted(verdeling.per_stap):
            schrijf([_("Steps"), m, Stap(stap).label, cel(verdeling.per_stap[stap][i]), ""])
        schrijf([_("Steps"), m, _("Any step"), cel(verdeling.mensen[i]), ""])
    for deel, titel in (
        ("oorzaken", _("What made it click")),
        ("belemmeringen", _("What stood in the way")),
    ):
        for t in data["herkenning"][deel]:
            momenten = "" if t.momenten is None else t.momenten
            schrijf([titel, "", t.label, cel(t.mensen), momenten])
    for s in data["signalen"]:
        if s.groepen is None:
            schrijf([_("Signal"), "", s.titel, cel(s.aantal), ""])
            continue
        # Group signal: one row per group, counted in people (never fewer than 5).
        for groep, mensen in s.groepen or [("", 0)]:
            schrijf([_("Signal"), "", f"{s.titel}: {groep}" if groep else s.titel, mensen, ""])
    naam = f"modelspiegel-{periode.begin:%Y%m%d}-{periode.einde:%Y%m%d}.csv"
    return csv_response(naam, rijen)


urlpatterns = [
    path("coordinator/modelspiegel/", impact_modelspiegel, name="impact_modelspiegel"),
    path("coordinator/modelspiegel.csv", impact_modelspiegel_csv, name="impact_modelspiegel_csv"),
]
