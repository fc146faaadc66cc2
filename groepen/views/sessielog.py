"""The session log of a meeting: written and read by the group's facilitators only.

Access: groepen.write_sessielog through bijeenkomst_voor (outsiders 404, participants of
the group and coordinators 403). The text never goes into a message, title or URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lib.hulp import toon_hulp_bij_signaal

from .. import sessielog as logica
from ..access import bijeenkomst_voor
from ..sessielog_forms import SessielogForm


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def sessielog(request, pk):
    bijeenkomst = bijeenkomst_voor(request.user, pk, "groepen.write_sessielog")
    log = logica.log_van(bijeenkomst)
    ander = None
    if request.method == "POST":
        form = SessielogForm(request.POST, bijeenkomst=bijeenkomst)
        if form.is_valid():
            try:
                logica.sla_op(
                    bijeenkomst, request.user, form.teksten(), form.cleaned_data["gezien"]
                )
            except logica.Gewijzigd as gewijzigd:
                # Keep everything typed, show the co-facilitator's version beside it, and
                # let the next save go through.
                ander = log = gewijzigd.log
                data = request.POST.copy()
                data["gezien"] = logica.versie(log)
                form = SessielogForm(data, bijeenkomst=bijeenkomst)
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Someone else saved this session log while you were writing, so "
                        "nothing was saved yet. Your text is still in the fields; their "
                        "version is shown above them. Combine what you need and save again."
                    ),
                )
            else:
                messages.success(request, _("Thank you, the session log is saved."))
                toon_hulp_bij_signaal(request, *form.teksten().values())
                return redirect("facilitator_home")
    elif logica.kan_schrijven(bijeenkomst):
        initial = {veld: getattr(log, veld) for veld in logica.TEKSTVELDEN} if log else {}
        form = SessielogForm(
            initial={**initial, "gezien": logica.versie(log)}, bijeenkomst=bijeenkomst
        )
    else:
        form = None  # The page says why (cancelled, or not yet happened).
    context = {
        "bijeenkomst": bijeenkomst,
        "groep": bijeenkomst.groep,
        "log": log,
        "ander": ander,
        "form": form,
        "vorige": logica.vorige_opvolging(bijeenkomst) if form is not None else None,
        "met_register": bijeenkomst.groep.aanbod.met_inschrijving,
    }
    return render(request, "groepen/sessielog/sessielog.html", context)


urlpatterns = [
    path("bijeenkomsten/<int:pk>/sessielog/", sessielog, name="sessielog"),
]
