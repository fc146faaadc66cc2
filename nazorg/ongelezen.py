"""The menu's unread count, cheap enough for every page (docs/performance.md).

Which notifications a person may see is decided by gesprekmeldingen.zichtbaar(): a query
with a dozen joins and subqueries (space membership, hidden posts, a break). Building and
compiling it with the ORM took about 4 ms of Python on every page for a signed-in person,
more than PostgreSQL needs to run it. Its shape is the same for everyone: only the person,
the moment and the day differ. So it is compiled once per process (per database and URL
prefix) for a stand-in person, and each request fills in its own values: what runs is
exactly the SQL the ORM makes, with the same rules. The count stops at MAX.

The notifications page's two counts (all and unread, `tellingen`) are compiled the same
way: of that page's time, building and compiling the rules was about a third. So is the
question a thread asks first (`draad_toegang`: may this person see it, and do they
moderate its space), which was half of a long thread's Python time.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.urls import reverse
from django.utils import timezone

from lib.gecompileerd import standins, vul_in

from .models import Melding

MAX = 100  # the menu shows "99+" from here on; no need to count further

# Stand-ins no real person, moment or day has; found back among the compiled parameters.
_WIE = -7_654_321
_NU = datetime.datetime(1001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
_VANDAAG = datetime.date(1001, 2, 4)
_DRAAD = -8_765_432

# draad_toegang's answer when the rules could not be compiled (the caller asks the ORM).
NIET_GECOMPILEERD = object()

_sjablonen: dict = {}


def _orm(user, nu, vandaag):
    from .gesprekmeldingen import zichtbaar

    # order_by(): the model's default order would sort every row before the LIMIT.
    return zichtbaar(user, nu, vandaag).filter(gelezen_op__isnull=True).order_by().values("pk")


def _orm_alle(user, nu, vandaag):
    """All the person may see, with whether each was read: the notifications page's two
    counts (gesprekmeldingen.tellingen)."""
    from .gesprekmeldingen import zichtbaar

    return zichtbaar(user, nu, vandaag).order_by().values("pk", "gelezen_op")


# What each compiled query counts: the ORM query it is made of, and the SQL around it.
# "alle" counts every row and the read ones (COUNT of a column skips NULL).
_SOORTEN = {
    "ongelezen": (lambda u, n, v: _orm(u, n, v)[:MAX], "SELECT COUNT(*) FROM ({}) AS ongelezen"),
    "alle": (_orm_alle, "SELECT COUNT(*), COUNT(gelezen_op) FROM ({}) AS alle"),
    "draad": (lambda u, n, v: _orm_draad(u, v), "{}"),
    # The notifications page's rows in its order; LIMIT and OFFSET are filled in per page.
    "lijst": (lambda u, n, v: _orm_lijst(u, n, v), "{} LIMIT %s OFFSET %s"),
}


def _orm_lijst(user, nu, vandaag):
    from .gesprekmeldingen import zichtbaar

    return zichtbaar(user, nu, vandaag).order_by("-aangemaakt_op", "-pk").values("pk")


def _orm_draad(user, vandaag):
    from .community import draad_toegang_orm

    return draad_toegang_orm(user, vandaag, _DRAAD).values("is_moderator")


def _sjabloon(alias, soort="ongelezen"):
    """(sql, [(index, "wie" | "nu" | "vandaag")], params) for this database, or None when
    the stand-in was not found back (then the ORM builds the query every time)."""
    ops = connections[alias].ops
    standin = get_user_model()(pk=_WIE, is_active=True)
    orm, omhulsel = _SOORTEN[soort]
    nodig = {"wie", "draad"} if soort == "draad" else {"wie"}
    sql, params = orm(standin, _NU, _VANDAAG).query.get_compiler(alias).as_sql()
    # Parameters as the backend adapts them (SQLite gets dates and moments as text).
    soorten = {
        _WIE: "wie",
        _DRAAD: "draad",
        ops.adapt_datetimefield_value(_NU): "nu",
        ops.adapt_datefield_value(_VANDAAG): "vandaag",
    }
    # A day or moment the rules took themselves (not from `nu`/`vandaag`) would be frozen
    # at compile time: then None, and the query is built every time instead.
    plekken = standins(params, soorten)
    if plekken is None or not nodig <= {soort for _i, soort in plekken}:
        return None
    # The ORM's own SQL with its parameters left as placeholders: nothing is pasted in.
    return omhulsel.format(sql), plekken, list(params)


def _uitvoeren(user, soort, **extra):
    """The row of the compiled query `soort` for `user`, or None when the ORM must build
    it (an inactive person, or rules that could not be compiled). `extra`: values for
    the other stand-ins (draad)."""
    if not user.is_active:  # the rules show an inactive person no community at all
        return None
    return _uitvoeren_actief(user, soort, **extra)


def _uitvoeren_actief(user, soort, *, geen_rij=None, achteraan=(), **extra):
    """As _uitvoeren; `geen_rij` is returned when the query finds no row, None when the
    ORM must build it. `achteraan`: parameters for the placeholders the wrapper adds
    (lijst: LIMIT, OFFSET); then every row is returned, as a list."""
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    alias = router.db_for_read(Melding)
    sleutel = (alias, reverse("community"), soort)
    if sleutel not in _sjablonen:
        _sjablonen[sleutel] = _sjabloon(alias, soort)
    sjabloon = _sjablonen[sleutel]
    if sjabloon is None:
        return None
    sql, plekken, params = sjabloon
    ops = connections[alias].ops
    waarden = {
        "wie": user.pk,
        "nu": ops.adapt_datetimefield_value(nu),
        "vandaag": ops.adapt_datefield_value(vandaag),
        **extra,
    }
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [*vul_in(params, plekken, waarden), *achteraan])
        if achteraan:
            return cursor.fetchall()
        rij = cursor.fetchone()
    return geen_rij if rij is None else rij


def tel(user) -> int:
    """Unread notifications `user` may see, counted up to MAX; one query."""
    rij = _uitvoeren(user, "ongelezen")
    if rij is None:
        nu = timezone.now()
        return _orm(user, nu, timezone.localdate(nu))[:MAX].count()
    return rij[0]


def tellingen(user) -> tuple[int, int] | None:
    """(all, unread) of the notifications `user` may see, in one compiled query; None when
    the ORM must build it (gesprekmeldingen.tellingen does)."""
    rij = _uitvoeren(user, "alle")
    if rij is None:
        return None
    alle, gelezen = rij
    return alle, alle - gelezen


_GEEN_DRAAD = object()


def draad_toegang(user, pk):
    """(is_moderator,) when `user` may see thread `pk`, None when not (404), or
    NIET_GECOMPILEERD when the ORM must decide (community.draad_toegang_orm)."""
    if not user.is_authenticated or not user.is_active:
        return None  # the rules show nobody inactive any space
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    rij = _uitvoeren_actief(user, "draad", geen_rij=_GEEN_DRAAD, draad=pk)
    if rij is None:
        return NIET_GECOMPILEERD
    if rij is _GEEN_DRAAD:
        return None
    return (bool(rij[0]),)


def lijst(user, begin: int, aantal: int) -> list[int] | None:
    """The keys of the notifications page's rows `begin` to `begin + aantal` (newest
    first), in one compiled query; None when the ORM must build it."""
    if not user.is_authenticated or not user.is_active:
        return None
    rijen = _uitvoeren_actief(user, "lijst", achteraan=(int(aantal), int(begin)))
    if rijen is None:
        return None
    return [rij[0] for rij in rijen]
