"""Short dates: Dutch month abbreviations are lowercase ("5 dec", "mrt", "mei"), English
ones capitalised ("5 Dec"). Django's "M" capitalises in every language, so our pages use
the named formats of herstelacademie/formats instead (issue 13: "5 Dec" on Dutch pages)."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from impact.modelspiegel import maand_label

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VIJF_DEC = datetime.date(2026, 12, 5)  # a Saturday

NAMEN = [
    "KORTE_DATUM_FORMAT",
    "KORTE_DATUM_JAAR_FORMAT",
    "KORTE_DATUM_TIJD_FORMAT",
    "KORTE_DAG_DATUM_FORMAT",
    "KORTE_MAAND_JAAR_FORMAT",
]


@pytest.mark.parametrize(
    ("taal", "naam", "verwacht"),
    [
        ("nl", "KORTE_DATUM_FORMAT", "5 dec"),
        ("nl", "KORTE_DATUM_JAAR_FORMAT", "5 dec 2026"),
        ("nl", "KORTE_DAG_DATUM_FORMAT", "za 5 dec"),
        ("nl", "KORTE_MAAND_JAAR_FORMAT", "dec 2026"),
        ("en", "KORTE_DATUM_FORMAT", "5 Dec"),
        ("en", "KORTE_DATUM_JAAR_FORMAT", "5 Dec 2026"),
        ("en", "KORTE_DAG_DATUM_FORMAT", "Sat 5 Dec"),
        ("en", "KORTE_MAAND_JAAR_FORMAT", "Dec 2026"),
    ],
)
def test_short_dates_follow_the_language(taal, naam, verwacht):
    with translation.override(taal):
        assert date_format(VIJF_DEC, naam) == verwacht
        assert Template(f'{{{{ d|date:"{naam}" }}}}').render(Context({"d": VIJF_DEC})) == verwacht


def test_every_dutch_month_is_lowercase_dutch():
    with translation.override("nl"):
        maanden = [
            date_format(datetime.date(2026, m, 1), "KORTE_DATUM_FORMAT") for m in range(1, 13)
        ]
    assert maanden == [
        f"1 {m}"
        for m in [
            "jan",
            "feb",
            "mrt",
            "apr",
            "mei",
            "jun",
            "jul",
            "aug",
            "sep",
            "okt",
            "nov",
            "dec",
        ]
    ]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_every_named_format_exists_in_every_language(taal):
    # A name missing from a language module would be printed as the name itself.
    with translation.override(taal):
        for naam in NAMEN:
            tekst = date_format(datetime.datetime(2026, 12, 5, 14, 30, tzinfo=datetime.UTC), naam)
            assert "dec" in tekst.lower(), (naam, tekst)


def test_model_mirror_months_are_dutch_on_dutch_pages():
    with translation.override("nl"):
        assert maand_label(datetime.date(2026, 3, 1)) == "mrt 2026"
        assert maand_label(datetime.date(2026, 10, 1)) == "okt 2026"


def test_no_page_formats_a_month_with_capitalising_M():
    """Guard: a date format with Django's "M" prints "Dec" on Dutch pages too."""
    letterlijk = re.compile(r"""date:["']([^"']*)["']|date_format\(.*?["']([^"']*)["']\s*\)""")
    fout = []
    bestanden = [*BASE_DIR.glob("templates/**/*.html"), *BASE_DIR.glob("templates/**/*.txt")]
    bestanden += [
        p
        for p in BASE_DIR.glob("*/**/*.py")
        if not {".venv", "node_modules", "tests"} & set(p.relative_to(BASE_DIR).parts)
    ]
    for pad in bestanden:
        for filter_arg, python_arg in letterlijk.findall(pad.read_text(encoding="utf-8")):
            formaat = filter_arg or python_arg
            # A backslash escapes a format character; named formats are in capitals.
            kaal = re.sub(r"\\.", "", formaat)
            if "M" in kaal and not re.fullmatch(r"[A-Z_]+_FORMAT", formaat):
                fout.append(f"{pad.relative_to(BASE_DIR)}: {formaat!r}")
    assert not fout, (
        "Use a named format from herstelacademie/formats instead of 'M':\n" + "\n".join(fout)
    )
