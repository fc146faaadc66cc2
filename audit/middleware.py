"""Lets audit signals know who is acting.

Model signals (a role changed, a membership saved) do not get the request, so this
middleware keeps the current request in a context variable for the duration of one
request. Outside a request (management commands, Celery) there is no actor, which the
trail shows as "the system".
"""

from contextvars import ContextVar

_request = ContextVar("audit_request", default=None)


def huidige_actor():
    """The logged-in person handling the current request, or None."""
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    if user is None or not user.is_authenticated:
        return None
    return user


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
