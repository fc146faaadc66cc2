import datetime

import pytest
from django.utils import timezone

from nazorg.models import STANDAARD_PLAN, Herinnering, NazitMoment, NazitPlanMoment, NazorgVoorkeur
from nazorg.planning import (
    PlanResultaat,
    afgelopen_groepen,
    plan_alle,
    plan_nazit,
    verstuurmoment,
)
from tests.factories import AanbodFactory, GroepFactory

from .conftest import maak_afgelopen_groep

pytestmark = pytest.mark.django_db
S = Herinnering.Status


def test_ended_course_gets_standard_moments_and_one_reminder_per_participant():
    groep, mensen, _ = maak_afgelopen_groep(deelnemers=4)
    plan_nazit(groep)
    einde = groep.bijeenkomsten.get().begint_om
    momenten = list(groep.nazit_momenten.order_by("dagen_na_einde"))
    assert [m.dagen_na_einde for m in momenten] == list(STANDAARD_PLAN)
    assert [m.datum for m in momenten] == [
        timezone.localdate(einde) + datetime.timedelta(days=n) for n in STANDAARD_PLAN
    ]
    assert Herinnering.objects.filter(groep=groep, status=S.GEPLAND).count() == 4 * 3
    # Facilitators get no reminder.
    assert set(Herinnering.objects.values_list("user", flat=True)) == {u.pk for u in mensen}


def test_send_time_is_a_week_before_at_ten_local():
    groep, _, _ = maak_afgelopen_groep(deelnemers=1)
    plan_nazit(groep)
    moment = groep.nazit_momenten.get(dagen_na_einde=42)
    h = Herinnering.objects.get(moment=moment)
    lokaal = timezone.localtime(h.verstuur_op)
    assert lokaal.date() == moment.datum - datetime.timedelta(days=7)
    assert (lokaal.hour, lokaal.minute) == (10, 0)


def test_send_time_is_now_when_a_week_before_has_passed_but_moment_is_ahead():
    now = timezone.now()
    morgen = timezone.localdate(now) + datetime.timedelta(days=1)
    assert verstuurmoment(morgen, now) == now
    assert verstuurmoment(timezone.localdate(now) - datetime.timedelta(days=1), now) is None


def test_planning_twice_creates_nothing_twice():
    groep, _, _ = maak_afgelopen_groep(deelnemers=3)
    plan_nazit(groep)
    tweede = plan_nazit(groep)
    plan_alle()
    assert (tweede.momenten, tweede.herinneringen) == (0, 0)
    assert NazitMoment.objects.filter(groep=groep).count() == 3
    assert Herinnering.objects.filter(groep=groep).count() == 9


def test_own_plan_replaces_the_standard_plan():
    aanbod = AanbodFactory(soort="cursus")
    NazitPlanMoment.objects.create(aanbod=aanbod, dagen_na_einde=10)
    groep, _, _ = maak_afgelopen_groep(deelnemers=1)
    groep.aanbod = aanbod
    groep.save()
    plan_nazit(groep)
    assert list(groep.nazit_momenten.values_list("dagen_na_einde", flat=True)) == [10]


def test_running_group_the_walk_in_and_an_offer_without_nazit_are_not_planned():
    lopend = GroepFactory()  # ends in the future
    inloop, _, _ = maak_afgelopen_groep(deelnemers=1)
    inloop.aanbod.soort = "inloop"
    inloop.aanbod.save()  # even with the nazit left on by mistake
    zonder, _, _ = maak_afgelopen_groep(deelnemers=1)
    zonder.aanbod.nazit = False
    zonder.aanbod.save()
    for groep in (lopend, inloop, zonder):
        plan_nazit(groep)
    assert plan_alle() == PlanResultaat()
    assert not NazitMoment.objects.exists()


def test_past_moments_get_no_reminders():
    groep, _, _ = maak_afgelopen_groep(deelnemers=2, dagen_geleden=50)
    plan_nazit(groep)
    # +14 and +42 lie in the past: only the +91 moment gets reminders.
    assert set(Herinnering.objects.values_list("moment__dagen_na_einde", flat=True)) == {91}


def test_preferences_are_respected_when_planning():
    groep, (a, b, c), _ = maak_afgelopen_groep(deelnemers=3)
    NazorgVoorkeur.objects.create(user=a, groep=groep, gestopt=True)
    NazorgVoorkeur.objects.create(user=b, groep=None, gestopt=True)
    plan_nazit(groep)
    assert set(Herinnering.objects.filter(status=S.AFGEMELD).values_list("user", flat=True)) == {
        a.pk,
        b.pk,
    }
    assert set(Herinnering.objects.filter(status=S.GEPLAND).values_list("user", flat=True)) == {
        c.pk
    }


def test_daily_job_finds_ended_course_groups():
    groep, _, _ = maak_afgelopen_groep(deelnemers=2)
    GroepFactory()
    assert list(afgelopen_groepen()) == [groep]
    r = plan_alle()
    assert (r.momenten, r.herinneringen) == (3, 6)
