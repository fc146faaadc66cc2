"""Thin Celery wrappers. The database rows are the queue (see nazorg/herinneringen.py):
a task only says "process what is due", so a lost or doubled task changes nothing."""

from celery import shared_task

from . import herinneringen, planning


@shared_task(ignore_result=True)
def verstuur_herinneringen(batch: int = 200, max_batches: int | None = None):
    return herinneringen.verstuur_herinneringen(batch=batch, max_batches=max_batches)


@shared_task(ignore_result=True)
def plan_nazit():
    r = planning.plan_alle()
    return {"momenten": r.momenten, "herinneringen": r.herinneringen}


from .digest import verstuur_digest_taak  # noqa: E402, F401 - registers the weekly digest task
