"""Custom error pages: calm words, no technical details."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template
from django.views.debug import SafeExceptionReporterFilter


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke (the database, a context processor) must not
    # break the error page as well.
    return HttpResponseServerError(get_template("500.html").render({}))


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (500 mails, DEBUG pages) never carry what people wrote.

    Every POST value and every local variable is masked, not only those with
    "password"-like names: a stack frame of a reflection view holds the reflection's
    text, and error reports travel by email. The traceback lines themselves stay.
    """

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
