"""Walk-in counts: hosts tap +1 / -1 per day-part, and correct earlier days."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import inloop
from ..access import groep_voor
from ..inloop_forms import CorrectieForm
from ..models import Aanbod

STAPPEN = {"1": 1, "+1": 1, "-1": -1}


def _inloop_voor(user, pk):
    """A walk-in this person may count. A host need not be a member of the walk-in
    group, so hosted walk-ins are looked up beside the groups they may see; anything
    else is 404 as in groep_voor, and a member who may not count gets 403."""
    groep = inloop.telbare_groepen(user).filter(pk=pk).first()
    if groep is not None:
        return groep
    groep = groep_voor(user, pk, "groepen.count_inloop")
    if groep.aanbod.soort != Aanbod.Soort.INLOOP:
        raise Http404
    return groep


def _tellen_pagina(request, groep, form, status=200):
    context = {"groep": groep, "form": form, **inloop.overzicht(groep)}
    return render(request, "groepen/inloop/tellen.html", context, status=status)


@require_GET
@login_required
def inloop_lijst(request):
    groepen = list(inloop.met_totaal_vandaag(inloop.telbare_groepen(request.user)))
    return render(request, "groepen/inloop/lijst.html", {"groepen": groepen})


@require_http_methods(["GET", "POST"])
@login_required
def inloop_tellen(request, pk):
    groep = _inloop_voor(request.user, pk)
    if request.method == "GET":
        form = CorrectieForm(
            initial={"datum": timezone.localdate(), "dagdeel": inloop.huidig_dagdeel()}
        )
        return _tellen_pagina(request, groep, form)

    dagdeel = request.POST.get("dagdeel")
    stap = STAPPEN.get(request.POST.get("stap", ""))
    if dagdeel not in inloop.DAGDELEN.values or stap is None:
        messages.error(request, _("That didn't work. Please tap the button again."))
        return redirect("inloop_tellen", pk=groep.pk)
    label = capfirst(inloop.DAGDELEN(dagdeel).label)
    aantal = inloop.tel(groep, dagdeel, stap)
    if stap == -1 and aantal == 0:
        messages.info(request, _("%(part)s: the count is at 0.") % {"part": label})
    else:
        messages.success(
            request,
            ngettext("%(part)s: %(n)s visitor.", "%(part)s: %(n)s visitors.", aantal)
            % {"part": label, "n": aantal},
        )
    return redirect(reverse("inloop_tellen", kwargs={"pk": groep.pk}) + f"#dagdeel-{dagdeel}")


@require_POST
@login_required
def inloop_corrigeren(request, pk):
    groep = _inloop_voor(request.user, pk)
    form = CorrectieForm(request.POST)
    if not form.is_valid():
        return _tellen_pagina(request, groep, form)
    datum, dagdeel, aantal = (form.cleaned_data[k] for k in ("datum", "dagdeel", "aantal"))
    inloop.corrigeer(groep, datum, dagdeel, aantal)
    messages.success(
        request,
        ngettext(
            "Saved: %(n)s visitor on %(day)s, %(part)s.",
            "Saved: %(n)s visitors on %(day)s, %(part)s.",
            aantal,
        )
        % {
            "n": aantal,
            "day": formats.date_format(datum, "l j F"),
            "part": inloop.DAGDELEN(dagdeel).label,
        },
    )
    return redirect(reverse("inloop_tellen", kwargs={"pk": groep.pk}) + "#inhoud")


urlpatterns = [
    path("inloop/", inloop_lijst, name="inloop_lijst"),
    path("inloop/<int:pk>/", inloop_tellen, name="inloop_tellen"),
    path("inloop/<int:pk>/corrigeren/", inloop_corrigeren, name="inloop_corrigeren"),
]
