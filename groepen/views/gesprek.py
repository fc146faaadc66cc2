"""One-to-one conversations: booking from the offer page, the ervaringsdeskundige's own
page (publish times, see bookings, cancel, the note), and the coordinator's counts.

Access: a slot or booking is fetched through the person's own rows (gesprek.eigen_slot,
gesprek.eigen_boeking), so anyone else's answers 404. Publishing times needs
groepen.offer_gesprek (403 without). Every text passes the crisis detector; none goes
into a message, title or URL.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lib.hulp import toon_hulp_bij_signaal

from .. import gesprek
from ..gesprek_forms import (
    AnderMomentForm,
    AnnuleerAlsEdForm,
    AnnuleerForm,
    BoekForm,
    NotitieForm,
    SlotForm,
)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@permission_required(gesprek.AANBIEDEN, raise_exception=True)
def gesprekken(request):
    """The ervaringsdeskundige's page: publish times, see what is booked."""
    form = SlotForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            slots = gesprek.maak_slots(
                request.user,
                form.cleaned_data["aanbod"],
                form.begintijden(),
                datetime.timedelta(minutes=form.cleaned_data["duur_minuten"]),
                form.cleaned_data["plaats"],
            )
            toon_hulp_bij_signaal(request, form.cleaned_data["plaats"])
            messages.success(
                request,
                _("Thank you. %(n)s time(s) are now open for booking.") % {"n": len(slots)},
            )
            return redirect("gesprekken")
        status = 400
    context = {"form": form, "slots": gesprek.mijn_slots(request.user)}
    return render(request, "groepen/gesprek/mijn_slots.html", context, status=status)


@never_cache
@require_GET
@login_required
def gespreksslot(request, pk):
    slot = gesprek.eigen_slot(request.user, pk)
    context = {"slot": slot, "kan_notitie": gesprek.kan_notitie_schrijven(slot)}
    return render(request, "groepen/gesprek/slot.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def gespreksslot_annuleren(request, pk):
    """Cancel the booking of one's own slot (with a message), or withdraw a free slot."""
    slot = gesprek.eigen_slot(request.user, pk)
    form = AnnuleerAlsEdForm(request.POST or None) if slot.boeking else None
    status = 200
    if request.method == "POST":
        try:
            if slot.boeking is None:
                gesprek.trek_in(slot)
                messages.success(request, _("This time is no longer offered."))
                return redirect("gesprekken")
            if form.is_valid():
                gesprek.annuleer_als_ervaringsdeskundige(
                    request.user, slot, form.cleaned_data["bericht"], form.cleaned_data["intrekken"]
                )
                toon_hulp_bij_signaal(request, form.cleaned_data["bericht"])
                messages.success(
                    request,
                    _("The conversation is cancelled. We have let %(naam)s know by email.")
                    % {"naam": slot.boeking.deelnemer.roepnaam},
                )
                return redirect("gesprekken")
            status = 400
        except gesprek.GesprekFout as fout:
            if form is None:
                messages.error(request, str(fout))
                return redirect("gespreksslot", slot.pk)
            form.add_error(None, str(fout))
            status = 400
    context = {"slot": slot, "form": form}
    return render(request, "groepen/gesprek/slot_annuleren.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def gesprek_notitie(request, pk):
    slot = gesprek.eigen_slot(request.user, pk)
    if not gesprek.kan_notitie_schrijven(slot):
        return render(request, "groepen/gesprek/notitie.html", {"slot": slot, "form": None})
    initial = {"notitie": slot.boeking.notitie}
    form = NotitieForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            gesprek.sla_notitie_op(slot, form.cleaned_data["notitie"])
            messages.success(request, _("Your note is saved. Only you can read it."))
            toon_hulp_bij_signaal(request, form.cleaned_data["notitie"])
            return redirect("gespreksslot", slot.pk)
        status = 400
    context = {"slot": slot, "form": form}
    return render(request, "groepen/gesprek/notitie.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def gesprek_boeken(request, pk):
    slot = gesprek.slot_om_te_boeken(pk)
    form = BoekForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                gesprek.boek(request.user, slot.pk, form.cleaned_data["vraag"])
            except gesprek.GesprekFout as fout:
                form.add_error(None, str(fout))
                status = 409
            else:
                toon_hulp_bij_signaal(request, form.cleaned_data["vraag"])
                messages.success(
                    request,
                    _(
                        "Your conversation with %(naam)s is booked. We have sent you an email "
                        "with the details, to put in your calendar."
                    )
                    % {"naam": slot.ervaringsdeskundige.roepnaam},
                )
                return redirect("mijn_overzicht")
        else:
            status = 400
    reden = None if form.is_bound else gesprek.belemmering(request.user, slot)
    context = {
        "slot": slot,
        "aanbod": slot.aanbod,
        "form": form,
        "reden": reden,
        # Taken or gone: show what else is free, so nobody has to go back and look.
        "gesprek_dagen": (
            gesprek.vrije_slots([slot.aanbod_id]).get(slot.aanbod_id, [])
            if reden or form.non_field_errors()
            else None
        ),
    }
    return render(request, "groepen/gesprek/boeken.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def gesprek_annuleren(request, pk):
    """The person cancels their own booking, with an optional message."""
    boeking = gesprek.eigen_boeking(request.user, pk)
    form = AnnuleerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                gesprek.annuleer_als_deelnemer(request.user, boeking, form.cleaned_data["bericht"])
            except gesprek.GesprekFout as fout:
                form.add_error(None, str(fout))
                status = 409
            else:
                toon_hulp_bij_signaal(request, form.cleaned_data["bericht"])
                messages.success(
                    request,
                    _("Your conversation is cancelled. We have let %(naam)s know.")
                    % {"naam": boeking.slot.ervaringsdeskundige.roepnaam},
                )
                return redirect("mijn_overzicht")
        else:
            status = 400
    context = {"boeking": boeking, "slot": boeking.slot, "form": form}
    return render(request, "groepen/gesprek/annuleren.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def gesprek_ander_moment(request, pk):
    aanbod = get_object_or_404(gesprek.gesprek_aanbod(), pk=pk)
    form = AnderMomentForm(request.POST or None)
    heeft_ontvangers = gesprek.ervaringsdeskundigen_van(aanbod).exclude(pk=request.user.pk)
    status = 200
    if request.method == "POST":
        if form.is_valid() and heeft_ontvangers.exists():
            gesprek.vraag_ander_moment(request.user, aanbod, form.cleaned_data["bericht"])
            toon_hulp_bij_signaal(request, form.cleaned_data["bericht"])
            messages.success(
                request,
                _("Your question is sent. A peer expert will reply to your email address."),
            )
            return redirect("aanbod_detail", aanbod.pk)
        status = 400
    context = {"aanbod": aanbod, "form": form, "niemand": not heeft_ontvangers.exists()}
    return render(request, "groepen/gesprek/ander_moment.html", context, status=status)


@require_GET
@login_required
@permission_required("groepen.view_gesprek_cijfers", raise_exception=True)
def gesprek_cijfers(request):
    return render(request, "groepen/gesprek/cijfers.html", {"maanden": gesprek.cijfers_per_maand()})


urlpatterns = [
    path("gesprekken/", gesprekken, name="gesprekken"),
    path("gesprekken/cijfers/", gesprek_cijfers, name="gesprek_cijfers"),
    path("gesprekken/<int:pk>/", gespreksslot, name="gespreksslot"),
    path("gesprekken/<int:pk>/annuleren/", gespreksslot_annuleren, name="gespreksslot_annuleren"),
    path("gesprekken/<int:pk>/notitie/", gesprek_notitie, name="gesprek_notitie"),
    path("gesprekken/<int:pk>/boeken/", gesprek_boeken, name="gesprek_boeken"),
    path("mijn-gesprekken/<int:pk>/annuleren/", gesprek_annuleren, name="gesprek_annuleren"),
    path("aanbod/<int:pk>/ander-moment/", gesprek_ander_moment, name="gesprek_ander_moment"),
]
