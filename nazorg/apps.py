from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NazorgConfig(AppConfig):
    name = "nazorg"
    verbose_name = _("Aftercare")

    def ready(self):
        from . import audit, gesprekmeldingen, nieuwe_facilitator, uitnodiging

        audit.register()
        gesprekmeldingen.connect()
        nieuwe_facilitator.connect()
        uitnodiging.connect()
