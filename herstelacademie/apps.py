from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelacademieConfig(AppConfig):
    name = "herstelacademie"
    verbose_name = _("Herstelacademie")
