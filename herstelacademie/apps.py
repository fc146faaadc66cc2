from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelacademieConfig(AppConfig):
    name = "herstelacademie"
    verbose_name = _("Herstelacademie")

    def ready(self):
        # Registers the deploy check, and stops start-up in production with a key,
        # token or password that is written in the repository.
        from . import checks

        checks.weiger_bij_start()
