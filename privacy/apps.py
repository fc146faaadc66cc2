from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Connects the login signal that records the day of the last visit, before any
        # request has loaded the middleware.
        from . import activiteit  # noqa: F401
