"""Celery tasks: thin wrappers around impact/samenvatting.py."""

from celery import shared_task

from . import samenvatting


@shared_task(ignore_result=True)
def maandcijfers():
    """Daily: store the closed months' figures. Same work as `manage.py maandcijfers`."""
    samenvatting.werk_bij()
