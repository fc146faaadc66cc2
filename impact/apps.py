from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Impact and figures")

    def ready(self):
        # Closed months' summaries learn here when their data changes.
        from .samenvatting_signalen import verbind

        verbind()
