"""Thin Celery wrappers. The database rows are the queue (see nazorg/herinneringen.py):
a task only says "process what is due", so a lost or doubled task changes nothing."""

from celery import shared_task
from django.conf import settings

from . import community, gesprekmail, herinneringen, nazitberichten, planning

# Due reminders one engine takes on before another one is asked to help (one engine
# sends roughly 150-200 a second, so a thousand is a few seconds of work).
PER_ENGINE = 1000


@shared_task(ignore_result=True)
def verstuur_herinneringen(batch: int = 200, max_batches: int | None = None, helpen=True):
    """The beat task. When many reminders are due (e.g. a large course ended), it first
    asks up to HERINNERING_ENGINES - 1 other worker processes to help, then works itself."""
    if helpen:
        for _ in range(herinneringen.extra_engines(settings.HERINNERING_ENGINES, PER_ENGINE)):
            verstuur_herinneringen.delay(batch=batch, max_batches=max_batches, helpen=False)
    telling = herinneringen.verstuur_herinneringen(batch=batch, max_batches=max_batches)
    # Then the messages after an invitation (date known or changed, tomorrow, called
    # off): few, and by the same engine, so the same tick sends them.
    telling["berichten"] = nazitberichten.verstuur(batch=batch, max_batches=max_batches)
    return telling


@shared_task(ignore_result=True)
def plan_nazit():
    r = planning.plan_alle()
    return {"momenten": r.momenten, "herinneringen": r.herinneringen}


@shared_task(ignore_result=True)
def maak_ruimtes():
    """Community spaces for groups that have ended (and the academy-wide one)."""
    return community.maak_ruimtes()


@shared_task(ignore_result=True)
def missen():
    """Daily: "misschien even contact?" signals, then their one message (nazorg/missen.py)."""
    from . import missen_taak

    return missen_taak.draai()


@shared_task(ignore_result=True)
def verstuur_gesprekmails():
    """Reply emails for those who chose them (nazorg/gesprekmail.py): the rows are the
    queue, so a lost or doubled tick changes nothing."""
    return gesprekmail.verstuur_gesprekmails()


from .digest import verstuur_digest_taak  # noqa: E402, F401 - registers the weekly digest task
