from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoorgroeiConfig(AppConfig):
    name = "doorgroei"
    verbose_name = _("Giving back")

    def ready(self):
        # Registers the Celery task that mails a proposer (the worker imports no views).
        from . import voorstel_mail  # noqa: F401
