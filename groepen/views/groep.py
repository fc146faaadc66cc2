"""The group page, the attendance register per meeting, and the certificate."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from deelnemers.academie import huidige_academie

from .. import aanwezigheid
from ..access import bijeenkomst_voor, groep_voor
from ..groep_forms import RegisterForm, keuzes_html


@require_GET
@login_required
def groep_detail(request, pk):
    groep = groep_voor(request.user, pk, "groepen.view_groep")
    context = aanwezigheid.groep_pagina(request.user, groep)
    return render(request, "groepen/groep/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def aanwezigheid_register(request, pk):
    bijeenkomst = bijeenkomst_voor(request.user, pk, "groepen.register_attendance")
    groep = bijeenkomst.groep
    context = {"bijeenkomst": bijeenkomst, "groep": groep, "form": None}
    if bijeenkomst.geannuleerd or not groep.aanbod.met_inschrijving:
        # Nothing to register: the page says why (cancelled, or a walk-in that is counted).
        return render(request, "groepen/groep/aanwezigheid.html", context)

    deelnemers = aanwezigheid.register_deelnemers(bijeenkomst)
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        bijeenkomst=bijeenkomst,
        deelnemers=deelnemers,
    )
    if request.method == "POST" and form.is_valid():
        telling = aanwezigheid.sla_register_op(bijeenkomst, form.statussen())
        messages.success(
            request,
            _(
                "Thank you, attendance is saved: %(aanwezig)s present · %(afgemeld)s let us "
                "know · %(afwezig)s absent."
            )
            % asdict(telling),
        )
        return redirect("groep_detail", pk=groep.pk)
    context.update(
        form=form,
        # Each person's radios built in Python (keuzes_html); the form still binds,
        # validates and saves as before.
        rijen=[
            (veld, keuzes_html(veld))
            for veld in (form[f"deelnemer_{lid.user_id}"] for lid in deelnemers)
        ],
        registreerbaar=aanwezigheid.kan_registreren(bijeenkomst),
        al_ingevuld=any(lid.opgeslagen for lid in deelnemers),
    )
    return render(request, "groepen/groep/aanwezigheid.html", context)


@require_GET
@login_required
def certificaat(request, pk):
    groep = groep_voor(request.user, pk, "groepen.view_groep")
    voortgang = aanwezigheid.voortgang_van(request.user, groep)
    context = {"groep": groep, "aanbod": groep.aanbod, "voortgang": voortgang}
    if not aanwezigheid.mag_certificaat(groep, voortgang):
        # A kind explanation instead of the general "not for you" page.
        return render(request, "groepen/groep/certificaat_niet.html", context, status=403)
    context["academie"] = huidige_academie()
    context["periode"] = aanwezigheid.periode(groep)
    context["account_url"] = reverse("mijn_gegevens")
    return render(request, "groepen/groep/certificaat.html", context)


urlpatterns = [
    path("groepen/<int:pk>/", groep_detail, name="groep_detail"),
    path(
        "bijeenkomsten/<int:pk>/aanwezigheid/",
        aanwezigheid_register,
        name="aanwezigheid",
    ),
    path("groepen/<int:pk>/certificaat/", certificaat, name="certificaat"),
]
