"""Moderation queue and the weekly digest preference. Thin views: the logic lives in
nazorg/moderatie.py and nazorg/digest.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import moderatie
from ..models import DigestVoorkeur
from ..moderatie_forms import BesluitForm, DigestForm

# Every facilitator moderates at least the academy-wide space (see moderatie.is_moderator).
MODERATOR_PERM = "nazorg.moderate"


def _wachtrij(request, fout=None):
    zaken = list(moderatie.wachtrij_voor(request.user))
    redenen = moderatie.meldredenen(zaken)
    rijen = []
    for zaak in zaken:
        zaak.meldredenen = redenen.get(zaak.bericht_id, [])
        if fout is not None and fout.prefix == f"zaak-{zaak.pk}":
            rijen.append((zaak, fout))
        else:
            rijen.append((zaak, BesluitForm(zaak=zaak, prefix=f"zaak-{zaak.pk}")))
    status = 400 if fout is not None else 200
    return render(request, "nazorg/moderatie/wachtrij.html", {"rijen": rijen}, status=status)


@require_http_methods(["GET"])
@login_required
@permission_required(MODERATOR_PERM, raise_exception=True)
def wachtrij(request):
    return _wachtrij(request)


@require_POST
@login_required
@permission_required(MODERATOR_PERM, raise_exception=True)
def besluit(request, pk):
    zaak = moderatie.zaak_voor(request.user, pk)
    if zaak.afgehandeld_op is not None:
        messages.info(request, _("Another facilitator already looked at this post."))
        return redirect("moderatie")
    form = BesluitForm(request.POST, zaak=zaak, prefix=f"zaak-{zaak.pk}")
    if not form.is_valid():
        return _wachtrij(request, fout=form)
    moderatie.besluit(zaak, request.user, form.cleaned_data["keuze"], form.cleaned_data["reden"])
    messages.success(request, _("Thank you. The post is handled."))
    return redirect("moderatie")


@require_http_methods(["GET", "POST"])
@login_required
def digest(request):
    voorkeur = DigestVoorkeur.objects.filter(user=request.user).first() or DigestVoorkeur(
        user=request.user
    )
    form = DigestForm(request.POST if request.method == "POST" else None, instance=voorkeur)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choice is saved."))
        return redirect("digest")
    return render(request, "nazorg/moderatie/digest.html", {"form": form})


urlpatterns = [
    path("community/moderatie/", wachtrij, name="moderatie"),
    path("community/moderatie/<int:pk>/", besluit, name="moderatie_besluit"),
    path("community/digest/", digest, name="digest"),
]
