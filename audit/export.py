"""The coordinator's view of the trail as CSV, streamed so a long trail never times out.

The same columns and words as the page: time, what happened, who did it and about whom
(display name and account number), and the details as "label: value". The file's shape
(semicolons, byte order mark, formula guard) comes from lib.csv.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib.csv import csv_response

from .weergave import details_tekst


def _persoon(user, user_id) -> str:
    # As on the page: "Ruben #12"; get_short_name shows an erased account as "Former member".
    return f"{user.get_short_name()} #{user_id}" if user is not None else ""


def _rij(e) -> list[str]:
    return [
        f"{timezone.localtime(e.tijd):%d-%m-%Y %H:%M:%S}",
        str(e.get_soort_display()),
        _persoon(e.actor, e.actor_id),
        _persoon(e.betreft, e.betreft_id),
        " · ".join(f"{label}: {waarde}" for label, waarde in details_tekst(e.details)),
    ]


def _rijen(events, taal):
    # The response is streamed after the view has returned: keep the request's language.
    with translation.override(taal):
        kop = [_("Time"), _("What"), _("By"), _("About"), _("Details")]
    yield kop
    for e in events.iterator(chunk_size=2000):
        with translation.override(taal):
            rij = _rij(e)
        yield rij


def csv_download(events):
    """A streamed download of an AuditEvent queryset (filtered, with select_related)."""
    naam = f"logboek-{timezone.localdate():%Y%m%d}.csv"
    return csv_response(naam, _rijen(events, translation.get_language()), streamen=True)
