"""Views that trust their input, for the self-tests of the wrong-type sweep only."""

import logging

from django.http import HttpResponse
from django.urls import path

from groepen.models import Groep


def vertrouwt_post(request):
    # The bug the sweep exists for: an id from the form straight into a query.
    if request.method == "POST" and request.POST.get("actie") == "stop":
        Groep.objects.filter(pk=request.POST.get("groep")).exists()
    return HttpResponse(
        "<form method='post'><input type='hidden' name='groep' value='1'>"
        "<input type='hidden' name='actie' value='stop'><button>Stop</button></form>"
    )


def vertrouwt_get(request):
    return HttpResponse(f"pagina {int(request.GET.get('pagina', '1'))}")


def slikt_en_logt(request):
    try:
        int(request.GET.get("jaar", "2026"))
    except ValueError:
        logging.getLogger("brittle").exception("jaar kapot")
    return HttpResponse("ok")


urlpatterns = [
    path("post/", vertrouwt_post),
    path("get/", vertrouwt_get),
    path("logt/", slikt_en_logt),
]
