"""What the trail needs from the apps above audit, offered by those apps.

audit sits on a low floor (only deelnemers and lib below it), yet some events concern a
group, a reflection or a post in the community. Rather than reach up to those models,
the apps that own them register here from their AppConfig.ready() (see e.g.
groepen/audit.py):

- a *lookup* turns the ids on one page of events into what the sentences need, such as
  group names or the dates of the viewer's own reflections. It runs at most one query,
  and only when the page holds such an id, so a page costs the same however long the
  trail is.
- a *sentence* for an event kind the app records: (text, link) for the viewer.
- a *role* text for a role code in a role event (e.g. "facilitator of <group>").
- a *detail label* for a key in `details`, for the coordinator's table.

Everything here is optional: without a registration the trail falls back to the event
kind's own label, the role code or the key itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# lookup(events of one page, viewer) -> {id: value}
Lookup = Callable[[list, Any], dict]
# sentence(event, viewer, {lookup name: result}) -> (text, link)
Sentence = Callable[[Any, Any, dict], tuple[str, str]]
# role(details of the event, {lookup name: result}) -> text
Role = Callable[[dict, dict], str]


@dataclass(frozen=True)
class _Sentence:
    render: Sentence
    # The sentence already says who did it (or deliberately does not), so the trail
    # adds no "By <name>" beside it.
    says_who: bool


_lookups: dict[str, Lookup] = {}
_sentences: dict[str, _Sentence] = {}
_roles: dict[str, Role] = {}
_detail_labels: dict[str, Any] = {}


# --- Registering (from the apps' ready()); registering again replaces -------------------


def add_lookup(name: str, lookup: Lookup) -> None:
    _lookups[name] = lookup


def add_sentence(soort: str, render: Sentence, *, says_who: bool = True) -> None:
    _sentences[soort] = _Sentence(render, says_who)


def add_role(code: str, role: Role) -> None:
    _roles[code] = role


def add_detail_label(key: str, label) -> None:
    _detail_labels[key] = label


# --- Reading (audit/weergave.py) --------------------------------------------------------


def run_lookups(events: list, viewer) -> dict[str, dict]:
    """Every registered lookup for one page, in the order the apps registered them."""
    return {name: lookup(events, viewer) for name, lookup in _lookups.items()}


def sentence(soort: str) -> _Sentence | None:
    return _sentences.get(soort)


def role(code: str) -> Role | None:
    return _roles.get(code)


def detail_label(key: str):
    return _detail_labels.get(key)
