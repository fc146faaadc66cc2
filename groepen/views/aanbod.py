"""Participants browse the offer, sign up, cancel, and say when they can't come."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deelnemers.academie import huidige_academie
from lib.jsonld import ld_json
from lib.urls import veilige_next

from .. import aanbod, inschrijving, openbaar
from ..aanbod_forms import AanmeldForm
from ..access import bijeenkomst_voor
from ..models import Aanbod

# The offer is public: anyone can look before they dare to come (issue 14). A signed-in
# person sees the same pages with their own enrolments; a visitor sees "Meedoen", which
# leads through making an account back to the group's sign-up page.
LIJST_INHOUD = "groepen/aanbod/_lijst_inhoud.html"
MIJN_STATUS = "groepen/aanbod/_mijn_status.html"
DETAIL_INHOUD = "groepen/aanbod/_detail_inhoud.html"


# In the offer list kept for signed-in people each group has this mark where the person's
# own place goes (_lijst_inhoud.html); the text around it is escaped, so only the template
# can write one.
EIGEN_PLEK = re.compile(r"<!--eigen-plek:(\d+)-->")


def _lijst_inhoud(keuze, request=None, met_eigen_plek=False) -> str:
    """The offer list, rendered once per language and filter and kept (groepen.openbaar.
    bewaard): drawing a large academy's list was most of the page's time. Made as for a
    visitor (nobody's own data); with met_eigen_plek it holds the marks for signed-in
    people, who share it."""

    def maak():
        gegevens = aanbod.overzicht(AnonymousUser(), keuze.q())
        gegevens["eigen_plek_merk"] = met_eigen_plek
        return render_to_string(LIJST_INHOUD, gegevens, request=request)

    soort = "leden" if met_eigen_plek else "html"
    return openbaar.bewaard(f"aanbod-{soort}:{get_language()}:{keuze.sleutel}", maak)


def _met_eigen_plek(inhoud: str, user) -> str:
    """The kept list with this person's own place in its groups (enrolled, waiting list,
    facilitator): one query for their own groups, not for the offer."""
    eigen = aanbod.eigen_in_open_groepen(user)
    status = get_template(MIJN_STATUS)

    def plek(merk):
        lid = eigen.get(int(merk[1]))
        if lid is None:
            return ""
        return f"<p><strong>{status.render({'g': {'mijn': lid}})}</strong></p>"

    return EIGEN_PLEK.sub(plek, inhoud)


@require_GET
def aanbod_lijst(request):
    # The offer is the same for everyone; the places a signed-in person has are laid over
    # it. Every change to the offer or its enrolments makes a new version (groepen.openbaar).
    locaties = openbaar.bewaard("locaties", openbaar.kiesbare_locaties)
    keuze = openbaar.filter_uit(request.GET, locaties)
    if request.user.is_authenticated:
        # Made without the request: nothing of this person (or their menu) gets in.
        inhoud = _met_eigen_plek(_lijst_inhoud(keuze, met_eigen_plek=True), request.user)
    else:
        inhoud = _lijst_inhoud(keuze, request=request)
    context = {
        # Our own rendering, escaped by the template; the cache keeps it as text.
        "inhoud": mark_safe(inhoud),  # noqa: S308
        "keuze": keuze,
        "locaties": locaties,
        "soorten": Aanbod.Soort.choices,
        "dagdelen": [(k, v[0]) for k, v in openbaar.DAGDELEN.items()],
    }
    return render(request, "groepen/aanbod/lijst.html", context)


def _detail(user, pk) -> dict:
    context = aanbod.detail(user, pk)
    openbaar.met_facilitators(context["groepen"])
    return context


@require_GET
def aanbod_detail(request, pk):
    if request.user.is_authenticated:
        context = _detail(request.user, pk)
    else:
        # The same for every visitor: kept like the offer list (an unknown or archived
        # offer raises 404 before anything is kept).
        context = dict(openbaar.bewaard(f"detail:{pk}", lambda: _detail(request.user, pk)))
        # Its groups rendered too, as for the list (a large academy's course has many).
        gegevens = context.copy()

        def maak():
            return render_to_string(DETAIL_INHOUD, gegevens, request=request)

        sleutel = f"detail-html:{get_language()}:{pk}"
        context["inhoud"] = mark_safe(openbaar.bewaard(sleutel, maak))  # noqa: S308 - as above
    a = context["aanbod"]
    organisatie = openbaar.organisatie_ld(huidige_academie(), request.build_absolute_uri("/"))
    context["structured_data"] = ld_json(
        openbaar.aanbod_ld(
            a, context["groepen"], organisatie, request.build_absolute_uri(request.path)
        )
    )
    return render(request, "groepen/aanbod/detail.html", context)


# Enrolment tells in one sentence that a nazit follows (it is part of taking part), and
# how to stop it; the choice itself is kept by nazorg (groepen.signals.nazit_keuze).
def stoppen() -> str:
    return _(
        "You can change this at any time, with one click in the invitation or on the page "
        "Follow-up reminders."
    )


def nazit_zin(groep) -> str:
    """An ongoing recovery group invites who leaves it; every other group, who finishes."""
    if groep.aanbod.soort == groep.aanbod.Soort.HERSTELGROEP and groep.einddatum is None:
        return _(
            "When you leave this group, we invite you to a nazit: a meeting to look back "
            "together. You get the invitation by email and in the app."
        )
    return _(
        "After the last meeting, we invite you to a nazit: a meeting to look back "
        "together. You get the invitation by email and in the app."
    )


@require_http_methods(["GET", "POST"])
@login_required
def aanmelden(request, pk):
    groep = aanbod.groep_in_aanbod(pk)
    nazit = groep.aanbod.met_nazit
    form = AanmeldForm(request.POST or None, nazit=nazit)
    if request.method == "POST" and form.is_valid():
        wil_nazit = not form.cleaned_data.get("geen_nazit", False)
        try:
            uitkomst = inschrijving.aanmelden(
                request.user, groep.pk, form.cleaned_data["motivatie"], wil_nazit=wil_nazit
            )
        except inschrijving.InschrijvingFout as fout:
            form.add_error(None, str(fout))
        else:
            if uitkomst.wachtlijst:
                tekst = _(
                    "%(groep)s is full, so you are on the waiting list (number %(positie)s). "
                    "We will email you as soon as a place frees up."
                )
            else:
                tekst = _(
                    "You're in! Welcome to %(groep)s. We have sent you an email with the details."
                )
            messages.success(request, tekst % {"groep": groep.naam, "positie": uitkomst.positie})
            if nazit and wil_nazit:
                messages.info(request, nazit_zin(groep) + " " + stoppen())
            elif nazit:
                messages.info(
                    request,
                    _("You chose not to get an invitation to the nazit.") + " " + stoppen(),
                )
            return redirect("mijn_aanmeldingen")
    lid = aanbod.eigen_lidmaatschap(request.user, groep)
    context = {
        "groep": groep,
        "form": form,
        "lid": lid,
        "nazit_zin": nazit_zin(groep) if nazit else "",
        # On the first visit a reason is shown instead of a form that cannot succeed.
        "belemmering": None if form.is_bound else inschrijving.belemmering(groep, lid),
    }
    return render(request, "groepen/aanbod/aanmelden.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def uitschrijven(request, pk):
    lid = aanbod.eigen_aanmelding(request.user, pk)
    fout = None
    if request.method == "POST":
        try:
            inschrijving.uitschrijven(lid.pk)
        except inschrijving.InschrijvingFout as exc:
            fout = str(exc)
        else:
            messages.success(
                request,
                _("You have cancelled your place in %(groep)s. You are welcome back any time.")
                % {"groep": lid.groep.naam},
            )
            return redirect("mijn_aanmeldingen")
    return render(request, "groepen/aanbod/uitschrijven.html", {"lid": lid, "fout": fout})


@require_GET
@login_required
def mijn_aanmeldingen(request):
    context = aanbod.mijn_aanmeldingen(request.user)
    return render(request, "groepen/aanbod/mijn_aanmeldingen.html", context)


@require_POST
@login_required
def bijeenkomst_afmelden(request, pk):
    bijeenkomst = bijeenkomst_voor(request.user, pk, aanbod.AFMELDEN)
    ongedaan = request.POST.get("ongedaan") == "1"
    try:
        aanbod.meld_af(request.user, bijeenkomst, ongedaan=ongedaan)
    except aanbod.AfmeldFout as fout:
        messages.error(request, str(fout))
    else:
        if ongedaan:
            messages.success(request, _("Nice, you can come after all. See you then!"))
        else:
            messages.success(
                request,
                _("Thank you for letting us know. We will miss you; see you next time."),
            )
    return redirect(veilige_next(request) or "mijn_aanmeldingen")


urlpatterns = [
    path("aanbod/", aanbod_lijst, name="aanbod_lijst"),
    path("aanbod/<int:pk>/", aanbod_detail, name="aanbod_detail"),
    path("groepen/<int:pk>/aanmelden/", aanmelden, name="aanmelden"),
    path("groepen/<int:pk>/uitschrijven/", uitschrijven, name="uitschrijven"),
    path("mijn-aanmeldingen/", mijn_aanmeldingen, name="mijn_aanmeldingen"),
    path("bijeenkomsten/<int:pk>/afmelden/", bijeenkomst_afmelden, name="bijeenkomst_afmelden"),
]
