from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeelnemersConfig(AppConfig):
    name = "deelnemers"
    verbose_name = _("People")

    def ready(self):
        from lib.mail import registreer_context

        from . import academie, fields  # noqa: F401 - signals; the encryption key check

        registreer_context(academie.mail_context)
