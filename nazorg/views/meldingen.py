"""A person's own nazorg pages: reminder preferences and in-app notifications.
Thin views: the logic lives in voorkeuren.py and gesprekmeldingen.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import community, gesprekmeldingen, rust, volgen, voorkeuren
from ..forms import GesprekmeldingForm, KanaalForm
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


# A number no notification has: reverse() runs once per page, each row's number takes its place.
_STANDIN = 918_273_645


def _datum(waarde) -> str:
    # The same as {{ waarde|date:"j F Y, H:i" }}: local time, the month's name in the
    # current language; without the general formatter (~30 us a date).
    lt = template_localtime(waarde)
    return f"{lt.day} {MONTHS[lt.month]} {lt.year:04d}, {lt:%H:%M}"


@require_GET
@login_required
def meldingen(request):
    # Opening one marks it read (meldingen_open); a notice without a link has nothing to
    # open, so seeing it is reading it. During a community break its notifications wait.
    # One query counts all (for the pages) and the unread (for the menu), on the visibility
    # rules compiled once per process; the page's rows likewise (gesprekmeldingen.Lijst;
    # docs/performance.md).
    alle, ongelezen = gesprekmeldingen.tellingen(request.user)
    paginator = Paginator(gesprekmeldingen.Lijst(request.user), gesprekmeldingen.PER_PAGINA)
    paginator.count = alle  # a cached_property: no second COUNT query
    pagina = paginator.get_page(request.GET.get("pagina"))
    items = list(pagina.object_list)
    demper = rust.demper_voor(request.user)
    # The link and the date of each row made here, not with {% url %} and |date in the
    # loop: the same text, in a fraction of the time (docs/performance.md).
    voor, na = reverse("meldingen_open", args=[_STANDIN]).split(str(_STANDIN))
    for m in items:
        m.tekst = gesprekmeldingen.lees(m, demper)
        m.open_url = f"{voor}{m.pk}{na}"
        m.datum = _datum(m.aangemaakt_op)
    nieuw = {m.pk for m in items if m.gelezen_op is None}
    zonder_link = [m.pk for m in items if m.gelezen_op is None and not m.link]
    if zonder_link:
        ongelezen -= Melding.objects.filter(pk__in=zonder_link, user=request.user).update(
            gelezen_op=timezone.now()
        )
    gesprekmeldingen.onthoud_ongelezen(request.user, ongelezen)
    context = {"pagina": pagina, "items": items, "nieuw": nieuw}
    return render(request, "nazorg/meldingen.html", context)


@require_GET
@login_required
def meldingen_open(request, pk):
    melding = gesprekmeldingen.open_melding(request.user, pk)
    if melding is None:
        raise Http404
    if melding.bericht_id is not None:  # a post: on the page of its thread that holds it
        return redirect(community.link_naar(melding.bericht, request.user))
    # Only links the app wrote itself (a path on this site) are followed.
    if melding.link.startswith("/") and not melding.link.startswith("//"):
        return redirect(melding.link)
    return redirect("meldingen")


@require_POST
@login_required
def meldingen_gelezen(request):
    gesprekmeldingen.alles_gelezen(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("meldingen")


@require_http_methods(["GET", "POST"])
@login_required
def meldingen_instellingen(request):
    keuze = gesprekmeldingen.voorkeur(request.user)
    form = GesprekmeldingForm(request.POST or None, instance=keuze)
    if request.method == "POST" and form.is_valid():
        gesprekmeldingen.zet_voorkeur(request.user, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("meldingen")
    context = {"form": form, "gevolgd": volgen.gevolgd_door(request.user)}
    status = 400 if form.is_bound else 200
    return render(request, "nazorg/meldingen_instellingen.html", context, status=status)


urlpatterns = [
    path("nazorg/voorkeuren/", nazorg_voorkeuren, name="nazorg_voorkeuren"),
    path("meldingen/", meldingen, name="meldingen"),
    path("meldingen/<int:pk>/", meldingen_open, name="meldingen_open"),
    path("meldingen/gelezen/", meldingen_gelezen, name="meldingen_gelezen"),
    path("meldingen/instellingen/", meldingen_instellingen, name="meldingen_instellingen"),
]
