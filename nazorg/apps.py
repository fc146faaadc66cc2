from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NazorgConfig(AppConfig):
    name = "nazorg"
    verbose_name = _("Aftercare")

    def ready(self):
        from . import audit, nieuwe_facilitator

        audit.register()
        nieuwe_facilitator.connect()
