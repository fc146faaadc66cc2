from celery import shared_task

from .models import Heartbeat


@shared_task(ignore_result=True)
def heartbeat():
    """Record that beat scheduled and a worker ran a job; /healthz reports its age."""
    Heartbeat.beat()
