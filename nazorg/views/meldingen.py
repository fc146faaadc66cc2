"""A person's own nazorg pages: reminder preferences and in-app notifications.
Thin views: the logic lives in voorkeuren.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import rust, voorkeuren
from ..forms import KanaalForm
from ..models import Melding


@require_http_methods(["GET", "POST"])
@login_required
def nazorg_voorkeuren(request):
    user = request.user
    keuze = voorkeuren.algemeen(user)
    kanaal = KanaalForm(
        request.POST if request.POST.get("actie") == "kanaal" else None,
        initial={"per_email": keuze.per_email, "in_app": keuze.in_app},
    )
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "kanaal" and kanaal.is_valid():
            voorkeuren.zet_kanalen(user, **kanaal.cleaned_data)
            messages.success(request, _("Your choices are saved."))
        elif actie in ("stop", "start"):
            # A changed or broken form may send anything here: only a number can be a group.
            groep_id = request.POST.get("groep", "")
            groep = (
                voorkeuren.nazorg_groepen(user).filter(pk=int(groep_id)).first()
                if groep_id.isdecimal() and groep_id.isascii()
                else None
            )
            if groep is None:
                messages.error(request, _("That didn't work. Please try again."))
            elif actie == "stop":
                voorkeuren.stop_herinneringen(user, groep)
                messages.success(request, _("You will get no more reminders for this group."))
            else:
                voorkeuren.hervat_herinneringen(user, groep)
                messages.success(request, _("You will get reminders for this group again."))
        elif actie == "stop_alles":
            voorkeuren.stop_alles(user)
            messages.success(request, _("You will get no more follow-up reminders."))
        elif actie == "start_alles":
            voorkeuren.hervat_herinneringen(user, None)
            messages.success(request, _("You will get follow-up reminders again."))
        return redirect("nazorg_voorkeuren")
    context = {
        "kanaal": kanaal,
        "alles_gestopt": keuze.gestopt,
        "groepen": voorkeuren.voorkeuren_per_groep(user),
    }
    return render(request, "nazorg/voorkeuren.html", context)


@require_GET
@login_required
def meldingen(request):
    # During a break from the community its notifications wait, unread (nazorg/rust.py).
    eigen = rust.meldingen_voor(request.user, Melding.objects.filter(user=request.user))
    pagina = Paginator(eigen, 20).get_page(request.GET.get("pagina"))
    items = list(pagina.object_list)
    ongelezen = [m.pk for m in items if m.gelezen_op is None]
    if ongelezen:
        Melding.objects.filter(pk__in=ongelezen, user=request.user).update(
            gelezen_op=timezone.now()
        )
    return render(
        request,
        "nazorg/meldingen.html",
        {"pagina": pagina, "items": items, "nieuw": set(ongelezen)},
    )


urlpatterns = [
    path("nazorg/voorkeuren/", nazorg_voorkeuren, name="nazorg_voorkeuren"),
    path("meldingen/", meldingen, name="meldingen"),
]
