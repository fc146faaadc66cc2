from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeelnemersConfig(AppConfig):
    name = "deelnemers"
    verbose_name = _("People")

    def ready(self):
        from . import fields  # noqa: F401 - registers the encryption key system check
