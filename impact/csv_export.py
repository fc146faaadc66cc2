"""CSV downloads for coordinators, in the shape Dutch spreadsheet programs open directly:
semicolons, and a UTF-8 byte order mark so accented names survive.

`dashboard_csv` holds every figure of the participation dashboard, hidden cells written
as "too little data". `aanwezigheid_csv` is the only export with names: one group's
attendance per participant; the view checks impact.export_names and audits it.
"""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from groepen.models import Aanwezigheid, Bijeenkomst, Lidmaatschap

from .deelname import Deelname
from .grafiek import tekst

# A cell starting with one of these is a formula to a spreadsheet program.
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def _veilig(waarde):
    waarde = str(waarde)
    return "'" + waarde if waarde.startswith(FORMULE_TEKENS) else waarde


def _response(bestandsnaam: str):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")


def dashboard_rijen(d: Deelname) -> list[list[str]]:
    """[part, figure, value] for everything on the dashboard, in screen order."""
    rijen = [
        [_("Period"), d.periode.label, f"{d.periode.begin:%d-%m-%Y} – {d.periode.einde:%d-%m-%Y}"],
        [_("Filter"), _("Location"), d.filters.locatie or _("All locations")],
        [_("Filter"), _("Offer"), str(d.filters.aanbod or _("All offer"))],
    ]
    for deel, cijfers in [
        (_("Key figures"), d.kerncijfers),
        (_("Enrolments in this period"), d.inschrijvingen),
        (_("Moved on to help"), d.doorstroom),
        (_("Contact after a course"), [d.zwart_gat_basis, *d.zwart_gat]),
    ]:
        rijen += [[deel, c.label, c.tekst] for c in cijfers]
    kop = _("Walk-in visits per month") if d.inloop_per_maand else _("Walk-in visits per week")
    rijen += [[kop, label, tekst(waarde)] for label, waarde in d.inloop]
    for r in d.facilitators:
        naam = r["user__roepnaam"]
        rijen.append([_("Facilitator load"), f"{naam}: {_('groups')}", str(r["groepen"])])
        rijen.append([_("Facilitator load"), f"{naam}: {_('meetings')}", str(r["bijeenkomsten"])])
    return rijen


def dashboard_csv(d: Deelname) -> HttpResponse:
    response, writer = _response(f"deelname-{d.periode.begin:%Y%m%d}-{d.periode.einde:%Y%m%d}.csv")
    writer.writerow([_("Part"), _("Figure"), _("Value")])
    for rij in dashboard_rijen(d):
        writer.writerow([_veilig(cel) for cel in rij])
    return response


def aanwezigheid_csv(groep) -> HttpResponse:
    """One row per participant (roepnaam), one column per meeting that went ahead.
    Three queries, however big the group."""
    bijeenkomsten = list(
        Bijeenkomst.objects.filter(groep=groep, geannuleerd=False).order_by("begint_om", "pk")
    )
    leden = (
        Lidmaatschap.objects.filter(groep=groep, rol=Lidmaatschap.Rol.DEELNEMER)
        .exclude(status=Lidmaatschap.Status.WACHTLIJST)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__aanwezigheden",
                queryset=Aanwezigheid.objects.filter(bijeenkomst__in=bijeenkomsten),
                to_attr="hier",
            )
        )
        .order_by("user__roepnaam", "pk")
    )
    response, writer = _response(f"aanwezigheid-groep-{groep.pk}.csv")
    writer.writerow(
        [_("Name"), _("Status")]
        + [f"{timezone.localtime(b.begint_om):%d-%m-%Y}" for b in bijeenkomsten]
        + [_("Present")]
    )
    for lid in leden:
        status = {a.bijeenkomst_id: a for a in lid.user.hier}
        cellen = [
            status[b.pk].get_status_display() if b.pk in status else "" for b in bijeenkomsten
        ]
        aanwezig = sum(1 for a in status.values() if a.status == Aanwezigheid.Status.AANWEZIG)
        writer.writerow([_veilig(lid.user.roepnaam), lid.get_status_display(), *cellen, aanwezig])
    return response
