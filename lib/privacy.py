"""Privacy providers: each app says what it exports and erases for one person.

Like Moodle's privacy API. An app that stores personal data has a module `<app>/privacy.py`
that calls `registreer(Provider(...))`; the privacy app imports every such module when it
starts (privacy/apps.py) and then only collects what was registered: it streams the
export, runs the erasure, and never imports a model of another app. These mechanics live
here, on the ground floor, because the apps that register sit below privacy.

Each provider also names the models it covers, for export and for erasure, so a test
(tests/privacy/test_providers.py) can fail when a model with personal data is covered by
nobody. Models may be given as classes or as "app_label.ModelName".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

# Rows are read from the database in chunks of this size, so a large account never sits
# in memory.
CHUNK = 500


def label(model) -> str:
    return model if isinstance(model, str) else model._meta.label


def keuzes(choices) -> dict:
    """code -> label of a Django choices class, for a Veld."""
    return dict(choices.choices)


@dataclass(frozen=True)
class Veld:
    sleutel: str  # the key in gegevens.json
    label: str
    # Where the value comes from: an attribute path ("groep.naam", default: the key), or
    # a function (row, user) -> value.
    pad: str | Callable = ""
    keuzes: dict | None = None  # code -> label, for choices (or the parts of a story)
    lang: bool = False  # a text someone wrote: shown with its line breaks

    def waarde(self, rij, user):
        if isinstance(rij, dict):
            return rij.get(self.sleutel)
        if callable(self.pad):
            return self.pad(rij, user)
        for deel in (self.pad or self.sleutel).split("."):
            rij = getattr(rij, deel) if rij is not None else None
        return rij


@dataclass(frozen=True)
class Sectie:
    """One kind of data in the export: a list in gegevens.json, a section in the page."""

    sleutel: str
    titel: str
    # user -> the rows: a queryset (read in chunks) or a short list.
    bron: Callable
    velden: tuple[Veld, ...]
    uitleg: str = ""
    # Left out of the readable page when empty (e.g. facilitator notes for a participant).
    optioneel: bool = False
    # Place in the export, across all apps: the export's order is a promise to the
    # people who read it, so it is explicit and never depends on which app loads first.
    volgorde: int = 0
    # The models whose rows this section exports (for the completeness test).
    modellen: tuple = ()

    def rijen(self, user) -> Iterator[dict]:
        bron = self.bron(user)
        if isinstance(bron, QuerySet):
            bron = bron.iterator(chunk_size=CHUNK)
        for rij in bron:
            yield {veld.sleutel: veld.waarde(rij, user) for veld in self.velden}


@dataclass(frozen=True)
class Wiskeuzes:
    """What the person chose for the erasure."""

    # Community posts kept without a name instead of deleted.
    berichten_anoniem: bool = False


# A step may return a function to run once the erasure is committed and the goodbye mail
# has gone out (e.g. offering a freed place to the next person on the waiting list).
Daarna = Callable[[], None]


@dataclass(frozen=True)
class Wisser:
    """One step of the erasure, run inside the erasure's transaction."""

    volgorde: int  # steps run in this order, across all apps
    functie: Callable[[object, Wiskeuzes], Daarna | None]
    # The models this step deletes or scrubs for the person (for the completeness test).
    modellen: tuple = ()


@dataclass(frozen=True)
class Blokkade:
    """Something that stops an erasure until it is handed over (e.g. running a group)."""

    volgorde: int
    # user -> why the account cannot be erased now, in plain words; None when it can.
    reden: Callable[[object], str | None]
    # day -> a queryset of the ids of users blocked on that day (for batch jobs).
    wie: Callable[[datetime.date], QuerySet] | None = None


@dataclass(frozen=True)
class Provider:
    naam: str  # the app label
    secties: tuple[Sectie, ...] = ()
    wissers: tuple[Wisser, ...] = ()
    blokkades: tuple[Blokkade, ...] = ()
    # Sign-up: save the optional choices this app owns (a dict of the form's answers).
    bij_aanmelding: Callable[[object, dict], None] | None = None
    # "My privacy": the current value of those choices, by the same keys.
    keuzes: Callable[[object], dict] | None = None

    @property
    def exporteert(self) -> set[str]:
        return {label(m) for s in self.secties for m in s.modellen}

    @property
    def wist(self) -> set[str]:
        return {label(m) for w in self.wissers for m in w.modellen}


_providers: dict[str, Provider] = {}


def registreer(provider: Provider) -> Provider:
    """Register (or replace, when a module is imported twice) an app's provider."""
    _providers[provider.naam] = provider
    return provider


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: p.naam)


def secties() -> list[Sectie]:
    """Every registered section, in the export's order."""
    return sorted((s for p in providers() for s in p.secties), key=lambda s: s.volgorde)


def wissers() -> list[Wisser]:
    return sorted((w for p in providers() for w in p.wissers), key=lambda w: w.volgorde)


def blokkades() -> list[Blokkade]:
    return sorted((b for p in providers() for b in p.blokkades), key=lambda b: b.volgorde)
