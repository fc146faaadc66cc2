"""CSV downloads in the shape Dutch spreadsheet programs open directly.

Semicolons as separator, a UTF-8 byte order mark so accented names survive, and every
cell through one formula guard: a cell that starts with = + - @ or a tab or carriage
return would run as a formula in a spreadsheet program (CSV injection), so it gets a
leading apostrophe, which spreadsheets show as plain text.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


def veilig(waarde) -> str:
    """One cell as text that a spreadsheet program never runs as a formula."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(FORMULE_TEKENS) else tekst


class _Echo:
    """A file-like object that hands back what is written, for streaming."""

    def write(self, waarde):
        return waarde


def regels(rijen: Iterable[Iterable]) -> Iterable[str]:
    """The file as text pieces: the BOM, then one line per row, every cell guarded."""
    schrijver = csv.writer(_Echo(), delimiter=";")
    yield BOM
    for rij in rijen:
        yield schrijver.writerow([veilig(cel) for cel in rij])


def csv_response(bestandsnaam: str, rijen: Iterable[Iterable], *, streamen: bool = False):
    """A download of `rijen` (the first row is the header) as `bestandsnaam`.

    `streamen=True` writes rows while the response goes out, for a long file (the audit
    trail) that should never time out; `rijen` is then consumed lazily.
    """
    if streamen:
        response = StreamingHttpResponse(regels(rijen), content_type=CONTENT_TYPE)
    else:
        response = HttpResponse("".join(regels(rijen)), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
