"""The participant home's doorgroei blocks from one query (doorgroei/home.py): in every
state the same answer as the rules they come from (uitkomsten.open_uitnodiging,
groei_home.blok, and the wish's latest row with wensen.is_actueel and wensen.stand)."""

import datetime

import pytest
from django.utils import timezone

from doorgroei import getuigenis, groei_home, home, uitkomsten, wensen
from doorgroei.models import Meehelpwens, Uitkomst, Verhaaluitnodiging
from groepen import overzicht, rollen
from groepen.models import Aanbod, Lidmaatschap, Vrijwilligersrol
from groepen.roles import rollen_van
from herstelmodel import verhaal as verhaal_mod
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
S = Meehelpwens.Status


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True, params=["gecompileerd", "orm"])
def pad(request, monkeypatch):
    """Every test twice: with the query compiled once (what runs), and built by the ORM
    (what runs when a stand-in is not found back)."""
    monkeypatch.setattr(home, "_sjablonen", {})
    if request.param == "orm":
        monkeypatch.setattr(home, "_sjabloon", lambda alias, vorm: None)
    return request.param


def _home(user, vandaag=None):
    # As the view asks: the home's groups and the menu's roles, on a fresh user row.
    user = type(user).objects.get(pk=user.pk)
    groepen = overzicht.overzicht_deelnemer(user)["groepen"]
    return home.voor_deelnemer(user, groepen, rollen_van(user), vandaag)


def _wens_volgens_de_regels(user):
    """What the home showed before: the latest wish, if current, with its state in words."""
    wens = wensen.van_persoon(user).first()
    return wensen.stand(wens) if wens is not None and wensen.is_actueel(wens) else None


def test_one_query_with_the_menus_roles_known(deelnemer, django_assert_num_queries):
    groepen = overzicht.overzicht_deelnemer(deelnemer)["groepen"]
    rol = rollen_van(deelnemer)
    with django_assert_num_queries(1):
        home.voor_deelnemer(deelnemer, groepen, rol)


def test_the_check_in_offer_as_open_uitnodiging_says():
    user = UserFactory()
    cursus = GroepFactory(naam="WRAP", startdatum=D(2026, 1, 10), einddatum=D(2026, 3, 10))
    LidmaatschapFactory(groep=cursus, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    ander = GroepFactory(naam="Herstel", startdatum=D(2025, 1, 10), einddatum=D(2025, 3, 31))
    LidmaatschapFactory(groep=ander, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    inloop = GroepFactory(
        aanbod=AanbodFactory(soort=Aanbod.Soort.INLOOP),
        startdatum=D(2026, 1, 1),
        einddatum=D(2026, 3, 10),
    )
    LidmaatschapFactory(groep=inloop, user=user)
    dagen = [D(2026, 3, 9), D(2026, 6, 9), D(2026, 6, 10), D(2026, 9, 9), D(2026, 9, 10)]
    dagen += [D(2026, 3, 31), D(2026, 4, 1), D(2026, 6, 30), D(2027, 3, 10), D(2027, 6, 10)]

    def vergelijk():
        aangeboden = 0
        for dag in dagen:
            verwacht = uitkomsten.open_uitnodiging(user, dag)
            assert _home(user, dag).uitnodiging == verwacht, dag
            aangeboden += verwacht is not None
        return aangeboden

    assert vergelijk() >= 3
    assert uitkomsten.nu_niet(user, cursus.pk, 3, D(2026, 6, 10))
    assert uitkomsten.nu_niet(user, ander.pk, 12, D(2026, 4, 1))
    vergelijk()
    Uitkomst.objects.create(
        user=user, studie=True, ingevuld_op=datetime.datetime(2027, 3, 12, tzinfo=datetime.UTC)
    )
    vergelijk()
    Lidmaatschap.objects.filter(user=user).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    assert vergelijk() == 0


def test_the_giving_back_block_as_groei_home_says(groep, deelnemer, facilitator):
    def vergelijk(*mensen):
        for mens in mensen:
            assert _home(mens).groei == groei_home.blok(mens)

    vergelijk(deelnemer, facilitator)
    verhaal_mod.opslaan(deelnemer, "Mijn weg", {"overweldigd": "Het begon zo."})
    verhaal_mod.delen(deelnemer, groep)
    getuigenis.zet_aanbod(deelnemer, True)
    assert groei_home.blok(facilitator).aanbiedingen
    assert groei_home.blok(deelnemer).deelt_verhaal
    vergelijk(deelnemer, facilitator)
    bijeenkomst = BijeenkomstFactory(
        groep=groep, begint_om=timezone.now() + datetime.timedelta(days=7)
    )
    Verhaaluitnodiging.objects.create(
        user=deelnemer, bijeenkomst=bijeenkomst, uitgenodigd_door=facilitator
    )
    rollen.start_rol(deelnemer, Vrijwilligersrol.Soort.BUDDY)
    assert groei_home.blok(deelnemer).open_uitnodiging
    vergelijk(deelnemer, facilitator)


def test_the_wish_as_the_rules_say_in_every_state(coordinator):
    nu = timezone.now()
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    rol_in_groep = dict(
        soort=Vrijwilligersrol.Soort.COFACILITATOR, groep=GroepFactory(), begint_op=morgen
    )
    staten = [
        [],
        [dict(status=S.NIEUW)],
        [dict(status=S.UITGENODIGD, beslist_door=coordinator, beslist_op=nu)],
        [dict(status=S.LATER, beslist_op=nu - datetime.timedelta(days=90))],
        [dict(status=S.NIET_NU, beslist_door=coordinator, beslist_op=nu)],
        [dict(status=S.NIET_NU, beslist_op=nu - datetime.timedelta(days=31))],
        [dict(status=S.GESTART, beslist_op=nu)],
        [dict(status=S.GESTART, beslist_op=nu, rol=rol_in_groep)],
        [
            dict(
                status=S.GESTART,
                beslist_op=nu - datetime.timedelta(days=3),
                rol=dict(soort=Vrijwilligersrol.Soort.VRIJWILLIGER, omschrijving="thee"),
            )
        ],
        [dict(status=S.NIET_NU, beslist_op=nu), dict(status=S.INGETROKKEN)],
        [dict(status=S.INGETROKKEN)],
    ]
    getoond = set()
    for wensen_van_iemand in staten:
        user = UserFactory()
        for i, velden in enumerate(wensen_van_iemand):
            velden = dict(velden)
            if "rol" in velden:
                velden["rol"] = rollen.start_rol(user, **velden["rol"])
            Meehelpwens.objects.create(
                user=user, manieren=["gastheer"], aangemaakt_op=nu + datetime.timedelta(i), **velden
            )
        verwacht = _wens_volgens_de_regels(user)
        wens = _home(user).wens
        assert (wens and wens.stand) == verwacht
        getoond.add(verwacht)
    assert len(getoond) == 8  # seven different texts and the invitation (None)
