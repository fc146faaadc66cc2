import logging

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect, render
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from groepen.roles import rollen_van

logger = logging.getLogger(__name__)

# Paths a person without two-step verification may still open: setting it up,
# logging out, and the pages that carry no one else's data.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/healthz", "/static/", "/i18n/", "/tweestaps-nodig/")


class StaffMfaMiddleware:
    """Facilitators, coordinators and admins must set up MFA before anything else.

    Checked on every request (two cheap queries), so a role granted during a session
    takes effect at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and rollen_van(user).needs_mfa
            and not is_mfa_enabled(user)
        ):
            return redirect("mfa_required")
        return self.get_response(request)


class BackgroundServiceDownMiddleware:
    """An unreachable Redis/broker gets a calm Dutch page (503), never a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RedisConnectionError | RedisTimeoutError | BrokerError):
            logger.error("Background service unreachable: %s", type(exception).__name__)
            return render(request, "503.html", status=503)
        return None
