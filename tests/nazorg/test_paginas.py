"""Plan, moment, preferences, notifications and the coordinator overview."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Herinnering, Melding, NazitPlanMoment, NazorgVoorkeur
from nazorg.planning import plan_nazit
from tests.factories import AanbodFactory

from .conftest import maak_afgelopen_groep, maak_due

pytestmark = pytest.mark.django_db
S = Herinnering.Status


# --- Plan --------------------------------------------------------------------------------


def test_coordinator_adds_and_removes_plan_steps(client, coordinator):
    aanbod = AanbodFactory(soort="cursus")
    client.force_login(coordinator)
    url = reverse("nazit_plan", kwargs={"pk": aanbod.pk})
    r = client.get(url)
    assert r.status_code == 200
    assert r.context["standaard"]
    assert client.post(url, {"dagen": "7"}).status_code == 302
    assert sorted(aanbod.nazit_plan.values_list("dagen_na_einde", flat=True)) == [7, 14, 42, 91]
    client.post(url, {"verwijder": "42"})
    assert sorted(aanbod.nazit_plan.values_list("dagen_na_einde", flat=True)) == [7, 14, 91]


@pytest.mark.parametrize("invoer", ["", "0", "999", "twee", "14"])
def test_bad_plan_step_keeps_input_and_says_why(client, coordinator, invoer):
    aanbod = AanbodFactory(soort="cursus")
    client.force_login(coordinator)
    r = client.post(reverse("nazit_plan", kwargs={"pk": aanbod.pk}), {"dagen": invoer})
    assert r.status_code == 400
    assert r.context["form"].errors["dagen"]
    assert f'value="{invoer}"'.encode() in r.content or invoer == ""
    assert not NazitPlanMoment.objects.filter(aanbod=aanbod).exists()


def test_last_plan_step_cannot_be_removed(client, coordinator):
    aanbod = AanbodFactory(soort="cursus")
    NazitPlanMoment.objects.create(aanbod=aanbod, dagen_na_einde=30)
    client.force_login(coordinator)
    client.post(reverse("nazit_plan", kwargs={"pk": aanbod.pk}), {"verwijder": "30"})
    assert list(aanbod.nazit_plan.values_list("dagen_na_einde", flat=True)) == [30]


# --- Moment -------------------------------------------------------------------------------


def test_facilitator_attaches_a_meeting_and_reminders_carry_it(client, afgelopen):
    groep, _, facilitator = afgelopen
    moment = groep.nazit_momenten.get(dagen_na_einde=14)
    client.force_login(facilitator)
    url = reverse("nazit_moment", kwargs={"pk": moment.pk})
    assert client.get(url).status_code == 200
    wanneer = timezone.localtime() + datetime.timedelta(days=12)
    r = client.post(
        url, {"begint_om": wanneer.strftime("%Y-%m-%dT19:30"), "locatie": "De Kantine, Utrecht"}
    )
    assert r.status_code == 302
    moment.refresh_from_db()
    assert moment.locatie == "De Kantine, Utrecht"
    assert timezone.localtime(moment.begint_om).strftime("%H:%M") == "19:30"
    assert moment.datum == wanneer.date()
    maak_due(moment.herinneringen.all())
    verstuur_herinneringen()
    assert all("De Kantine, Utrecht" in m.body for m in mail.outbox)
    assert len(mail.outbox) == 3


def test_moment_in_the_past_is_refused_and_input_kept(client, afgelopen):
    groep, _, facilitator = afgelopen
    moment = groep.nazit_momenten.first()
    client.force_login(facilitator)
    r = client.post(
        reverse("nazit_moment", kwargs={"pk": moment.pk}),
        {"begint_om": "2001-01-01T10:00", "locatie": "Buurthuis De Linde"},
    )
    assert r.status_code == 400
    assert r.context["form"].errors["begint_om"]
    assert b"Buurthuis De Linde" in r.content
    assert b"2001-01-01T10:00" in r.content
    moment.refresh_from_db()
    assert moment.begint_om is None


def test_moment_of_another_group_is_404_for_facilitators_403_for_participants(
    client, afgelopen, facilitator, deelnemer
):
    groep, (lid, *_), _ = afgelopen
    url = reverse("nazit_moment", kwargs={"pk": groep.nazit_momenten.first().pk})
    client.force_login(facilitator)  # facilitator of another group
    assert client.get(url).status_code == 404
    client.force_login(lid)
    assert client.get(url).status_code == 403


# --- Preferences ----------------------------------------------------------------------------


def test_participant_stops_and_restarts_one_group(client, afgelopen):
    groep, (lid, *_), _ = afgelopen
    client.force_login(lid)
    url = reverse("nazorg_voorkeuren")
    assert client.get(url).status_code == 200
    client.post(url, {"actie": "stop", "groep": groep.pk})
    assert set(Herinnering.objects.filter(user=lid).values_list("status", flat=True)) == {
        S.AFGEMELD
    }
    client.post(url, {"actie": "start", "groep": groep.pk})
    assert set(Herinnering.objects.filter(user=lid).values_list("status", flat=True)) == {S.GEPLAND}


def test_stop_all_and_channel_choice(client, afgelopen):
    _groep, (lid, _ander, _), _ = afgelopen
    client.force_login(lid)
    url = reverse("nazorg_voorkeuren")
    client.post(url, {"actie": "stop_alles"})
    assert NazorgVoorkeur.objects.get(user=lid, groep=None).gestopt
    assert not Herinnering.objects.filter(user=lid, status=S.GEPLAND).exists()
    client.post(url, {"actie": "start_alles"})
    assert Herinnering.objects.filter(user=lid, status=S.GEPLAND).count() == 3
    client.post(url, {"actie": "kanaal", "in_app": "on"})
    v = NazorgVoorkeur.objects.get(user=lid, groep=None)
    assert (v.per_email, v.in_app) == (False, True)
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    verstuur_herinneringen()
    assert lid.email not in [m.to[0] for m in mail.outbox]
    assert Melding.objects.filter(user=lid).count() == 1


def test_someone_cannot_stop_a_group_that_is_not_theirs(client, afgelopen, outsider):
    groep, _, _ = afgelopen
    client.force_login(outsider)
    client.post(reverse("nazorg_voorkeuren"), {"actie": "stop", "groep": groep.pk})
    assert not NazorgVoorkeur.objects.exists()


@pytest.mark.parametrize("waarde", ["abc", "", "1e3", "١", "-1", "99999999999999999999"])
def test_a_group_that_is_not_a_number_gets_a_calm_message(client, afgelopen, waarde):
    """A changed form (or a tool) may send anything as the group: no error page, a message,
    and nothing changes."""
    _groep, (lid, *_), _ = afgelopen
    client.force_login(lid)
    response = client.post(
        reverse("nazorg_voorkeuren"), {"actie": "stop", "groep": waarde}, follow=True
    )
    assert response.status_code == 200
    assert "Dat lukte niet" in response.content.decode()
    assert not Herinnering.objects.filter(user=lid, status=S.AFGEMELD).exists()


# --- Notifications ----------------------------------------------------------------------------


def maak_meldingen(user, n):
    Melding.objects.bulk_create(
        [Melding(user=user, titel=f"Melding {i}", link="/meldingen/") for i in range(n)]
    )


def test_notifications_are_own_only_and_marked_read(client, deelnemer, outsider):
    maak_meldingen(deelnemer, 3)
    Melding.objects.create(user=deelnemer, titel="Zonder link")
    maak_meldingen(outsider, 2)
    client.force_login(deelnemer)
    r = client.get(reverse("meldingen"))
    assert len(r.context["items"]) == 4
    # Seeing one without a link is reading it; one with a link is read when opened
    # (tests/nazorg/test_gesprekmeldingen.py).
    assert Melding.objects.get(titel="Zonder link").gelezen_op is not None
    assert Melding.objects.filter(user=deelnemer, gelezen_op__isnull=True).count() == 3
    assert Melding.objects.filter(user=outsider, gelezen_op__isnull=True).count() == 2


def test_notifications_query_count_does_not_grow(client, deelnemer, django_assert_num_queries):
    maak_meldingen(deelnemer, 2)
    client.force_login(deelnemer)
    url = reverse("meldingen")
    client.get(url)
    maak_meldingen(deelnemer, 2)
    with CaptureQueriesContext(connection) as klein:
        client.get(url)
    maak_meldingen(deelnemer, 60)
    with django_assert_num_queries(len(klein)):
        r = client.get(url)
    assert len(r.context["items"]) == 50


# --- Coordinator overview -----------------------------------------------------------------------


def test_overview_counts_and_hides_small_answer_counts(client, coordinator):
    groot, mensen, _ = maak_afgelopen_groep(deelnemers=5)
    klein, weinig, _ = maak_afgelopen_groep(deelnemers=2)
    plan_nazit(groot)
    plan_nazit(klein)
    Herinnering.objects.filter(user=mensen[0], moment__dagen_na_einde=14).update(antwoord="ja")
    client.force_login(coordinator)
    r = client.get(reverse("nazorg_overzicht"))
    assert dict((s.value, n) for s, n in r.context["statussen"])["gepland"] == 21
    per_groep = {m.groep_id: m for m in r.context["momenten"] if m.dagen_na_einde == 14}
    assert per_groep[groot.pk].aantal_mensen == 5
    assert not per_groep[groot.pk].te_weinig
    assert per_groep[groot.pk].ja == 1
    assert per_groep[klein.pk].te_weinig
    inhoud = r.content.decode()
    for u in mensen + weinig:
        assert u.email not in inhoud
        assert u.roepnaam not in inhoud


def test_overview_query_count_does_not_grow(client, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    plan_nazit(maak_afgelopen_groep(deelnemers=1)[0])
    client.get(reverse("nazorg_overzicht"))
    with CaptureQueriesContext(connection) as klein:
        client.get(reverse("nazorg_overzicht"))
    for _ in range(4):
        plan_nazit(maak_afgelopen_groep(deelnemers=3)[0])
    Herinnering.objects.filter(pk__in=Herinnering.objects.values("pk")[:5]).update(
        status=S.MISLUKT, laatste_fout="SMTPDataError 451"
    )
    with django_assert_num_queries(len(klein)):
        client.get(reverse("nazorg_overzicht"))
