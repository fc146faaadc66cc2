import logging

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect, render
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from groepen.roles import rollen_van

logger = logging.getLogger(__name__)

# Paths a person without two-step verification may still open: setting it up (allauth's
# MFA pages and the password check it asks for first), logging out, the privacy
# statement, and pages that carry nobody's data. Not the rest of /accounts/: changing
# the email address or password of a staff account must wait until a second factor
# protects it (tests/herstelacademie/test_mfa_vrijstelling.py walks every other URL).
MFA_EXEMPT_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/healthz",
    "/static/",
    "/i18n/",
    "/tweestaps-nodig/",
    "/privacy/versie/",
    # The academy's colour and logo (deelnemers.academie_views): public, on every page.
    "/academie/",
)
# Exact paths only: other pages under /privacy/ (export, deletion) hold personal data.
MFA_EXEMPT_PATHS = frozenset({"/privacy/"})


def mfa_vrijgesteld(path: str) -> bool:
    return path in MFA_EXEMPT_PATHS or path.startswith(MFA_EXEMPT_PREFIXES)


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
            and not mfa_vrijgesteld(request.path)
            and rollen_van(user).needs_mfa
            and not is_mfa_enabled(user)
        ):
            return redirect("mfa_required")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (Django has no setting of its own for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


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
