"""Community pages: spaces, threads, replies, "Herken ik", reports, muting and the
guidelines. Thin views: the logic lives in community.py."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from lib.hulp import toon_hulp_bij_signaal
from lib.urls import veilige_next

from .. import bewerken, community, moderatie, rust, toegang
from ..community_forms import BewerkForm, DraadForm, MeldForm, ReactieForm

HULP_SESSIE = "community_hulp_nu"
WELKOM_TERUG = _l(
    "Good to have you back. Take your time: you don't need to read everything you missed."
)


def richtlijnen_vereist(view):
    """Every community page waits until the guidelines are accepted (once per version)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not community.heeft_richtlijnen_geaccepteerd(request.user):
            # Someone who is in no space at all gets the same 404 as for any object that
            # is not theirs, not a hint that something is behind the guidelines.
            if not community.Ruimte.objects.zichtbaar_voor(request.user).exists():
                raise Http404
            volgende = request.get_full_path() if request.method == "GET" else ""
            doel = reverse("richtlijnen")
            if volgende:
                doel += "?" + urlencode({"next": volgende})
            return redirect(doel)
        if rust.welkom_terug(request.user):  # the first community page after a break
            messages.info(request, WELKOM_TERUG)
        return view(request, *args, **kwargs)

    return wrapper


def _hulp_nu(request):
    return bool(request.session.pop(HULP_SESSIE, False))


def _na_plaatsen(request, bericht):
    if bericht.hulp_nu:
        request.session[HULP_SESSIE] = True
    if bericht.status == community.Status.ZICHTBAAR:
        messages.success(request, _("Your message is posted."))
    else:
        messages.info(
            request, _("Thank you. A facilitator will look at your message before others see it.")
        )


@require_http_methods(["GET", "POST"])
@login_required
def richtlijnen(request):
    volgende = veilige_next(request)
    if request.method == "POST":
        community.accepteer_richtlijnen(request.user)
        return redirect(volgende or "community")
    context = {
        "volgende": volgende,
        "geaccepteerd": community.heeft_richtlijnen_geaccepteerd(request.user),
    }
    return render(request, "nazorg/community/richtlijnen.html", context)


def _moderatie_link(user) -> int | None:
    """Open cases for someone who moderates (shown even at 0), else None."""
    if not user.has_perm("nazorg.moderate"):
        return None
    return moderatie.aantal_open_voor(user)


@require_http_methods(["GET"])
@login_required
def community_view(request):
    ruimtes, ouder = community.recent_en_ouder(request.user)
    if not ruimtes and not ouder:
        # Not (yet) a member: a kind page on how to get in, not a 404 (and before the
        # guidelines, which are for members).
        context = {
            "moderatie_open": _moderatie_link(request.user),
            "mag_welkom": request.user.has_perm("nazorg.welcome_community"),
            "beheer": request.user.has_perm("nazorg.manage_community"),
        }
        return render(request, "nazorg/community/niet_lid.html", context)
    if not community.heeft_richtlijnen_geaccepteerd(request.user):
        return redirect(reverse("richtlijnen") + "?" + urlencode({"next": request.path}))
    if rust.welkom_terug(request.user):  # as in richtlijnen_vereist: the first page after a break
        messages.info(request, WELKOM_TERUG)
    context = {
        "ruimtes": ruimtes,
        "ouder": ouder,
        "moderatie_open": _moderatie_link(request.user),
        "mag_welkom": request.user.has_perm("nazorg.welcome_community"),
    }
    return render(request, "nazorg/community/overzicht.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@richtlijnen_vereist
def ruimte(request, pk):
    ruimte = community.ruimte_pagina_voor(request.user, pk)
    form = DraadForm(request.POST or None, user=request.user, doel=ruimte)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _na_plaatsen(request, form.bericht)
            return redirect("draad", pk=form.bericht.draad_id)
        status = 400
    paginator = Paginator(community.draden_in(ruimte, request.user), 20)
    paginator.count = ruimte.aantal_draden  # cached_property: counted with the space
    pagina = paginator.get_page(request.GET.get("pagina"))
    context = {
        "ruimte": ruimte,
        "pagina": pagina,
        "form": form,
        "meekijkers": toegang.wie_kijkt_mee(ruimte),
        "kijkuren": toegang.kijkuren_tekst(ruimte),
        "mag_instellen": toegang.mag_kijkuren_wijzigen(request.user, ruimte),
        "volgt": ruimte.gevolgd,
    }
    return render(request, "nazorg/community/ruimte.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@richtlijnen_vereist
def draad(request, pk):
    draad = community.draad_voor(request.user, pk)
    form = ReactieForm(request.POST or None, user=request.user, doel=draad)
    status = 200
    if request.method == "POST":
        if draad.status != community.Status.ZICHTBAAR and not draad.moderator:
            # No replies to a thread that is waiting or hidden.
            raise Http404
        if form.is_valid():
            _na_plaatsen(request, form.bericht)
            return redirect(community.link_naar(form.bericht, request.user))
        status = 400
    paginator = Paginator(
        community.berichten_in(draad, request.user), community.BERICHTEN_PER_PAGINA
    )
    paginator.count = community.aantal_berichten_in(draad, request.user)  # cached_property
    pagina = paginator.get_page(request.GET.get("pagina"))
    berichten = list(pagina.object_list)
    for bericht in berichten:
        bericht.delen = community.getuigenis_delen(bericht)
    context = {
        "draad": draad,
        "ruimte": draad.ruimte,
        "berichten": berichten,
        "pagina": pagina,
        "form": form,
        "gedempt": community.is_gedempt(request.user, draad),
        "hulp_nu": _hulp_nu(request),
    }
    return render(request, "nazorg/community/draad.html", context, status=status)


@require_POST
@login_required
@richtlijnen_vereist
def herken_ik(request, pk):
    bericht = community.bericht_voor(request.user, pk)
    if community.wissel_herken_ik(request.user, bericht) is None:
        messages.info(request, _("This is your own message."))
    return redirect(reverse("draad", kwargs={"pk": bericht.draad_id}) + f"#bericht-{bericht.pk}")


@require_http_methods(["GET", "POST"])
@login_required
@richtlijnen_vereist
def melden(request, pk):
    bericht = community.bericht_voor(request.user, pk)
    form = MeldForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if community.meld_bericht(request.user, bericht, form.cleaned_data["reden"]):
                messages.success(
                    request, _("Thank you for letting us know. A facilitator will take a look.")
                )
            else:
                messages.info(request, _("We already have your report. A facilitator will look."))
            return redirect(
                reverse("draad", kwargs={"pk": bericht.draad_id}) + f"#bericht-{bericht.pk}"
            )
        status = 400
    context = {"bericht": bericht, "draad": bericht.draad, "form": form}
    return render(request, "nazorg/community/melden.html", context, status=status)


@require_POST
@login_required
@richtlijnen_vereist
def dempen(request, pk):
    draad = community.draad_voor(request.user, pk)
    if community.wissel_demping(request.user, draad):
        messages.success(request, _("Muted. You get no updates about this topic."))
    else:
        messages.success(request, _("You get updates about this topic again."))
    return redirect("draad", pk=draad.pk)


def _naar_bericht(bericht):
    return redirect(reverse("draad", kwargs={"pk": bericht.draad_id}) + f"#bericht-{bericht.pk}")


def _geweigerd(request, bericht, reden):
    context = {"bericht": bericht, "draad": bericht.draad, "reden": reden}
    return render(request, "nazorg/community/geweigerd.html", context, status=403)


@require_http_methods(["GET", "POST"])
@login_required
@richtlijnen_vereist
def bericht_bewerken(request, pk):
    bericht = bewerken.eigen_bericht_voor(request.user, pk)
    if (reden := bewerken.weigering(bericht)) is not None:
        return _geweigerd(request, bericht, reden)
    form = BewerkForm(request.POST or None, bericht=bericht)
    status = 200
    if request.method == "POST":
        # Also when the input is refused: the words were written all the same.
        toon_hulp_bij_signaal(request, *form.teksten())
        if form.is_valid():
            if not form.gewijzigd:
                messages.info(request, _("Nothing changed."))
            elif bericht.status == community.Status.VASTGEHOUDEN:
                messages.info(
                    request,
                    _("Saved. A facilitator will look at your message before others see it."),
                )
            else:
                messages.success(request, _("Your message is changed."))
            return _naar_bericht(bericht)
        status = 400
    context = {"bericht": bericht, "draad": bericht.draad, "form": form}
    return render(request, "nazorg/community/bewerken.html", context, status=status)


@require_POST
@login_required
@richtlijnen_vereist
def bericht_terugnemen(request, pk):
    bericht = bewerken.eigen_bericht_voor(request.user, pk)
    if (reden := bewerken.weigering(bericht)) is not None:
        return _geweigerd(request, bericht, reden)
    bewerken.neem_terug(bericht)
    messages.success(request, _("Your message is taken back. The replies stay."))
    return _naar_bericht(bericht)


urlpatterns = [
    path("community/", community_view, name="community"),
    path("community/richtlijnen/", richtlijnen, name="richtlijnen"),
    path("community/<int:pk>/", ruimte, name="ruimte"),
    path("community/draad/<int:pk>/", draad, name="draad"),
    path("community/draad/<int:pk>/dempen/", dempen, name="dempen"),
    path("community/bericht/<int:pk>/herken-ik/", herken_ik, name="herken_ik"),
    path("community/bericht/<int:pk>/melden/", melden, name="melden"),
    path("community/bericht/<int:pk>/bewerken/", bericht_bewerken, name="bericht_bewerken"),
    path("community/bericht/<int:pk>/terugnemen/", bericht_terugnemen, name="bericht_terugnemen"),
]
