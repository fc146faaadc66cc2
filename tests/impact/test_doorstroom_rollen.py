"""Doorstroom per role on a small academy worked out by hand (Q1 2026).

Everyone below took part in the course "Voorjaar" (since 1 Sep 2025) unless said otherwise.
  H1-H6  host of every walk-in from 1 Feb              -> host 6
  B1-B5  buddy from 1 Mar; H1 also buddy from 10 Mar   -> buddy 6 (H1 once in the total)
  M1-M4  moderator of the space for everyone, 15 Jan   -> moderator 4: hidden (k < 5)
  C1-C5  co-facilitator of "Najaar" from 10 Feb        -> co-facilitator 5 ...
  V1     facilitator membership flagged volunteer, 10 Jan (the old way) -> ... + 1 = 6
Not counted: N1 (never took part, host from 1 Feb), E1 (host since 1 Dec 2025, before Q1),
W1 (only on a waiting list, buddy from 1 Feb), L1 (took part only from 15 Feb, buddy from
1 Feb), R1 (a host role starting on 1 Apr, after Q1).
  As volunteer (any role, or the old flag): 6 + 5 + 4 + 5 + 1 = 21; in total: 21.
With the offer filter on "Najaar"'s offer only C1-C5 are left (roles without a group and
other groups drop out): co-facilitator 5, total 5, the rest 0.
"""

import datetime

import pytest
from django.utils import timezone, translation

from groepen.models import Lidmaatschap, Vrijwilligersrol
from groepen.rollen import start_rol
from impact.csv_export import dashboard_rijen
from impact.deelname import deelname
from impact.periode import Filters, kwartaal_periode
from tests.factories import AanbodFactory, GroepFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
Q1 = kwartaal_periode(2026, 1)
Soort = Vrijwilligersrol.Soort


def moment(datum):
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(14)))


def lid(groep, user, sinds, **extra):
    extra.setdefault("rol", Lidmaatschap.Rol.DEELNEMER)
    return Lidmaatschap.objects.create(
        groep=groep, user=user, sinds=moment(sinds), status_sinds=moment(sinds), **extra
    )


@pytest.fixture
def academie():
    voorjaar = GroepFactory(
        naam="Voorjaar", aanbod=AanbodFactory(soort="cursus"), startdatum=D(2025, 9, 1)
    )
    najaar = GroepFactory(
        naam="Najaar", aanbod=AanbodFactory(soort="cursus"), startdatum=D(2026, 2, 1)
    )
    inloop = GroepFactory(naam="Inloop", aanbod=AanbodFactory(soort="inloop"))

    def deelnemer(naam):
        user = UserFactory(roepnaam=naam)
        lid(voorjaar, user, D(2025, 9, 1))
        return user

    for n in range(1, 7):
        start_rol(deelnemer(f"H{n}"), Soort.GASTHEER, begint_op=D(2026, 2, 1))
    for n in range(1, 6):
        start_rol(deelnemer(f"B{n}"), Soort.BUDDY, begint_op=D(2026, 3, 1))
    h1 = Vrijwilligersrol.objects.get(user__roepnaam="H1").user
    start_rol(h1, Soort.BUDDY, begint_op=D(2026, 3, 10))
    for n in range(1, 5):
        start_rol(deelnemer(f"M{n}"), Soort.MODERATOR, begint_op=D(2026, 1, 15))
    for n in range(1, 6):
        start_rol(deelnemer(f"C{n}"), Soort.COFACILITATOR, groep=najaar, begint_op=D(2026, 2, 10))
    lid(
        inloop, deelnemer("V1"), D(2026, 1, 10), rol=Lidmaatschap.Rol.FACILITATOR, vrijwilliger=True
    )

    start_rol(UserFactory(roepnaam="N1"), Soort.GASTHEER, begint_op=D(2026, 2, 1))
    start_rol(deelnemer("E1"), Soort.GASTHEER, begint_op=D(2025, 12, 1))
    w1 = UserFactory(roepnaam="W1")
    lid(voorjaar, w1, D(2025, 9, 1), status=Lidmaatschap.Status.WACHTLIJST)
    start_rol(w1, Soort.BUDDY, begint_op=D(2026, 2, 1))
    l1 = UserFactory(roepnaam="L1")
    lid(najaar, l1, D(2026, 2, 15))
    start_rol(l1, Soort.BUDDY, begint_op=D(2026, 2, 1))
    start_rol(deelnemer("R1"), Soort.GASTHEER, begint_op=D(2026, 4, 1))
    return najaar


def waarden(d):
    return {c.sleutel: c.waarde for c in d.doorstroom}


def test_doorstroom_per_role_by_hand(academie):
    assert waarden(deelname(Q1, Filters(), vandaag=D(2026, 10, 1))) == {
        "doorstroom": 21,
        "doorstroom_vrijwilliger": 21,
        "doorstroom_cofacilitator": 6,
        "doorstroom_gastheer": 6,
        "doorstroom_moderator": None,  # 4 people: too few to show
        "doorstroom_buddy": 6,
    }


def test_doorstroom_follows_the_offer_filter(academie):
    d = deelname(Q1, Filters(aanbod=academie.aanbod), vandaag=D(2026, 10, 1))
    assert waarden(d) == {
        "doorstroom": 5,
        "doorstroom_vrijwilliger": 5,
        "doorstroom_cofacilitator": 5,
        "doorstroom_gastheer": 0,  # nobody is no one to recognise: 0 is shown
        "doorstroom_moderator": 0,
        "doorstroom_buddy": 0,
    }


def test_the_csv_has_a_row_per_role_with_hidden_cells_said_so(academie):
    with translation.override("en"):
        rijen = dashboard_rijen(deelname(Q1, Filters(), vandaag=D(2026, 10, 1)))
    door = {figuur: waarde for deel, figuur, waarde in rijen if deel == "Moved on to help"}
    assert door == {
        "Moved on to help": "21",
        "As volunteer": "21",
        "As co-facilitator": "6",
        "As host of the walk-in": "6",
        "As moderator": "too little data",
        "As buddy": "6",
    }
