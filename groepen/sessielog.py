"""Session logs (sessielog): a short process note per meeting, for the group's facilitators.

Who may open a log is decided by `groepen.write_sessielog` (groepen/rules.py) through
groepen/access.bijeenkomst_voor. This module only decides *when* a log can be written
and saves it without ever losing what a co-facilitator wrote in the meantime.

The text is encrypted at rest (EncryptedTextField) and never goes into a message, a
title, a URL or a log line.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import NOTITIE_MAX, Bijeenkomst, Sessielog

TEKSTVELDEN = ("sfeer", "veiligheid", "opvallend", "opvolging")
__all__ = ["NOTITIE_MAX", "TEKSTVELDEN", "Gewijzigd", "kan_schrijven", "sla_op"]


def kan_schrijven(bijeenkomst: Bijeenkomst) -> bool:
    """A log can be written from the day of the meeting on, never for a cancelled one."""
    return not bijeenkomst.geannuleerd and (
        timezone.localdate(bijeenkomst.begint_om) <= timezone.localdate()
    )


def log_van(bijeenkomst: Bijeenkomst) -> Sessielog | None:
    """The meeting's log with its writers, or None. One query."""
    return (
        Sessielog.objects.filter(bijeenkomst=bijeenkomst)
        .select_related("geschreven_door", "bijgewerkt_door")
        .first()
    )


def versie(log: Sessielog | None) -> str:
    """A token for the version someone started from ("" for a log not written yet)."""
    return log.bijgewerkt_op.isoformat() if log is not None else ""


def vorige_opvolging(bijeenkomst: Bijeenkomst) -> Sessielog | None:
    """The log of the group's previous meeting, when it has something to follow up.
    Shown as a reminder above the form. One query."""
    return (
        Sessielog.objects.filter(
            bijeenkomst__groep=bijeenkomst.groep_id,
            bijeenkomst__begint_om__lt=bijeenkomst.begint_om,
            bijeenkomst__geannuleerd=False,
        )
        .exclude(opvolging="")
        .select_related("bijeenkomst")
        .order_by("-bijeenkomst__begint_om")
        .first()
    )


@dataclass
class Gewijzigd(Exception):
    """A co-facilitator saved the log after this person opened it: nothing was saved."""

    log: Sessielog


def sla_op(bijeenkomst: Bijeenkomst, user, teksten: dict[str, str], gezien: str) -> Sessielog:
    """Create or update the meeting's log as `user`.

    `gezien` is the version the person started from (see `versie`). When someone else
    saved in between, nothing is overwritten: Gewijzigd is raised with the current log,
    so the page can show both texts.
    """
    if not kan_schrijven(bijeenkomst):
        raise ValueError("A session log cannot be saved for this meeting.")
    velden = {veld: teksten.get(veld, "") for veld in TEKSTVELDEN}
    with transaction.atomic():
        log = Sessielog.objects.select_for_update().filter(bijeenkomst=bijeenkomst).first()
        if log is None:
            try:
                with transaction.atomic():
                    return Sessielog.objects.create(
                        bijeenkomst=bijeenkomst,
                        geschreven_door=user,
                        bijgewerkt_door=user,
                        **velden,
                    )
            except IntegrityError:
                # A co-facilitator created it at the very same moment.
                raise Gewijzigd(log_van(bijeenkomst)) from None
        if versie(log) != gezien:
            raise Gewijzigd(log_van(bijeenkomst))
        for veld, tekst in velden.items():
            setattr(log, veld, tekst)
        log.bijgewerkt_door = user
        log.save()
        return log
