"""Volunteer roles: dates decide, and a co-facilitator role brings its membership."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from groepen.models import Lidmaatschap, Vrijwilligersrol
from groepen.rollen import beeindig_rol, start_rol, synchroniseer_lidmaatschappen
from tests.factories import GroepFactory, UserFactory

Soort = Vrijwilligersrol.Soort
DAG = datetime.date(2026, 12, 7)


@pytest.fixture
def sam(db):
    return UserFactory(roepnaam="Sam")


def test_a_role_counts_from_its_first_day_until_the_day_it_ends(sam):
    rol = start_rol(sam, Soort.GASTHEER, begint_op=DAG)
    assert not rol.is_actief(DAG - datetime.timedelta(days=1))
    assert rol.is_actief(DAG)
    beeindig_rol(rol, DAG + datetime.timedelta(days=3))
    assert rol.is_actief(DAG + datetime.timedelta(days=2))
    assert not rol.is_actief(DAG + datetime.timedelta(days=3))
    actief = Vrijwilligersrol.objects.actief
    assert list(actief(DAG + datetime.timedelta(days=2))) == [rol]
    assert not actief(DAG + datetime.timedelta(days=3)).exists()
    assert not actief(DAG - datetime.timedelta(days=1)).exists()


def test_the_database_refuses_a_role_that_ends_before_it_starts(sam):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vrijwilligersrol.objects.create(
            user=sam, soort=Soort.BUDDY, begint_op=DAG, eindigt_op=DAG - datetime.timedelta(1)
        )


def test_ending_a_role_before_it_started_ends_it_on_its_first_day(sam):
    rol = start_rol(sam, Soort.BUDDY, begint_op=DAG)
    beeindig_rol(rol, DAG - datetime.timedelta(days=5))
    assert rol.eindigt_op == DAG


def test_a_co_facilitator_needs_a_group(sam):
    with pytest.raises(ValueError, match="group"):
        start_rol(sam, Soort.COFACILITATOR)


def test_co_facilitator_role_gives_and_takes_the_facilitator_membership(sam):
    groep = GroepFactory()
    rol = start_rol(sam, Soort.COFACILITATOR, groep=groep)
    lid = Lidmaatschap.objects.get(user=sam, groep=groep)
    assert lid.is_actieve_facilitator
    assert lid.vrijwilliger
    beeindig_rol(rol)
    lid.refresh_from_db()
    assert lid.status == Lidmaatschap.Status.UITGESCHREVEN


def test_a_participant_who_becomes_co_facilitator_keeps_one_membership(sam):
    groep = GroepFactory()
    Lidmaatschap.objects.create(user=sam, groep=groep, rol=Lidmaatschap.Rol.DEELNEMER)
    start_rol(sam, Soort.COFACILITATOR, groep=groep)
    lid = Lidmaatschap.objects.get(user=sam, groep=groep)
    assert lid.is_actieve_facilitator


def test_ending_does_not_take_a_staff_facilitators_own_membership(sam):
    groep = GroepFactory()
    Lidmaatschap.objects.create(user=sam, groep=groep, rol=Lidmaatschap.Rol.FACILITATOR)
    rol = start_rol(sam, Soort.COFACILITATOR, groep=groep)
    beeindig_rol(rol)
    assert Lidmaatschap.objects.get(user=sam, groep=groep).is_actieve_facilitator


def test_the_daily_job_follows_later_start_and_end_dates(sam):
    groep = GroepFactory()
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    rol = start_rol(sam, Soort.COFACILITATOR, groep=groep, begint_op=morgen)
    assert not Lidmaatschap.objects.filter(user=sam, groep=groep).exists()
    assert synchroniseer_lidmaatschappen(morgen) == (1, 0)
    assert Lidmaatschap.objects.get(user=sam, groep=groep).is_actieve_facilitator
    assert synchroniseer_lidmaatschappen(morgen) == (0, 0)
    rol.eindigt_op = morgen + datetime.timedelta(days=7)
    rol.save()
    assert synchroniseer_lidmaatschappen(rol.eindigt_op) == (0, 1)
    assert not Lidmaatschap.objects.get(user=sam, groep=groep).is_actieve_facilitator
