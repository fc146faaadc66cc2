import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herstelacademie.settings")

app = Celery("herstelacademie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def bij_start_van_beat(sender=None, **kwargs):
    # Hourly tasks first run an hour after beat starts: a fresh install would show no
    # academy-wide community space until then. Creating spaces is idempotent, so ask for
    # it once at start as well.
    app.send_task("nazorg.tasks.maak_ruimtes")
    # Likewise, reminders that fell due while beat was down go out now, not a tick later.
    app.send_task("nazorg.tasks.verstuur_herinneringen")
