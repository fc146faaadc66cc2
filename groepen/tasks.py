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


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    ignore_result=True,
)
def stuur_gesprekmail(naam: str, user_id: int, object_id, bericht: str = ""):
    """Mails about one-to-one conversations (groepen/gesprek_mail.py), same retries."""
    from . import gesprek_mail

    gesprek_mail.stuur(naam, user_id, object_id, bericht)
