from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntwikkelingConfig(AppConfig):
    """Demo data and benchmark tooling: the top floor, free to import every app.

    No models and no URLs in the running site; only management commands
    (`demo`, `benchmark`, `benchmark_herinneringen`) and the code they use.
    """

    name = "ontwikkeling"
    verbose_name = _("Development tools")
