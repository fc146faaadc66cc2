"""Remember the day of each person's last visit, for the retention job.

At most one write per person per day: the user row is loaded on nearly every page
anyway, so comparing its `laatst_actief` with today costs nothing, and only the first
request of the day runs one small UPDATE. Only the day is kept, nothing finer.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone


def markeer_actief(user) -> bool:
    """Set laatst_actief to today unless it already is. True when it wrote."""
    vandaag = timezone.localdate()
    if user.laatst_actief == vandaag:
        return False
    get_user_model().objects.filter(pk=user.pk).update(laatst_actief=vandaag)
    user.laatst_actief = vandaag
    return True


class ActiviteitMiddleware:
    """Place after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            markeer_actief(user)
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="privacy.activiteit.login")
def bij_inloggen(sender, request, user, **kwargs):
    """Logging in resets the retention clock, even before the next page loads. Django's
    signal, which allauth's login also sends, so every way of logging in counts."""
    markeer_actief(user)
