"""ORM queries compiled once per process and run with each request's own values.

Some rules (who may read which reflection, which spaces someone moderates) are deep
querysets: building and compiling them with the ORM costs more Python on every request
than the database needs to run them. Their shape is the same for everyone; only the
person, the moment and the day differ. So each is compiled once per process (per
database) for a stand-in person, moment and day, and each request fills in its own
values: what runs is exactly the SQL the ORM makes, with the same rules (the pattern of
nazorg/ongelezen.py). Several such queries can share one round trip, joined by SQL around
them (`omhulsel`, one `{}` per query, in order). A list of keys (`lijst`, say the groups
on a page) can be filled in too: a list lets the database plan far better than the same
rule as a subquery; the SQL is compiled once per length of the list.

When a stand-in is not found back among the compiled parameters, or the rules took a
day or moment of their own (it would be frozen at compile time), `rijen` answers None
and the caller asks the ORM as before.
"""

import datetime
import re
from collections.abc import Callable, Hashable

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connections, router

# Stand-ins no real person, moment or day has; found back among the compiled parameters.
WIE = -7_654_321
NU = datetime.datetime(1001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
VANDAAG = datetime.date(1001, 2, 4)
LIJST = -6_543_210  # the list's stand-ins count down from here

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _tijdstip(waarde) -> bool:
    """A date or moment as a parameter (SQLite gets them as ISO text)."""
    if isinstance(waarde, datetime.date):
        return True
    return isinstance(waarde, str) and _ISO.match(waarde) is not None


def standins(params, soorten: dict) -> list[tuple[int, object]] | None:
    """Where the stand-ins are among a compiled query's parameters: [(index, what)] for
    `soorten` {stand-in value as the backend adapts it: what}. None when a day or moment
    that is no stand-in is among them: the rules took it themselves, and compiled it
    would be frozen (then the caller asks the ORM). Shared by every compiled query
    (here, nazorg/ongelezen.py, doorgroei/home.py)."""
    plekken = []
    for i, waarde in enumerate(params):
        if isinstance(waarde, bool):  # True == 1: never a stand-in
            continue
        soort = soorten.get(waarde) if isinstance(waarde, Hashable) else None
        if soort is not None:
            plekken.append((i, soort))
        elif _tijdstip(waarde):
            return None
    return plekken


def vul_in(params, plekken, waarden: dict) -> list:
    """The compiled parameters with each stand-in replaced by this request's value."""
    params = list(params)
    for i, soort in plekken:
        params[i] = waarden[soort]
    return params


class Gecompileerd:
    """`querysets(user, nu, vandaag, lijst)` returns the ORM querysets the SQL `omhulsel`
    wraps (one `{}` each, in order). Every one of them must use the person."""

    def __init__(self, model, querysets: Callable, omhulsel: str = "{}"):
        self.model = model
        self.querysets = querysets
        self.omhulsel = omhulsel
        self._sjablonen: dict = {}

    def _sjabloon(self, alias, lengte):
        """(sql, [(index, "wie" | "nu" | "vandaag" | list index)], params), or None (ask
        the ORM)."""
        ops = connections[alias].ops
        standin = get_user_model()(pk=WIE, is_active=True)
        soorten = {
            WIE: "wie",
            ops.adapt_datetimefield_value(NU): "nu",
            ops.adapt_datefield_value(VANDAAG): "vandaag",
        }
        lijst = [LIJST - i for i in range(lengte)]
        soorten.update({waarde: i for i, waarde in enumerate(lijst)})
        delen, alle_params, plekken = [], [], []
        for qs in self.querysets(standin, NU, VANDAAG, lijst):
            try:
                sql, params = qs.query.get_compiler(alias).as_sql()
            except EmptyResultSet:
                return None
            eigen = standins(params, soorten)
            if eigen is None or "wie" not in {soort for _i, soort in eigen}:
                return None
            plekken += [(len(alle_params) + i, soort) for i, soort in eigen]
            alle_params += params
            delen.append(sql)
        if {soort for _i, soort in plekken} & set(range(lengte)) != set(range(lengte)):
            return None  # the list did not end up in the SQL as given
        # The ORM's own SQL with its parameters left as placeholders: nothing is pasted in.
        return self.omhulsel.format(*delen), plekken, alle_params

    def rijen(self, user, nu, vandaag, lijst=()) -> list[tuple] | None:
        """Every row for `user` at `nu` on `vandaag` (and the keys `lijst`); None when the
        ORM must answer."""
        lijst = list(lijst)
        alias = router.db_for_read(self.model)
        sleutel = (alias, len(lijst))
        if sleutel not in self._sjablonen:
            self._sjablonen[sleutel] = self._sjabloon(alias, len(lijst))
        sjabloon = self._sjablonen[sleutel]
        if sjabloon is None:
            return None
        sql, plekken, params = sjabloon
        ops = connections[alias].ops
        waarden = {
            "wie": user.pk,
            "nu": ops.adapt_datetimefield_value(nu),
            "vandaag": ops.adapt_datefield_value(vandaag),
            **dict(enumerate(lijst)),
        }
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, vul_in(params, plekken, waarden))
            return cursor.fetchall()
