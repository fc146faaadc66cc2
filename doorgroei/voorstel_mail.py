"""The email to a proposer when the coordinator decided on their activity proposal.

Sent by a Celery task after the decision is committed (doorgroei/voorstellen.py), only
when the proposer ticked "also tell me by email". It says where the proposal stands and
links to it; the coordinator's note is read on the page, behind the login, not in a mail.
The mail is rendered when it is sent, so it tells the latest state.
"""

import smtplib

from celery import shared_task

from lib.mail import bouw_mail

from .models import Activiteitvoorstel


def stuur(pk: int) -> None:
    voorstel = (
        Activiteitvoorstel.objects.select_related("indiener", "aanbod")
        .filter(pk=pk, mail=True, indiener__is_active=True)
        .exclude(indiener__email="")
        .first()
    )
    if voorstel is None:  # withdrawn from mail, erased, or no address
        return
    context = {"user": voorstel.indiener, "voorstel": voorstel}
    bouw_mail("doorgroei/email/voorstel", voorstel.indiener.email, context).send()


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    ignore_result=True,
)
def stuur_voorstel_mail(pk: int):
    """Thin wrapper: SMTP trouble is retried with growing pauses (30 s up to an hour)."""
    stuur(pk)
