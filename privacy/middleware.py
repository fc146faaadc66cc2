from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import toestemming

# Paths open to someone who has not accepted the newest statement: the statement itself
# and accepting it, logging in and out, two-step setup, their privacy page and export, and deleting
# their account (a person who does not agree must still be able to leave with their data).
EXEMPT_PREFIXES = (
    "/privacy/",
    "/accounts/",
    "/static/",
    # The academy's colour sheet and logo (deelnemers/urls.py): part of every page,
    # this one included; without it the browser gets this redirect as a stylesheet.
    "/academie/",
    "/healthz",
    "/i18n/",
    "/tweestaps-nodig/",
    "/mijn-gegevens/privacy/",
    "/mijn-gegevens/export/",
    "/mijn-gegevens/verwijderen/",
)


class ToestemmingMiddleware:
    """After a new privacy statement is published, a logged-in person accepts it first.

    Only GET and HEAD are redirected: a form someone is sending at that moment (a
    reflection, say) still goes through, so nothing typed is lost; the next page asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method in ("GET", "HEAD")
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and toestemming.verplicht()
            and toestemming.moet_accepteren(request)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('privacy_accepteren')}?{query}")
        return self.get_response(request)
