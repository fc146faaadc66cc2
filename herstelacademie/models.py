from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a periodic job ran; /healthz reads it to prove beat and worker live."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    last_run = models.DateTimeField(_("last run"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.name

    @classmethod
    def beat(cls, name: str = "heartbeat") -> "Heartbeat":
        obj, _created = cls.objects.update_or_create(
            name=name, defaults={"last_run": timezone.now()}
        )
        return obj

    @classmethod
    def age_seconds(cls, name: str = "heartbeat") -> float | None:
        last_run = cls.objects.filter(name=name).values_list("last_run", flat=True).first()
        if last_run is None:
            return None
        return (timezone.now() - last_run).total_seconds()
