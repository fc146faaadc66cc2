from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import RoepnaamForm


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
