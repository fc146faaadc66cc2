"""Signal words: words that may mean someone is in danger right now.

A post or reflection that contains one is never removed for it. Its writer immediately
sees where to find help (templates/nazorg/_hulp_nu.html); a post also goes to the
moderation queue for a supportive response. The list is kept here, in Dutch and English,
as whole words or word starts (matched case-insensitively at word boundaries).
"""

import re

SIGNAALWOORDEN = (
    # Dutch
    "zelfmoord",
    "suïcide",
    "suicide",
    "suïcidaal",
    "suicidaal",
    "dood willen",
    "wil dood",
    "niet meer leven",
    "niet meer wakker worden",
    "er een einde aan maken",
    "einde aan maken",
    "mezelf iets aandoen",
    "mezelf pijn doen",
    "zelfbeschadiging",
    "snijden in mezelf",
    "overdosis",
    "afscheidsbrief",
    # English
    "suicidal",
    "kill myself",
    "end my life",
    "want to die",
    "self-harm",
    "self harm",
    "hurt myself",
    "overdose",
)

_PATROON = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(w) for w in sorted(SIGNAALWOORDEN, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


def signaalwoorden_in(tekst: str) -> list[str]:
    """The signal words found in `tekst` (lower case, each once), in order of appearance."""
    gevonden = []
    for match in _PATROON.finditer(tekst or ""):
        woord = match.group(1).lower()
        if woord not in gevonden:
            gevonden.append(woord)
    return gevonden


def bevat_signaalwoord(tekst: str) -> bool:
    return bool(_PATROON.search(tekst or ""))
