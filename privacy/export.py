"""Everything the academy holds about one person, as a zip: gegevens.json for machines and
gegevens.html for people.

The zip is streamed: every kind of data is read with a chunked iterator and written into
the zip as it comes, so a very large account never sits in memory and the download
starts at once. The number of queries is fixed (one per kind), whatever the amount.

Only rows the person wrote or owns are included, never someone else's words: for a post
in someone else's thread, the thread's number is given but not its title.

What is in it comes from each app's privacy provider (`<app>/privacy.py`, registered with
lib.privacy); this module only writes it out.
"""

from __future__ import annotations

import datetime
import json
import zipfile
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lib import privacy as privacy_register
from lib.privacy import Sectie, Veld

# Hand the zip to the web server in pieces of about this size.
FLUSH_BYTES = 64 * 1024
SECTIES_MARKER = "<!--SECTIES-->"
# The downloaded page is opened from the person's own disk, without the site's
# stylesheet, so its few styles travel inside the file. The site never serves this page
# (no CSP applies); it lives here because templates/ must hold no inline styles.
STIJL = mark_safe(  # a constant, no user input
    "<style>"
    "body{font-family:system-ui,sans-serif;font-size:17px;line-height:1.6;color:#2b2118;"
    "background:#fbf6ef;margin:0;padding:1rem}"
    "main{max-width:48rem;margin:0 auto}"
    "h1{font-size:1.6rem}"
    "h2{font-size:1.25rem;margin-top:2rem;border-top:2px solid #e3d5c5;padding-top:1rem}"
    "a{color:#8a3b12}"
    "dl.rij{background:#fff;border:1px solid #e3d5c5;border-radius:12px;padding:.75rem 1rem;"
    "margin:0 0 .75rem}"
    "dt{font-weight:600;color:#5c4d40;font-size:.95rem}"
    "dd{margin:0 0 .5rem}"
    "dd.lang{white-space:pre-wrap;overflow-wrap:anywhere}"
    ".leeg{color:#5c4d40;font-style:italic}"
    "</style>"
)


class _Secties:
    """Every app's sections (lib.privacy), in the export's order. Read when used, so the
    providers registered when the apps were ready are all there."""

    def __iter__(self) -> Iterator[Sectie]:
        return iter(privacy_register.secties())

    def __len__(self) -> int:
        return len(privacy_register.secties())


SECTIES = _Secties()


# --- Writing: JSON, HTML and the zip around them ---------------------------------------


class _JSONEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return timezone.localtime(o).isoformat(timespec="seconds")
        if isinstance(o, datetime.date):
            return o.isoformat()
        return str(o)  # lazy translations


def json_delen(user) -> Iterator[str]:
    yield '{"gemaakt_op": ' + json.dumps(timezone.now(), cls=_JSONEncoder)
    for sectie in SECTIES:
        yield f', "{sectie.sleutel}": ['
        for i, rij in enumerate(sectie.rijen(user)):
            yield ("" if i == 0 else ", ") + json.dumps(rij, cls=_JSONEncoder, ensure_ascii=False)
        yield "]"
    yield "}\n"


def _waarde(veld: Veld, waarde) -> str:
    """One value, escaped, readable for a person."""
    if waarde is None or waarde == "":
        return "\u2013"
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if isinstance(waarde, datetime.datetime):
        return formats.date_format(timezone.localtime(waarde), "j F Y H:i")
    if isinstance(waarde, datetime.date):
        return formats.date_format(waarde, "j F Y")
    if isinstance(waarde, dict):
        keuzes = veld.keuzes or {}
        return (
            "\n\n".join(
                f"{escape(keuzes.get(k, k))}:\n{escape(v)}"
                if veld.keuzes
                else f"{escape(k)}: {escape(v)}"
                for k, v in waarde.items()
            )
            or "\u2013"
        )
    if veld.keuzes and waarde in veld.keuzes:
        return escape(veld.keuzes[waarde])
    return escape(waarde)


def _html_rij(sectie: Sectie, rij: dict) -> str:
    regels = []
    for veld in sectie.velden:
        klasse = ' class="lang"' if veld.lang else ""
        regels.append(
            f"<dt>{escape(veld.label)}</dt><dd{klasse}>{_waarde(veld, rij.get(veld.sleutel))}</dd>"
        )
    return '<dl class="rij">' + "".join(regels) + "</dl>\n"


def html_delen(user) -> Iterator[str]:
    begin, eind = render_to_string(
        "privacy/export_gegevens.html",
        {
            "user": user,
            "gemaakt_op": timezone.now(),
            "secties": [s for s in SECTIES if not s.optioneel],
            "marker": SECTIES_MARKER,
            "stijl": STIJL,
        },
    ).split(SECTIES_MARKER)
    yield begin
    for sectie in SECTIES:
        kop = f'<section id="{sectie.sleutel}"><h2>{escape(sectie.titel)}</h2>\n'
        if sectie.uitleg:
            kop += f"<p>{escape(sectie.uitleg)}</p>\n"
        aantal = 0
        for rij in sectie.rijen(user):
            if aantal == 0:
                yield kop
            aantal += 1
            yield _html_rij(sectie, rij)
        if aantal == 0 and not sectie.optioneel:
            yield kop + f'<p class="leeg">{escape(_("Nothing here."))}</p>\n'
        if aantal or not sectie.optioneel:
            yield "</section>\n"
    yield eind


class _Sink:
    """A write-only file for ZipFile: it has no tell() or seek(), so ZipFile writes a
    streamable zip (sizes after each file), and we hand out what it wrote so far."""

    def __init__(self):
        self.stukken: list[bytes] = []
        self.grootte = 0

    def write(self, data) -> int:
        self.stukken.append(bytes(data))
        self.grootte += len(data)
        return len(data)

    def flush(self):
        pass

    def leeg(self) -> bytes:
        data = b"".join(self.stukken)
        self.stukken, self.grootte = [], 0
        return data


def zip_stream(user, taal: str | None = None) -> Iterator[bytes]:
    """The zip as a stream of bytes: gegevens.json, then gegevens.html."""
    sink = _Sink()
    with translation.override(taal), zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, delen in (("gegevens.json", json_delen), ("gegevens.html", html_delen)):
            # force_zip64: the size is not known in advance and may be large.
            with zf.open(naam, "w", force_zip64=True) as bestand:
                for deel in delen(user):
                    bestand.write(deel.encode("utf-8"))
                    if sink.grootte >= FLUSH_BYTES:
                        yield sink.leeg()
            yield sink.leeg()
    yield sink.leeg()
