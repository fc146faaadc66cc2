"""Following a community space, and stopping the reply email from its one-click link.
Thin views: the logic lives in volgen.py and gesprekmail.py."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lib.urls import veilige_next

from .. import community, gesprekmail, volgen
from .community import richtlijnen_vereist
from .nazit import ONE_CLICK_BODY


@require_POST
@login_required
@richtlijnen_vereist
def ruimte_volgen(request, pk):
    """actie=stop stops following; anything else follows (twice is the same as once)."""
    ruimte = community.ruimte_voor(request.user, pk)
    if request.POST.get("actie") == "stop":
        volgen.ontvolg(request.user, ruimte)
        messages.success(request, _("You no longer follow this space."))
    else:
        volgen.volg(request.user, ruimte)
        messages.success(
            request, _("You follow this space. When someone starts a conversation here, you hear.")
        )
    return redirect(veilige_next(request) or reverse("ruimte", kwargs={"pk": ruimte.pk}))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def gesprekmail_stoppen(request, token):
    """Stop the reply email, without logging in. Opening the link (GET) changes nothing
    (mail scanners open links); one tap confirms. CSRF applies, except for the exact
    RFC 8058 one-click body that mail programs POST to the List-Unsubscribe address."""
    if request.method == "POST" and request.body != ONE_CLICK_BODY:
        geweigerd = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if geweigerd is not None:
            return geweigerd
    user_id = gesprekmail.lees_stop_token(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return render(request, "nazorg/link_fout.html", {"verlopen": False}, status=400)
    context = {"klaar": False}
    if request.method == "POST":
        gesprekmail.stop(user)
        context["klaar"] = True
    return render(request, "nazorg/gesprekmail_stoppen.html", context)


urlpatterns = [
    path("community/<int:pk>/volgen/", ruimte_volgen, name="ruimte_volgen"),
    path("meldingen/email-stoppen/<str:token>/", gesprekmail_stoppen, name="gesprekmail_stoppen"),
]
