from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lib.urls import veilige_next

from .forms import RoepnaamForm, ZesStappenForm


@require_http_methods(["GET", "POST"])
@login_required
def mijn_gegevens(request):
    form = RoepnaamForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Saved. Others now see you as %(name)s.") % {"name": form.instance.roepnaam}
        )
        return redirect("mijn_gegevens")
    return render(request, "deelnemers/mijn_gegevens.html", {"form": form})


@require_POST
@login_required
def zes_stappen(request):
    """Turn the six steps on or off on one's own overview. Nothing else changes: the pages
    of the six steps stay reachable either way, and nothing written is touched."""
    form = ZesStappenForm(request.POST)
    terug = veilige_next(request, reverse("mijn_gegevens"))
    if not form.is_valid():
        messages.error(request, _("That did not work. Please try again."))
        return redirect(terug)
    user = request.user
    user.zes_stappen = form.cleaned_data["aan"]
    user.zes_stappen_gekozen_op = timezone.now()
    user.save(update_fields=["zes_stappen", "zes_stappen_gekozen_op"])
    if user.zes_stappen:
        messages.success(request, _("Done. Your overview now shows the six steps as well."))
    else:
        messages.success(
            request,
            _("Done. Your overview no longer shows the six steps. You can turn them on any time."),
        )
    return redirect(terug)
