"""Dutch first: a complete translation, compiled, and English selectable."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGS = [
    BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po",
    BASE_DIR / "locale-allauth" / "nl" / "LC_MESSAGES" / "django.po",
]
SOURCE_DIRS = ["herstelacademie", "deelnemers", "groepen", "herstelmodel", "nazorg", "templates"]
# Also the apps added later (their strings were missed: the export's headings were English).
SOURCE_DIRS += ["audit", "impact", "privacy", "lib", "doorgroei"]


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: p.parent.parent.parent.name)
def test_dutch_catalog_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    with open(po_path.with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in po.translated_entries():
        if entry.msgid_plural and entry.msgctxt:
            got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
            assert got == entry.msgstr_plural[0], "run `make messages`"
        elif entry.msgid_plural:
            got = compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
            assert got == entry.msgstr_plural[0], "run `make messages`"
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, "run `make messages`"


def literal_strings():
    """Plain literals in {% translate "…" %} and _("…") calls (single line)."""
    patterns = [
        re.compile(r"""{%\s*(?:translate|trans)\s+"([^"]+)"\s*%}"""),
        re.compile(r"""{%\s*(?:translate|trans)\s+'([^']+)'\s*%}"""),
        re.compile(r"""\b_l?\(\s*"([^"]+)"\s*\)"""),
    ]
    for folder in SOURCE_DIRS:
        for path in (BASE_DIR / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".txt"} or "migrations" in path.parts:
                continue
            text = path.read_text()
            for pattern in patterns:
                for match in pattern.finditer(text):
                    yield path.relative_to(BASE_DIR), match.group(1)


def test_every_string_in_the_code_is_in_the_catalog():
    known = {e.msgid for e in polib.pofile(str(CATALOGS[0]))}
    missing = sorted({f"{p}: {s}" for p, s in literal_strings() if s not in known})
    assert not missing, "Run `make messages` and translate:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_dutch_is_the_default_and_english_is_selectable(client, deelnemer):
    client.force_login(deelnemer)
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert '<html lang="nl">' in html
    assert "Fijn dat je er bent, Sam" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/mijn-overzicht/"})
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert '<html lang="en">' in html
    assert "Good to see you, Sam" in html


@pytest.mark.django_db
def test_allauth_screens_use_our_words(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "Inloggen" in html
    assert "Aanmelden" not in html  # "aanmelden" means enrolling in a course here
