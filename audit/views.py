"""The audit trail as people see it: their own, and (for coordinators) everyone's,
always without content."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import export, weergave
from .forms import FilterForm
from .log import record
from .models import AuditEvent

PER_PAGINA = 50


@require_GET
@login_required
def mijn_logboek(request):
    events = AuditEvent.objects.over(request.user).select_related("actor", "betreft")
    pagina = Paginator(events, PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"pagina": pagina, "regels": weergave.regels(pagina.object_list, request.user)}
    return render(request, "audit/mijn_logboek.html", context)


@require_GET
@login_required
@permission_required("audit.view_trail", raise_exception=True)
def audit_overzicht(request):
    form = FilterForm(request.GET)
    pagina = rijen = None
    if form.is_valid():
        events = form.filter(AuditEvent.objects.select_related("actor", "betreft"))
        pagina = Paginator(events, PER_PAGINA).get_page(request.GET.get("pagina"))
        rijen = [(e, weergave.details_tekst(e.details)) for e in pagina.object_list]
    context = {"form": form, "pagina": pagina, "rijen": rijen}
    return render(request, "audit/overzicht.html", context)


@require_GET
@login_required
@permission_required("audit.view_trail", raise_exception=True)
def audit_csv(request):
    """The filtered trail as a file. A bad filter shows the page with its messages."""
    form = FilterForm(request.GET)
    if not form.is_valid():
        return audit_overzicht(request)
    events = form.filter(AuditEvent.objects.select_related("actor", "betreft"))
    # The file holds display names, so taking it is itself on the trail.
    record(AuditEvent.Soort.EXPORT_NAMEN, actor=request.user, lijst="logboek")
    return export.csv_download(events)
