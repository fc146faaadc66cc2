from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeelnemersConfig(AppConfig):
    name = "deelnemers"
    verbose_name = _("People")
