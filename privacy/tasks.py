"""Celery tasks: thin wrappers around privacy.verwijderen and privacy.bewaartermijn."""

import smtplib

from celery import shared_task

from . import bewaartermijn, verwijderen


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    ignore_result=True,
)
def stuur_verzoekmail(verzoek_id: int):
    """The confirmation with the undo link; SMTP trouble is retried with growing pauses."""
    verwijderen.stuur_verzoekmail(verzoek_id)


@shared_task(ignore_result=True)
def verwijder_accounts():
    """Daily: carry out due deletion requests, then the retention warnings and erasures.
    Same work as `manage.py verwijder_accounts`; safe to run twice."""
    verwijderen.voer_verzoeken_uit()
    bewaartermijn.voer_uit()
