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
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, ExpressionWrapper, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from groepen.models import Groep, Vrijwilligersrol

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
    list); `rollen`: their roles (groepen.roles.rollen_van, known from the menu)."""
    vandaag = vandaag or timezone.localdate()
    vragen = groei_home.vragen(user, heeft_pad=False, aanbiedingen=rollen.facilitator)
    vragen["wens"] = Subquery(
        wensen.van_persoon(user).order_by("-aangemaakt_op", "-pk").values(j=_WENS)[:1]
    )
    recent = voorstellen.van(user).exclude(status=Activiteitvoorstel.Status.INGETROKKEN)
    recent = recent.order_by("-aangemaakt_op", "-pk").values(j=_VOORSTEL)
    for i in range(voorstellen.OP_HOME):
        vragen[f"voorstel_{i}"] = Subquery(recent[i : i + 1])
    # Taking part in a group now is enough to propose one; only the others are asked.
    mag = user.is_active and rollen.deelnemer
    if user.is_active and not mag:
        vragen["mag_voorstellen"] = ExpressionWrapper(
            voorstellen.mag_voorstellen_vraag(), output_field=BooleanField()
        )
    kandidaten = uitkomsten.kandidaten(groepen, vandaag)
    if kandidaten:
        vragen["laatste"] = Subquery(uitkomsten.van(user).values("ingevuld_op")[:1])
        nu_niet = UitkomstNuNiet.objects.filter(user=user)
        for groep, maanden in kandidaten:
            vragen[f"nu_niet_{groep.pk}_{maanden}"] = Exists(
                nu_niet.filter(groep=groep, maanden=maanden)
            )
    rij = get_user_model().objects.filter(pk=user.pk).values(**vragen).get()

    groei = groei_home.Blok(
        heeft_pad=rollen.vrijwilliger,
        deelt_verhaal=rij["deelt_verhaal"],
        open_uitnodiging=rij["open_uitnodiging"],
        aanbiedingen=rij.get("aanbiedingen", False),
    )
    recent = [
        Activiteitvoorstel(pk=v["pk"], titel=v["titel"], status=v["status"])
        for v in (rij[f"voorstel_{i}"] for i in range(voorstellen.OP_HOME))
        if v is not None
    ]
    mag = mag or rij.get("mag_voorstellen", False)
    return Home(
        uitnodiging=_uitnodiging(kandidaten, rij, vandaag),
        groei=groei,
        wens=_wens(rij["wens"]),
        voorstellen={"voorstellen": recent} if recent or mag else None,
    )


def _uitnodiging(kandidaten, rij, vandaag):
    """The rows uitkomsten.kies() reads, one per candidate course."""
    rijen = {
        groep.pk: {
            "groep_id": groep.pk,
            "naam": groep.naam,
            "einde": groep.einddatum,
            "laatste": rij["laatste"],
            **{f"nu_niet_{m}": rij.get(f"nu_niet_{groep.pk}_{m}", False) for m in MOMENTEN},
        }
        for groep, _maanden in kandidaten
    }
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
