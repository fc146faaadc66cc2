"""Who is invited to a nazit (nazorg/planning.py): finishers of every kind of group that
ends, and people who leave an ongoing recovery group; never the walk-in, never an offer
with its nazit off, never someone who left a course early."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from groepen.models import Aanwezigheid, Lidmaatschap
from nazorg.models import STANDAARD_PLAN, Herinnering, NazitMoment, NazorgVoorkeur
from nazorg.planning import PlanResultaat, plan_alle, plan_nazit
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

from .conftest import maak_afgelopen_groep

pytestmark = pytest.mark.django_db
S = Herinnering.Status
L = Lidmaatschap.Status


def dagen(n):
    return datetime.timedelta(days=n)


def uitgenodigd(groep, status=S.GEPLAND):
    return set(
        Herinnering.objects.filter(groep=groep, status=status).values_list("user", flat=True)
    )


def test_a_workshop_of_several_meetings_invites_who_took_part_from_its_last_meeting():
    vandaag = timezone.localdate()
    groep = GroepFactory(
        aanbod=AanbodFactory(soort="workshop"),
        startdatum=vandaag - dagen(20),
        einddatum=None,
    )
    for n in (16, 9, 2):
        BijeenkomstFactory(groep=groep, begint_om=timezone.now() - dagen(n))
    mensen = [LidmaatschapFactory(groep=groep).user for _ in range(3)]
    r = plan_alle()
    assert (r.momenten, r.herinneringen) == (3, 9)
    laatste = timezone.localdate(timezone.now() - dagen(2))
    assert sorted(groep.nazit_momenten.values_list("datum", flat=True)) == [
        laatste + dagen(n) for n in STANDAARD_PLAN
    ]
    assert uitgenodigd(groep) == {u.pk for u in mensen}


def test_a_workshop_that_is_still_running_is_not_planned():
    groep = GroepFactory(aanbod=AanbodFactory(soort="workshop"), einddatum=None)
    BijeenkomstFactory(groep=groep, begint_om=timezone.now() - dagen(7))
    BijeenkomstFactory(groep=groep, begint_om=timezone.now() + dagen(7))
    LidmaatschapFactory(groep=groep)
    assert plan_alle() == PlanResultaat()


def test_a_course_invites_who_was_in_it_on_the_last_day_not_who_left_early():
    groep, (blijver,), _ = maak_afgelopen_groep(deelnemers=1, dagen_geleden=3)
    vroeg = LidmaatschapFactory(
        groep=groep, status=L.UITGESCHREVEN, status_sinds=timezone.now() - dagen(20)
    ).user
    # Cancelled after the last meeting (before the end date): they finished the course.
    na_afloop = LidmaatschapFactory(
        groep=groep, status=L.UITGESCHREVEN, status_sinds=timezone.now() - dagen(1)
    ).user
    wachtend = LidmaatschapFactory(groep=groep, status=L.WACHTLIJST).user
    plan_nazit(groep)
    assert uitgenodigd(groep) == {blijver.pk, na_afloop.pk}
    assert not Herinnering.objects.filter(user__in=[vroeg, wachtend]).exists()


def herstelgroep(nazit=True):
    """An ongoing recovery group (no end date) that met weekly and still meets."""
    groep = GroepFactory(
        aanbod=AanbodFactory(soort="herstelgroep", nazit=nazit),
        startdatum=timezone.localdate() - dagen(60),
        einddatum=None,
    )
    bijeenkomsten = [
        BijeenkomstFactory(groep=groep, begint_om=timezone.now() - dagen(n))
        for n in (28, 21, 14, 7)
    ]
    BijeenkomstFactory(groep=groep, begint_om=timezone.now() + dagen(7))
    return groep, bijeenkomsten


def vertrekt(groep, bijeenkomsten, dagen_geleden=2, aanwezig=True):
    """A participant who came to the meetings (or not) and left `dagen_geleden` ago."""
    user = UserFactory()
    lid = LidmaatschapFactory(groep=groep, user=user)
    if aanwezig:
        Aanwezigheid.objects.bulk_create(
            [
                Aanwezigheid(bijeenkomst=b, user=user, status=Aanwezigheid.Status.AANWEZIG)
                for b in bijeenkomsten
            ]
        )
    lid.status = L.UITGESCHREVEN
    lid.status_sinds = timezone.now() - dagen(dagen_geleden)
    lid.save()
    return user


def test_someone_who_leaves_a_recovery_group_is_invited_from_the_day_they_left():
    groep, bijeenkomsten = herstelgroep()
    blijver = LidmaatschapFactory(groep=groep).user
    vertrekker = vertrekt(groep, bijeenkomsten, dagen_geleden=2)
    nooit_gekomen = vertrekt(groep, bijeenkomsten, aanwezig=False)
    wachtend = LidmaatschapFactory(groep=groep, status=L.WACHTLIJST).user
    r = plan_alle()
    vertrekdag = timezone.localdate(timezone.now() - dagen(2))
    momenten = list(groep.nazit_momenten.order_by("dagen_na_einde"))
    assert [(m.vertrek, m.datum) for m in momenten] == [
        (vertrekdag, vertrekdag + dagen(n)) for n in STANDAARD_PLAN
    ]
    assert (r.momenten, r.herinneringen) == (3, 3)
    assert uitgenodigd(groep) == {vertrekker.pk}
    for niet in (blijver, nooit_gekomen, wachtend):
        assert not Herinnering.objects.filter(user=niet).exists()


def test_people_who_leave_on_the_same_day_share_moments_and_later_leavers_get_their_own():
    groep, bijeenkomsten = herstelgroep()
    a = vertrekt(groep, bijeenkomsten, dagen_geleden=3)
    b = vertrekt(groep, bijeenkomsten, dagen_geleden=3)
    plan_alle()
    assert NazitMoment.objects.filter(groep=groep).count() == 3
    c = vertrekt(groep, bijeenkomsten, dagen_geleden=1)
    r = plan_alle()
    assert (r.momenten, r.herinneringen) == (3, 3)
    assert NazitMoment.objects.filter(groep=groep).count() == 6
    assert set(Herinnering.objects.filter(user=c).values_list("moment__vertrek", flat=True)) == {
        timezone.localdate(timezone.now() - dagen(1))
    }
    assert Herinnering.objects.filter(user__in=[a, b]).count() == 6


def test_a_leaver_who_said_no_at_enrolment_gets_no_invitation():
    groep, bijeenkomsten = herstelgroep()
    user = vertrekt(groep, bijeenkomsten)
    NazorgVoorkeur.objects.create(user=user, groep=groep, gestopt=True)
    plan_alle()
    assert uitgenodigd(groep) == set()
    assert uitgenodigd(groep, S.AFGEMELD) == {user.pk}


def test_a_recovery_group_with_the_nazit_off_invites_no_leaver():
    groep, bijeenkomsten = herstelgroep(nazit=False)
    vertrekt(groep, bijeenkomsten)
    assert plan_alle() == PlanResultaat()
    assert not NazitMoment.objects.exists()


def test_a_recovery_group_that_ends_invites_who_is_in_it_then():
    groep, (lid,), _ = maak_afgelopen_groep(deelnemers=1)
    groep.aanbod.soort = "herstelgroep"
    groep.aanbod.save()
    plan_alle()
    assert uitgenodigd(groep) == {lid.pk}
    assert not groep.nazit_momenten.filter(vertrek__isnull=False).exists()


def test_moments_that_already_passed_are_not_made():
    groep, _ = herstelgroep()
    eerder = [
        BijeenkomstFactory(groep=groep, begint_om=timezone.now() - dagen(n)) for n in (57, 52)
    ]
    vertrekt(groep, eerder, dagen_geleden=50)
    plan_alle()
    assert list(groep.nazit_momenten.values_list("dagen_na_einde", flat=True)) == [91]


def test_running_the_daily_job_again_creates_nothing_twice():
    maak_afgelopen_groep(deelnemers=2)
    groep, bijeenkomsten = herstelgroep()
    vertrekt(groep, bijeenkomsten)
    eerste = plan_alle()
    assert (eerste.momenten, eerste.herinneringen) == (6, 9)
    aantallen = (NazitMoment.objects.count(), Herinnering.objects.count())
    assert plan_alle() == PlanResultaat()
    assert plan_nazit(groep) == PlanResultaat()
    assert (NazitMoment.objects.count(), Herinnering.objects.count()) == aantallen


def maak_groepen(n):
    for _ in range(n):
        maak_afgelopen_groep(deelnemers=2)
        groep, bijeenkomsten = herstelgroep()
        vertrekt(groep, bijeenkomsten)


def tel_queries():
    with CaptureQueriesContext(connection) as ctx:
        plan_alle()
    eerste = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        plan_alle()
    return eerste, len(ctx.captured_queries)


def test_the_daily_job_costs_the_same_queries_for_many_groups():
    maak_groepen(2)
    weinig = tel_queries()
    Herinnering.objects.all().delete()
    NazitMoment.objects.all().delete()
    # Three times the groups, six of each kind in all (54 reminders: SQLite inserts at most
    # 58 rows of this size per statement; more rows would add an INSERT per 58 rows).
    maak_groepen(4)
    assert tel_queries() == weinig
