from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoorgroeiConfig(AppConfig):
    name = "doorgroei"
    verbose_name = _("Giving back")
