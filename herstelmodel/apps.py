from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelmodelConfig(AppConfig):
    name = "herstelmodel"
    verbose_name = _("Recovery model")

    def ready(self):
        from . import audit

        audit.connect()
