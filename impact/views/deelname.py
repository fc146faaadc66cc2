"""The participation dashboard, its CSV, and the named attendance export.

Thin views over impact/deelname.py; permissions in impact/rules.py.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.log import record
from audit.models import AuditEvent
from deelnemers.privacy import MIN_AGGREGATE
from groepen.models import Aanbod, Groep

from .. import csv_export
from ..deelname import deelname, lopend_q
from ..gemeten import dashboard_metingen
from ..grafiek import gestapeld, staafdiagram
from ..periode import periode_uit_request

BEKIJKEN = "impact.view_dashboard"
NAMEN = "impact.export_names"


def _grafieken(d) -> dict:
    inloop_titel = (
        _("Walk-in visits per month") if d.inloop_per_maand else _("Walk-in visits per week")
    )
    return {
        "kern": staafdiagram(
            [(c.label, c.voor_grafiek) for c in d.kerncijfers if c.eenheid == "%"],
            _("Shares in this period"),
            id="g-aandelen",
            eenheid="%",
            kop_label=_("Figure"),
            kop_waarde=_("Share"),
        ),
        "inschrijvingen": staafdiagram(
            [(c.label, c.voor_grafiek) for c in d.inschrijvingen],
            _("Enrolments in this period"),
            id="g-inschrijvingen",
            kop_label=_("Status now"),
            kop_waarde=_("Enrolments"),
        ),
        "zwart_gat": staafdiagram(
            [(c.label, c.voor_grafiek) for c in d.zwart_gat],
            _("Share with contact after the course"),
            id="g-zwart-gat",
            eenheid="%",
            kop_label=_("When"),
            kop_waarde=_("Share with contact"),
        ),
        "inloop": gestapeld(
            [label for label, _w in d.inloop],
            [(_("Visits"), [w for _l, w in d.inloop])],
            inloop_titel,
            id="g-inloop",
            kop_periode=_("Month") if d.inloop_per_maand else _("Week"),
        ),
        "facilitators": staafdiagram(
            [(r["user__roepnaam"], r["bijeenkomsten"]) for r in d.facilitators],
            _("Meetings per facilitator"),
            id="g-facilitators",
            kop_label=_("Facilitator"),
            kop_waarde=_("Meetings"),
        ),
    }


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_dashboard(request):
    form, periode = periode_uit_request(request)
    d = deelname(periode, form.filters())
    mag_namen = request.user.has_perm(NAMEN)
    export_groepen = []
    if mag_namen:
        # Groups of the period (not the walk-in, which has no register of names).
        export_groepen = list(
            Groep.objects.filter(lopend_q(periode), form.filters().groep_q())
            .exclude(aanbod__soort=Aanbod.Soort.INLOOP)
            .order_by("startdatum", "naam")
        )
    context = {
        "form": form,
        "periode": periode,
        "d": d,
        "grafieken": _grafieken(d),
        "query": request.GET.urlencode() if form.is_valid() else "",
        "min": MIN_AGGREGATE,
        "mag_namen": mag_namen,
        "export_groepen": export_groepen,
        "uitkomsten": _uitkomsten(periode, form.filters()),
    }
    return render(request, "impact/deelname.html", context)


def _uitkomsten(periode, filters):
    """What people report themselves in check-ins (impact/gemeten.py), labelled."""
    labels = {
        "vrijwilligerswerk": _("Doing volunteer work"),
        "betaald_werk": _("Doing paid work"),
        "studie": _("Studying or following a training"),
        "minder_zorg": _("Fewer contacts with care than before (of those with care)"),
        "meer_mensen": _("More people to turn to"),
        "meer_regie": _("More in charge of their own life than before"),
    }
    metingen = dashboard_metingen(periode, filters)
    return [(labels[sleutel], meting) for sleutel, meting in metingen.items()]


@require_GET
@login_required
@permission_required(BEKIJKEN, raise_exception=True)
def impact_dashboard_csv(request):
    form, periode = periode_uit_request(request)
    return csv_export.dashboard_csv(deelname(periode, form.filters()))


@require_GET
@login_required
def impact_aanwezigheid_csv(request, pk):
    # The permission first: someone without it learns nothing about which groups exist.
    if not request.user.has_perm(NAMEN):
        raise PermissionDenied
    groep = get_object_or_404(Groep, pk=pk)
    record(AuditEvent.Soort.EXPORT_NAMEN, actor=request.user, betreft=None, groep=groep.pk)
    return csv_export.aanwezigheid_csv(groep)


urlpatterns = [
    path("coordinator/deelname/", impact_dashboard, name="impact_dashboard"),
    path("coordinator/deelname.csv", impact_dashboard_csv, name="impact_dashboard_csv"),
    path(
        "coordinator/groepen/<int:pk>/aanwezigheid.csv",
        impact_aanwezigheid_csv,
        name="impact_aanwezigheid_csv",
    ),
]
