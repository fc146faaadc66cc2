"""CSV downloads for coordinators (the file's shape and formula guard: lib.csv).

`dashboard_csv` holds every figure of the participation dashboard, hidden cells written
as "too little data". `aanwezigheid_csv` is the only export with names: one group's
attendance per participant; the view checks impact.export_names and audits it.
"""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from groepen.models import Aanwezigheid, Bijeenkomst, Lidmaatschap
from lib.csv import csv_response

from .deelname import Deelname
from .grafiek import tekst


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
    naam = f"deelname-{d.periode.begin:%Y%m%d}-{d.periode.einde:%Y%m%d}.csv"
    return csv_response(naam, [[_("Part"), _("Figure"), _("Value")], *dashboard_rijen(d)])


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
    kop = (
        [_("Name"), _("Status")]
        + [f"{timezone.localtime(b.begint_om):%d-%m-%Y}" for b in bijeenkomsten]
        + [_("Present")]
    )
    rijen = [kop]
    for lid in leden:
        status = {a.bijeenkomst_id: a for a in lid.user.hier}
        cellen = [
            status[b.pk].get_status_display() if b.pk in status else "" for b in bijeenkomsten
        ]
        aanwezig = sum(1 for a in status.values() if a.status == Aanwezigheid.Status.AANWEZIG)
        rijen.append([lid.user.roepnaam, lid.get_status_display(), *cellen, aanwezig])
    return csv_response(f"aanwezigheid-groep-{groep.pk}.csv", rijen)
