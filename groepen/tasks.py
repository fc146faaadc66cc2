import smtplib

from celery import shared_task

from . import mail


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    ignore_result=True,
)
def stuur_mail(naam: str, user_id: int, context: dict):
    """Thin wrapper: SMTP trouble is retried with growing pauses (30 s up to an hour)."""
    mail.stuur(naam, user_id, context)
