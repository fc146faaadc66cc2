"""What doorgroei shows on the participant's home ("Mijn overzicht"), from one query.

The home has four blocks from this app: the check-in offered after a course
(uitkomsten.py), helping at the academy (groei_home.py), the wish to help (wensen.py)
and the activities one brings (voorstellen.py). Each used to ask its own questions from
a template tag (five queries). Here they are columns of one row, the person's own: the
yes/no questions as EXISTS, the wish and the latest proposals as small JSON objects.

What the home knows already is not asked again: the groups the person takes part in
(which courses ended long enough ago for a check-in) and the menu's roles (a volunteer
role, facilitating a group, taking part in one).
"""

import datetime
import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import BooleanField, Exists, ExpressionWrapper, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from groepen.models import Groep, Vrijwilligersrol
from lib.gecompileerd import standins, vul_in

from . import groei_home, uitkomsten, voorstellen, wensen
from .models import Activiteitvoorstel, Meehelpwens, UitkomstNuNiet
from .uitkomsten import MOMENTEN


@dataclass(frozen=True)
class Home:
    uitnodiging: uitkomsten.Uitnodiging | None  # the check-in to offer, if any
    groei: groei_home.Blok
    # The running (or lately decided) wish with `.stand`, its state in words; None: the
    # invitation to offer help.
    wens: Meehelpwens | None
    # {"voorstellen": the latest few}; None for someone who may not propose.
    voorstellen: dict | None


# Of the wish, what wensen.stand() and wensen.is_actueel() read.
_WENS = JSONObject(
    status="status",
    beslist_op="beslist_op",
    door_id="beslist_door_id",
    door="beslist_door__roepnaam",
    rol_id="rol_id",
    soort="rol__soort",
    omschrijving="rol__omschrijving",
    begint_op="rol__begint_op",
    groep_id="rol__groep_id",
    groep="rol__groep__naam",
)
# Of a proposal, what its card on the home shows (doorgroei/voorstel/_kaart.html).
_VOORSTEL = JSONObject(pk="pk", titel="titel", status="status")


def voor_deelnemer(user, groepen, rollen, vandaag: datetime.date | None = None) -> Home:
    """`groepen`: the groups the person takes part in, with `aanbod` loaded (the home's
    list); `rollen`: their roles (groepen.roles.rollen_van, known from the menu).
    `vandaag`: the day the check-in offers are for (tests)."""
    nu = timezone.now()
    vandaag = vandaag or timezone.localdate(nu)
    # Taking part in a group now is enough to propose one; only the others are asked.
    mag = user.is_active and rollen.deelnemer
    kandidaten = uitkomsten.kandidaten(groepen, vandaag)
    vorm = Vorm(
        facilitator=rollen.facilitator,
        vraag_mag=user.is_active and not mag,
        maanden=tuple(maanden for _groep, maanden in kandidaten),
    )
    rij = _rij(user, nu, vorm, [groep.pk for groep, _maanden in kandidaten])

    recent = [
        Activiteitvoorstel(pk=v["pk"], titel=v["titel"], status=v["status"])
        for v in (rij[f"voorstel_{i}"] for i in range(voorstellen.OP_HOME))
        if v is not None
    ]
    mag = mag or rij.get("mag_voorstellen", False)
    return Home(
        uitnodiging=_uitnodiging(kandidaten, rij, vandaag),
        groei=groei_home.Blok(
            heeft_pad=rollen.vrijwilliger,
            deelt_verhaal=rij["deelt_verhaal"],
            open_uitnodiging=rij["open_uitnodiging"],
            aanbiedingen=rij.get("aanbiedingen", False),
        ),
        wens=_wens(rij["wens"]),
        voorstellen={"voorstellen": recent} if recent or mag else None,
    )


@dataclass(frozen=True)
class Vorm:
    """What the one query asks besides the fixed questions: whether the person may see
    offers to tell a story (facilitators only), whether to ask if they may propose, and
    the moments (3 or 12 months) of the courses that may get a check-in offer."""

    facilitator: bool
    vraag_mag: bool
    maanden: tuple


def _queryset(user, nu, vorm: Vorm, groep_ids):
    vragen = groei_home.vragen(user, heeft_pad=False, aanbiedingen=vorm.facilitator, nu=nu)
    vragen["wens"] = Subquery(
        wensen.van_persoon(user).order_by("-aangemaakt_op", "-pk").values(j=_WENS)[:1]
    )
    recent = voorstellen.van(user).exclude(status=Activiteitvoorstel.Status.INGETROKKEN)
    recent = recent.order_by("-aangemaakt_op", "-pk").values(j=_VOORSTEL)
    for i in range(voorstellen.OP_HOME):
        vragen[f"voorstel_{i}"] = Subquery(recent[i : i + 1])
    if vorm.vraag_mag:
        vragen["mag_voorstellen"] = ExpressionWrapper(
            voorstellen.mag_voorstellen_vraag(timezone.localdate(nu)), output_field=BooleanField()
        )
    if vorm.maanden:
        laatste = uitkomsten.van(user).values(j=JSONObject(op="ingevuld_op"))
        vragen["laatste"] = Subquery(laatste[:1])
        nu_niet = UitkomstNuNiet.objects.filter(user=user)
        for i, (groep_id, maanden) in enumerate(zip(groep_ids, vorm.maanden, strict=True)):
            vragen[f"nu_niet_{i}"] = Exists(nu_niet.filter(groep_id=groep_id, maanden=maanden))
    return get_user_model().objects.filter(pk=user.pk).values(**vragen)


# --- The query, compiled once ------------------------------------------------------------
# Building and compiling this query with the ORM took longer than running it (a dozen
# subqueries). Its shape depends only on the Vorm; the person, the moment and the groups
# are its values. So each shape is compiled once per process (per database) for
# stand-ins, and each request fills in its own values: what runs is exactly the SQL the
# ORM makes (as nazorg/ongelezen.py does for the menu's count).

# Stand-ins no real person, moment or group has; found back among the compiled parameters.
_WIE = -7_654_321
_NU = datetime.datetime(1001, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
_VANDAAG = datetime.date(1001, 2, 3)  # _NU's day: mag_voorstellen_vraag's
_GROEP = -8_100_000  # minus the candidate's index

_sjablonen: dict = {}
_JSON = {"wens", "laatste", *(f"voorstel_{i}" for i in range(voorstellen.OP_HOME))}


def _rij(user, nu, vorm: Vorm, groep_ids) -> dict:
    """The row as values() gives it: yes/no answers as bools, JSON decoded."""
    alias = router.db_for_read(get_user_model())
    sleutel = (alias, vorm)
    if sleutel not in _sjablonen:
        _sjablonen[sleutel] = _sjabloon(alias, vorm)
    sjabloon = _sjablonen[sleutel]
    if sjabloon is None:
        return _queryset(user, nu, vorm, groep_ids).get()
    sql, plekken, params = sjabloon
    ops = connections[alias].ops
    waarden = {
        "wie": user.pk,
        "nu": ops.adapt_datetimefield_value(nu),
        "vandaag": ops.adapt_datefield_value(timezone.localdate(nu)),
        **{("groep", i): groep_id for i, groep_id in enumerate(groep_ids)},
    }
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, vul_in(params, plekken, waarden))
        namen = [kolom[0] for kolom in cursor.description]
        waarden = cursor.fetchone()
    return {
        naam: (json.loads(w) if isinstance(w, str) else w) if naam in _JSON else bool(w)
        for naam, w in zip(namen, waarden, strict=True)
    }


def _sjabloon(alias, vorm: Vorm):
    """(sql, [(index, what)], params) for this shape, or None when a stand-in was not
    found back (then the ORM builds the query every time)."""
    ops = connections[alias].ops
    standin = get_user_model()(pk=_WIE, is_active=True)
    groep_ids = [_GROEP - i for i in range(len(vorm.maanden))]
    qs = _queryset(standin, _NU, vorm, groep_ids)
    sql, params = qs.query.get_compiler(alias).as_sql()
    soorten = {
        _WIE: "wie",
        ops.adapt_datetimefield_value(_NU): "nu",
        ops.adapt_datefield_value(_VANDAAG): "vandaag",
        **{groep_id: ("groep", i) for i, groep_id in enumerate(groep_ids)},
    }
    # None: a day or moment the rules took themselves would be frozen; use the ORM.
    plekken = standins(params, soorten)
    if plekken is None:
        return None
    gevonden = {soort for _i, soort in plekken}
    if not {"wie", *(("groep", i) for i in range(len(groep_ids)))} <= gevonden:
        return None
    return sql, plekken, list(params)


def _uitnodiging(kandidaten, rij, vandaag):
    """The rows uitkomsten.kies() reads, one per candidate course."""
    laatste = rij.get("laatste")
    rijen = {}
    for i, (groep, maanden) in enumerate(kandidaten):
        rijen.setdefault(
            groep.pk,
            {
                "groep_id": groep.pk,
                "naam": groep.naam,
                "einde": groep.einddatum,
                "laatste": laatste and _moment(laatste["op"]),
                **{f"nu_niet_{m}": False for m in MOMENTEN},
            },
        )[f"nu_niet_{maanden}"] = rij[f"nu_niet_{i}"]
    return uitkomsten.kies(rijen.values(), vandaag)


def _moment(waarde):
    """A moment from JSON: PostgreSQL writes it with its offset, SQLite in UTC without."""
    if waarde is None:
        return None
    moment = parse_datetime(waarde)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)


def _wens(w: dict | None) -> Meehelpwens | None:
    """The wish as wensen.stand() reads it, or None when the home shows the invitation."""
    if w is None:
        return None
    wens = Meehelpwens(status=w["status"], beslist_op=_moment(w["beslist_op"]))
    if not wensen.is_actueel(wens):
        return None
    if w["door_id"] is not None:
        wens.beslist_door = get_user_model()(pk=w["door_id"], roepnaam=w["door"])
    if w["rol_id"] is not None:
        rol = Vrijwilligersrol(
            pk=w["rol_id"],
            soort=w["soort"],
            omschrijving=w["omschrijving"],
            begint_op=datetime.date.fromisoformat(w["begint_op"]),
        )
        if w["groep_id"] is not None:
            rol.groep = Groep(pk=w["groep_id"], naam=w["groep"])
        wens.rol = rol
    wens.stand = wensen.stand(wens)
    return wens
