"""Supplies the waiting deletion request to the notice in
templates/privacy/includes/verwijder_melding.html.

Lazy: the query runs only on pages that include the notice, and only once per page.
"""

from functools import cache


def verwijderverzoek(request):
    user = getattr(request, "user", None)

    @cache
    def wachtend():
        if user is None or not user.is_authenticated:
            return None
        from .verwijderen import wachtend_verzoek

        return wachtend_verzoek(user)

    return {"wachtend_verwijderverzoek": wachtend}
