"""The personal calendar link: a page that explains it, and the feed itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from .. import kalender


@require_GET
@login_required
def kalender_pagina(request):
    feed = kalender.feed_van(request.user)
    context = {"feed": feed}
    if feed is not None:
        context["feed_url"] = kalender.feed_url(feed)
        context["webcal_url"] = kalender.webcal_url(feed)
    return render(request, "groepen/kalender/kalender.html", context)


@require_POST
@login_required
def kalender_vernieuwen(request):
    _feed, nieuw = kalender.vernieuw_feed(request.user)
    if nieuw:
        messages.success(request, _("Your calendar link is ready. Add it to your calendar below."))
    else:
        messages.success(
            request,
            _("You have a new calendar link. The old link no longer works."),
        )
    return redirect("kalender")


@require_safe
def kalender_feed(request, token):
    """No login: calendar apps fetch this on their own. The token is the secret."""
    feed = kalender.feed_voor_token(token)
    if feed is None:
        raise Http404
    response = HttpResponse(
        kalender.kalender_ics(feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="herstelacademie.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, max_age=kalender.VERVERS_SECONDEN // 4)
    return response


urlpatterns = [
    path("kalender/", kalender_pagina, name="kalender"),
    path("kalender/vernieuwen/", kalender_vernieuwen, name="kalender_vernieuwen"),
    path("kalender/<str:token>.ics", kalender_feed, name="kalender_feed"),
]
