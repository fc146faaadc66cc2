import smtplib

from celery import shared_task

from . import kennismaking, mail


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


_MAIL_OPNIEUW = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 6,
    "ignore_result": True,
}


@shared_task(**_MAIL_OPNIEUW)
def stuur_kennismaking_bevestiging(kennismaking_id: int):
    """Thin wrapper: the warm confirmation to someone who asked for a first conversation."""
    kennismaking.stuur_bevestiging(kennismaking_id)


@shared_task(**_MAIL_OPNIEUW)
def stuur_host_welkom(host_id: int):
    """Thin wrapper: a new host learns where the requests are."""
    kennismaking.stuur_welkom(host_id)


@shared_task(ignore_result=True)
def wis_verlopen_kennismakingen():
    """Thin wrapper (daily): requests older than KENNISMAKING_BEWAARDAGEN are erased."""
    return kennismaking.wis_verlopen()


@shared_task(**_MAIL_OPNIEUW)
def stuur_gesprekmail(naam: str, user_id: int, object_id, bericht: str = ""):
    """Mails about one-to-one conversations (groepen/gesprek_mail.py), same retries."""
    from . import gesprek_mail

    gesprek_mail.stuur(naam, user_id, object_id, bericht)


@shared_task(ignore_result=True)
def synchroniseer_rollen():
    """Thin wrapper (daily): co-facilitator memberships follow their roles' start and end."""
    from .rollen import synchroniseer_lidmaatschappen

    synchroniseer_lidmaatschappen()
