"""The coordinator's view of the trail as CSV, streamed so a long trail never times out.

Same columns as the page: time, kind, who, about whom (display name and account
number) and the ids in details. Semicolons, as the impact exports use, so Dutch
spreadsheet programs open it directly.
"""

import csv
import json

from django.utils import timezone

KOPPEN = ["tijd", "soort", "omschrijving", "door_id", "door", "betreft_id", "betreft", "details"]
# A cell starting with one of these could run as a formula in a spreadsheet.
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _cel(waarde: str) -> str:
    return f"'{waarde}" if waarde.startswith(FORMULE_TEKENS) else waarde


def _naam(user) -> str:
    return _cel(user.get_short_name()) if user is not None else ""


def regels(events):
    """CSV lines for an AuditEvent queryset (already filtered and with select_related)."""
    schrijver = csv.writer(_Echo(), delimiter=";")
    yield schrijver.writerow(KOPPEN)
    for e in events.iterator(chunk_size=2000):
        yield schrijver.writerow(
            [
                timezone.localtime(e.tijd).isoformat(timespec="seconds"),
                e.soort,
                str(e.get_soort_display()),
                e.actor_id or "",
                _naam(e.actor),
                e.betreft_id or "",
                _naam(e.betreft),
                json.dumps(e.details, sort_keys=True),
            ]
        )
