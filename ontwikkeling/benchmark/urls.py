"""The project's URLs plus one bare view: the benchmark's yardstick.

Used only through override_settings(ROOT_URLCONF=...) while measuring, so the bare view
never exists in the running site. It passes the same middleware as every page (session,
user, MFA check), so the ratio page/yardstick is what the page itself adds.
"""

from django.http import HttpResponse
from django.urls import path

from herstelacademie.urls import handler403, handler404, handler500, urlpatterns

BARE_PATH = "/__benchmark__/bare/"


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare, name="benchmark_bare"), *urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
