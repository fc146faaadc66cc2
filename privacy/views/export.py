"""Download everything the academy holds about you (privacy/export.py builds the zip)."""

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from audit.log import record
from audit.models import AuditEvent

from ..export import zip_stream


@require_http_methods(["GET", "POST"])
@login_required
def privacy_export(request):
    if request.method == "GET":
        return render(request, "privacy/export.html")
    record(AuditEvent.Soort.EXPORT_EIGEN, actor=request.user, betreft=request.user)
    response = StreamingHttpResponse(
        zip_stream(request.user, taal=get_language()), content_type="application/zip"
    )
    naam = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    # Personal data: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("mijn-gegevens/export/", privacy_export, name="privacy_export"),
]
