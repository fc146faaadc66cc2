"""One rule for small figures: no figure about fewer than deelnemers.privacy.MIN_AGGREGATE
people, for every role (DESIGN.md, principles 2 and 8). A second threshold constant
anywhere in the code, or a text that names another number, fails here."""

import re
from pathlib import Path

from deelnemers.privacy import MIN_AGGREGATE

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "lib",
    "deelnemers",
    "audit",
    "groepen",
    "herstelmodel",
    "nazorg",
    "impact",
    "privacy",
    "herstelacademie",
    "ontwikkeling",
)
# The thresholds that existed before and were folded into MIN_AGGREGATE, and any other
# name that says "the smallest number of people".
VERBODEN = re.compile(r"\b(MIN_SPIEGEL|MIN_MENSEN|MIN_DEELNEMERS|MIN_PERSONEN|MIN_GROEP)\b")
# Any module-level MIN_… = <number> of people-sized value (3 to 10).
CONSTANTE = re.compile(r"^\s*(MIN_\w+)\s*(?::\s*int)?\s*=\s*([3-9]|10)\b", re.M)


def _bronnen():
    for app in APPS:
        yield from (p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def test_there_is_one_threshold_constant_for_figures():
    gevonden = []
    for pad in _bronnen():
        tekst = pad.read_text(encoding="utf-8")
        rel = pad.relative_to(ROOT).as_posix()
        gevonden += [f"{rel}: {m.group(0)}" for m in VERBODEN.finditer(tekst)]
        gevonden += [
            f"{rel}: {m.group(1)} = {m.group(2)}"
            for m in CONSTANTE.finditer(tekst)
            if not (rel == "deelnemers/privacy.py" and m.group(1) == "MIN_AGGREGATE")
        ]
    assert gevonden == []
    assert MIN_AGGREGATE == 5


def test_the_check_would_catch_a_second_constant():
    assert VERBODEN.search("MIN_SPIEGEL = 3")
    assert CONSTANTE.search("MIN_IETS = 3\n")
    assert not CONSTANTE.search("MIN_NAAMLENGTE = 2\n")


def test_texts_do_not_promise_figures_from_three_people():
    teksten = [ROOT / "README.md", *(ROOT / "templates").rglob("*.html")]
    teksten.append(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    drie = re.compile(r"(from 3 people|vanaf 3 (mensen|personen)|from three people)", re.I)
    assert [str(p) for p in teksten if drie.search(p.read_text(encoding="utf-8"))] == []
