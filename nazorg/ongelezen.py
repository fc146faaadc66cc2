"""The menu's unread count, cheap enough for every page (docs/performance.md).

Which notifications a person may see is decided by gesprekmeldingen.zichtbaar(): a query
with a dozen joins and subqueries (space membership, hidden posts, a break). Building and
compiling it with the ORM took about 4 ms of Python on every page for a signed-in person,
more than PostgreSQL needs to run it. Its shape is the same for everyone: only the person,
the moment and the day differ. So it is compiled once per process (per database and URL
prefix) for a stand-in person, and each request fills in its own values: what runs is
exactly the SQL the ORM makes, with the same rules. The count stops at MAX.
"""

import datetime
import re

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.urls import reverse
from django.utils import timezone

from .models import Melding

MAX = 100  # the menu shows "99+" from here on; no need to count further

# Stand-ins no real person, moment or day has; found back among the compiled parameters.
_WIE = -7_654_321
_NU = datetime.datetime(1001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
_VANDAAG = datetime.date(1001, 2, 4)

_sjablonen: dict = {}


def _orm(user, nu, vandaag):
    from .gesprekmeldingen import zichtbaar

    # order_by(): the model's default order would sort every row before the LIMIT.
    return zichtbaar(user, nu, vandaag).filter(gelezen_op__isnull=True).order_by().values("pk")


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _tijdstip(waarde) -> bool:
    """A date or moment as a parameter (SQLite gets them as ISO text)."""
    if isinstance(waarde, datetime.date):
        return True
    return isinstance(waarde, str) and _ISO.match(waarde) is not None


def _sjabloon(alias):
    """(sql, [(index, "wie" | "nu" | "vandaag")], params) for this database, or None when
    the stand-in was not found back (then the ORM builds the query every time)."""
    ops = connections[alias].ops
    standin = get_user_model()(pk=_WIE, is_active=True)
    sql, params = _orm(standin, _NU, _VANDAAG)[:MAX].query.get_compiler(alias).as_sql()
    # Parameters as the backend adapts them (SQLite gets dates and moments as text).
    soorten = {
        _WIE: "wie",
        ops.adapt_datetimefield_value(_NU): "nu",
        ops.adapt_datefield_value(_VANDAAG): "vandaag",
    }
    plekken = []
    for i, waarde in enumerate(params):
        if isinstance(waarde, bool):  # True == 1: never a stand-in
            continue
        soort = soorten.get(waarde)
        if soort is not None:
            plekken.append((i, soort))
        elif _tijdstip(waarde):
            # A day or moment the rules took themselves (not from `nu`/`vandaag`) would be
            # frozen at compile time: then build the query every time instead.
            return None
    if "wie" not in {soort for _i, soort in plekken}:
        return None
    # The ORM's own SQL with its parameters left as placeholders: nothing is pasted in.
    telling = f"SELECT COUNT(*) FROM ({sql}) AS ongelezen"  # noqa: S608
    return telling, plekken, list(params)


def tel(user) -> int:
    """Unread notifications `user` may see, counted up to MAX; one query."""
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    if not user.is_active:  # the rules show an inactive person no community at all
        return _orm(user, nu, vandaag)[:MAX].count()
    alias = router.db_for_read(Melding)
    sleutel = (alias, reverse("community"))
    if sleutel not in _sjablonen:
        _sjablonen[sleutel] = _sjabloon(alias)
    sjabloon = _sjablonen[sleutel]
    if sjabloon is None:
        return _orm(user, nu, vandaag)[:MAX].count()
    sql, plekken, params = sjabloon
    ops = connections[alias].ops
    waarden = {
        "wie": user.pk,
        "nu": ops.adapt_datetimefield_value(nu),
        "vandaag": ops.adapt_datefield_value(vandaag),
    }
    params = list(params)
    for i, soort in plekken:
        params[i] = waarden[soort]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
