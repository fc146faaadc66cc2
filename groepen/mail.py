"""Warm Dutch emails (plain text + HTML) about groups and meetings.

Every mail is rendered (by lib.mail) from three templates in templates/groepen/email/:
<naam>_onderwerp.txt (subject), <naam>.txt (plain) and <naam>.html. Sending happens in
a Celery task (groepen.tasks.stuur_mail) so a slow SMTP server never slows a page down;
the page has already saved what matters before the mail is queued.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives

from lib.mail import bouw_mail

logger = logging.getLogger(__name__)


def render_mail(naam: str, user, context: dict) -> EmailMultiAlternatives:
    return bouw_mail(f"groepen/email/{naam}", user.email, {"user": user, **context})


def laad_context(context: dict) -> dict:
    """Turn the plain ids a task carries into the objects the templates show.

    groep_id -> groep (with aanbod) and its next meetings; bijeenkomst_id -> bijeenkomst.
    Values are read when the mail is sent, so it always shows the latest date and place.
    """
    from .models import Bijeenkomst, Groep

    geladen = dict(context)
    if "bijeenkomst_id" in context:
        bijeenkomst = (
            Bijeenkomst.objects.select_related("groep__aanbod", "groep__plek", "plek")
            .filter(pk=context["bijeenkomst_id"])
            .first()
        )
        geladen["bijeenkomst"] = bijeenkomst
        if bijeenkomst is not None:
            geladen.setdefault("groep_id", bijeenkomst.groep_id)
    if "groep_id" in geladen:
        groep = (
            Groep.objects.select_related("aanbod", "plek").filter(pk=geladen["groep_id"]).first()
        )
        geladen["groep"] = groep
        geladen["komende_bijeenkomsten"] = (
            list(groep.bijeenkomsten.komend().select_related("plek")[:3])
            if groep is not None
            else []
        )
    return geladen


def stuur(naam: str, user_id: int, context: dict) -> None:
    """Render and send now. Called by the Celery task; context holds only plain values."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    render_mail(naam, user, laad_context(context)).send()


def stuur_later(naam: str, user_ids, context: dict) -> None:
    """Queue one mail per person. A broker outage is logged, never shown as an error:
    what the person did (enrolling, moving a meeting) is already saved."""
    from .tasks import stuur_mail

    for user_id in user_ids:
        try:
            stuur_mail.delay(naam, user_id, context)
        except Exception as exc:  # kombu raises several types when the broker is down
            logger.error("Could not queue mail %s for user %s (%s)", naam, user_id, type(exc))
