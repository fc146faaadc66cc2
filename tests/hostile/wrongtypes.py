"""Wrong types for every form field and every query parameter: the requests to send.

A field that wants a number or an id gets letters, a number no column can hold, a value
that is not one of its options, a date that does not exist, the field twice, or nothing.
Sending each field each kind on its own would be tens of thousands of requests, so:

- rotation: len(KINDS) requests per form (or page); in request r, field j gets kind
  (offset + r + j) % len(KINDS). Every field meets every kind exactly once, and one
  request mixes kinds, so the form's other checks do not always stop at the same field.
  The offset comes from a generator seeded with the form's address: deterministic, yet
  different forms see different mixes.
- alone: each field once more with letters (ALONE) while the rest keeps what a person
  would send. A view that checks one field first (a hidden "actie", a "periode") would
  otherwise never reach the next one with a wrong value in it.

When a rotation request fails, `culprits` sends each of its fields alone again, so a
finding names the field and the value, not a bundle of sixteen.
"""

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, quote_plus, urljoin, urlsplit

from django.conf import settings

from .payloads import value_for

NOT_AN_OPTION = object()  # a value the field does not offer (ids: one that does not exist)
TWICE = object()  # the field twice with different values
MISSING = object()  # the field left out; `field[]=` sent in its place, as PHP forms do

KINDS = [
    ("letters", "abc"),
    ("exponent", "1e9"),
    ("negative", "-1"),
    ("fraction", "1.5"),
    ("hex", "0x10"),
    ("Arabic-Indic digits", "١٢"),
    ("empty", ""),
    ("space", " "),
    ("2**63", str(2**63)),
    ("10**30", str(10**30)),
    ("not an option", NOT_AN_OPTION),
    ("30 February", "2026-02-30"),
    ("day-month-year", "31-12-2026"),
    ("a word for a date", "gisteren"),
    ("twice", TWICE),
    ("missing (field[]= instead)", MISSING),
]
# What each field gets alone: letters, the classic (int("abc"), a pk lookup with "abc").
# One kind only: the rotation already gives every field every kind, and a second kind
# here would add a request per field on every form for every role.
ALONE = [0]

SEED = 15  # issue 15; change it to see other mixes, keep it fixed so runs repeat


@dataclass
class Param:
    """A form field or query parameter: its name, what a person sends, its options."""

    name: str
    normal: str = ""
    options: list = field(default_factory=list)
    send_normally: bool = True  # an unticked checkbox is not sent

    def pairs(self, kind):
        """The (name, value) pairs this parameter sends for kind index `kind`."""
        value = KINDS[kind][1]
        if value is NOT_AN_OPTION:
            value = next(v for v in ("999999", "niet-een-optie") if v not in self.options)
        elif value is TWICE:
            normal = self.normal or "1"
            other = next((o for o in self.options if o and o != normal), "abc")
            return [(self.name, normal), (self.name, other)]
        elif value is MISSING:
            return [(f"{self.name}[]", self.normal or "1")]
        return [(self.name, value)]

    def normal_pairs(self):
        return [(self.name, self.normal)] if self.send_normally else []


@dataclass
class Attempt:
    """One request: what to send, and which field got which kind (for the report)."""

    params: list  # every Param of the form or page
    wrong: dict  # name -> kind index
    extra: list = field(default_factory=list)  # pairs sent as they are (submit button)

    def encoded(self):
        pairs = []
        for p in self.params:
            pairs += p.pairs(self.wrong[p.name]) if p.name in self.wrong else p.normal_pairs()
        pairs += self.extra
        return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs)

    def describe(self):
        """What was wrong, as sent: `groep='abc' (letters)`, `groep[]='1' (missing ...)`."""
        by_name = {p.name: p for p in self.params}
        return ", ".join(
            " & ".join(f"{k}={v!r}" for k, v in by_name[name].pairs(kind)) + f" ({KINDS[kind][0]})"
            for name, kind in self.wrong.items()
        )

    def alone(self):
        """The same kinds, one field at a time."""
        return [Attempt(self.params, {name: k}, self.extra) for name, k in self.wrong.items()]


def attempts(params, address, alone=True):
    """The rotation for `params`, then (with `alone`) each field alone with ALONE kinds."""
    if not params:
        return []
    offset = random.Random(f"{SEED}:{address}").randrange(len(KINDS))
    found = []
    for r in range(len(KINDS)):
        wrong = {p.name: (offset + r + j) % len(KINDS) for j, p in enumerate(params)}
        found.append(Attempt(params, wrong))
    if alone:
        for p in params:
            found += [Attempt(params, {p.name: k}) for k in ALONE]
    return found


def form_params(form, foreign):
    """A POST form's fields as Params; the CSRF token is left as the browser sends it."""
    params = []
    for f in form.by_name().values():
        normal = value_for("", f, foreign)  # "" is no payload class: what a person sends
        params.append(Param(f.name, normal or "", list(f.options), normal is not None))
    return params


def form_attempts(form, foreign):
    params = [p for p in form_params(form, foreign) if p.name != "csrfmiddlewaretoken"]
    keep = [p for p in form_params(form, foreign) if p.name == "csrfmiddlewaretoken"]
    extra = [(keep[0].name, keep[0].normal)] if keep else []
    if form.submit:
        extra.append(form.submit)
    found = attempts(params, form.action)
    for a in found:
        a.extra = extra
    return found


# --- Query parameters ------------------------------------------------------------------

# Names our views read or that tools commonly try, besides what the code scan finds.
KNOWN_QUERY_NAMES = {
    "page",
    "pagina",
    "next",
    "groep",
    "periode",
    "stap",
    "start",
    "van",
    "tot",
    "jaar",
    "bijeenkomst",
    "zoek",
    "q",
    "filter",
    "soort",
    "id",
}
_GET_READ = re.compile(
    r"""GET(?:\.get|\.getlist|\.pop)?\s*[\[(]\s*["'](\w+)["']"""
    r"""|["'](\w+)["']\s+(?:not\s+)?in\s+(?:self\.)?request\.GET"""
)
PROJECT_APPS = (
    "audit",
    "deelnemers",
    "groepen",
    "herstelacademie",
    "herstelmodel",
    "impact",
    "lib",
    "nazorg",
    "ontwikkeling",
    "privacy",
)


def names_read_in(path):
    text = Path(path).read_text(encoding="utf-8")
    return {a or b for a, b in _GET_READ.findall(text)}


@cache
def names_read_by_the_code():
    """Every name any module of ours reads from request.GET (tests left out)."""
    found = set()
    for app in PROJECT_APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found |= names_read_in(path)
    return frozenset(found)


@cache
def names_read_by_view(module):
    """The names the view's own module reads: the ones worth a request each."""
    import importlib

    return frozenset(names_read_in(importlib.import_module(module).__file__))


def query_params(url, links, get_forms, view_module):
    """Params for GET requests to `url`: (all params, the ones this page surely reads).

    `links` are hrefs on the page; `get_forms` its GET forms. A name seen in a link to
    this same page, a field of a GET form sent here, or a name the view's module reads
    is this page's own; every other known name rides along in the rotation only.
    """
    path = urlsplit(url).path
    own = {}
    for href in links:
        parts = urlsplit(urljoin(url, href))
        if parts.netloc in ("", "testserver") and parts.path == path:
            for name, value in parse_qsl(parts.query, keep_blank_values=True):
                own.setdefault(name, Param(name, value))
    for form in get_forms:
        if urlsplit(form.action).path == path:
            for f in form.by_name().values():
                own.setdefault(f.name, Param(f.name, f.value, list(f.options)))
    for name in names_read_by_view(view_module):
        own.setdefault(name, Param(name, send_normally=False))
    others = (names_read_by_the_code() | KNOWN_QUERY_NAMES) - set(own)
    rest = [Param(n, send_normally=False) for n in sorted(others)]
    return list(own.values()) + rest, list(own.values())


def query_attempts(url, links, get_forms, view_module):
    everything, own = query_params(url, links, get_forms, view_module)
    found = attempts(everything, f"GET {url}", alone=False)
    for p in own:
        found += [Attempt(own, {p.name: k}) for k in ALONE]
    return found
