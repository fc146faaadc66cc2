from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Connects the login signal that records the day of the last visit, before any
        # request has loaded the middleware.
        from . import activiteit  # noqa: F401

        # Every app's privacy provider (<app>/privacy.py, this app's own included)
        # registers itself with lib.privacy on import, as admin.py modules do for the admin.
        autodiscover_modules("privacy")
