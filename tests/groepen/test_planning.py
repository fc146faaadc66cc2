"""groepen/planning.py: schedules, moving and cancelling meetings, capacity, facilitators."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail as django_mail
from django.utils import timezone

from groepen import planning
from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

W = Lidmaatschap.Status.WACHTLIJST
U = Lidmaatschap.Status.UITGESCHREVEN

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def laatste_zondag(jaar, maand):
    dag = datetime.date(jaar, maand + 1, 1) - datetime.timedelta(days=1)
    return dag - datetime.timedelta(days=(dag.weekday() + 1) % 7)


def over(dagen):
    return timezone.localdate() + datetime.timedelta(days=dagen)


def schema(**kwargs):
    return planning.Schema(
        **{
            "eerste_datum": over(7),
            "begintijd": datetime.time(13, 30),
            "aantal": 8,
            "elke_n_weken": 1,
            "duur_minuten": 150,
            **kwargs,
        }
    )


def lokaal(moment):
    return timezone.localtime(moment)


# --- Schedules -----------------------------------------------------------------------------


@pytest.mark.parametrize("maand", [3, 10])
def test_weekly_series_across_dst_keeps_local_time(maand):
    """The clocks change on the last Sunday of March and October: 13:30 stays 13:30."""
    wissel = laatste_zondag(timezone.localdate().year + 1, maand)
    eerste = wissel - datetime.timedelta(days=12)  # two meetings before, two after
    groep = planning.plan_groep(
        AanbodFactory(),
        naam="WRAP",
        locatie="Buurthuis",
        capaciteit=12,
        schema=schema(eerste_datum=eerste, aantal=4),
    )

    bijeenkomsten = list(groep.bijeenkomsten.order_by("begint_om"))
    assert [lokaal(b.begint_om).time() for b in bijeenkomsten] == [datetime.time(13, 30)] * 4
    assert [lokaal(b.eindigt_om).time() for b in bijeenkomsten] == [datetime.time(16, 0)] * 4
    offsets = {lokaal(b.begint_om).utcoffset() for b in bijeenkomsten}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    # Stored in UTC, the start moves by an hour: proof the local time was kept.
    assert len({b.begint_om.astimezone(datetime.UTC).time() for b in bijeenkomsten}) == 2


def test_course_schedule_sets_group_dates_and_meetings():
    aanbod = AanbodFactory(soort=Aanbod.Soort.CURSUS, aantal_bijeenkomsten=8)
    groep = planning.plan_groep(
        aanbod, naam="WRAP voorjaar", locatie="De Kantine", capaciteit=10, schema=schema()
    )

    groep.refresh_from_db()
    assert groep.bijeenkomsten.count() == 8
    assert groep.startdatum == over(7)
    assert groep.einddatum == over(7 + 7 * 7)
    assert groep.capaciteit == 10
    assert groep.status == Groep.Status.GEPLAND


def test_every_other_week():
    groep = planning.plan_groep(
        AanbodFactory(), naam="G", locatie="", capaciteit=None, schema=schema(elke_n_weken=2)
    )
    datums = [lokaal(b.begint_om).date() for b in groep.bijeenkomsten.order_by("begint_om")]
    assert datums == [over(7 + 14 * i) for i in range(8)]


@pytest.mark.parametrize("soort", [Aanbod.Soort.HERSTELGROEP, Aanbod.Soort.INLOOP])
def test_ongoing_kinds_have_no_end_date(soort):
    groep = planning.plan_groep(
        AanbodFactory(soort=soort), naam="G", locatie="", capaciteit=None, schema=schema(aantal=12)
    )
    groep.refresh_from_db()
    assert groep.einddatum is None
    assert groep.bijeenkomsten.count() == 12


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"eerste_datum": over(-1)}, "eerste_datum"),
        ({"aantal": 0}, "aantal"),
        ({"elke_n_weken": 0}, "elke_n_weken"),
        ({"begintijd": datetime.time(23, 0), "duur_minuten": 120}, "duur_minuten"),
    ],
)
def test_bad_schedule_is_refused_and_nothing_is_created(kwargs, veld):
    with pytest.raises(planning.PlanningFout) as fout:
        planning.plan_groep(
            AanbodFactory(), naam="G", locatie="", capaciteit=None, schema=schema(**kwargs)
        )
    assert fout.value.veld == veld
    assert not Groep.objects.exists()
    assert not Bijeenkomst.objects.exists()


@time_machine.travel(datetime.datetime(2030, 3, 4, 14, 0, tzinfo=AMSTERDAM), tick=False)
def test_a_time_earlier_today_points_at_the_start_time():
    nu = timezone.localtime()
    with pytest.raises(planning.PlanningFout) as fout:
        planning.controleer_schema(
            AanbodFactory(),
            schema(eerste_datum=nu.date(), begintijd=datetime.time(0, 0), duur_minuten=15),
        )
    assert fout.value.veld == "begintijd"


def test_workshop_has_one_meeting():
    workshop = AanbodFactory(soort=Aanbod.Soort.WORKSHOP)
    with pytest.raises(planning.PlanningFout) as fout:
        planning.controleer_schema(workshop, schema(aantal=2))
    assert fout.value.veld == "aantal"
    planning.controleer_schema(workshop, schema(aantal=1))


# --- One meeting -----------------------------------------------------------------------------


def test_add_meeting_after_the_end_widens_the_group():
    groep = GroepFactory(startdatum=over(1), einddatum=over(10))
    planning.voeg_bijeenkomst_toe(
        groep.pk, datum=over(20), begintijd=datetime.time(10), eindtijd=datetime.time(12)
    )
    groep.refresh_from_db()
    assert groep.einddatum == over(20)
    assert groep.bijeenkomsten.count() == 1


def test_add_meeting_refuses_end_before_start():
    groep = GroepFactory()
    with pytest.raises(planning.PlanningFout) as fout:
        planning.voeg_bijeenkomst_toe(
            groep.pk, datum=over(3), begintijd=datetime.time(14), eindtijd=datetime.time(13)
        )
    assert fout.value.veld == "eindtijd"
    assert not groep.bijeenkomsten.exists()


@pytest.fixture
def groep_met_mensen():
    """A group with people in every state, and someone in another group."""
    groep = GroepFactory(locatie="Buurthuis")
    mensen = {
        "deelnemer": LidmaatschapFactory(groep=groep).user,
        "deelnemer2": LidmaatschapFactory(groep=groep).user,
        "facilitator": LidmaatschapFactory(groep=groep, rol=Lidmaatschap.Rol.FACILITATOR).user,
        "wachtlijst": LidmaatschapFactory(groep=groep, status=W).user,
        "uitgeschreven": LidmaatschapFactory(groep=groep, status=U).user,
        "ex_facilitator": LidmaatschapFactory(
            groep=groep, rol=Lidmaatschap.Rol.FACILITATOR, status=U
        ).user,
        "andere_groep": LidmaatschapFactory().user,
        "coordinator": UserFactory(is_coordinator=True),
    }
    begin = lokaal(timezone.now() + datetime.timedelta(days=3)).replace(
        hour=13, minute=30, second=0, microsecond=0
    )
    bijeenkomst = BijeenkomstFactory(
        groep=groep, begint_om=begin, eindigt_om=begin + datetime.timedelta(hours=2)
    )
    return groep, bijeenkomst, mensen


def ontvangers():
    return sorted(adres for m in django_mail.outbox for adres in m.to)


def verwacht(mensen):
    return sorted(mensen[k].email for k in ("deelnemer", "deelnemer2", "facilitator"))


def test_move_emails_participants_and_facilitators_only(groep_met_mensen):
    groep, bijeenkomst, mensen = groep_met_mensen
    nieuwe_dag = lokaal(bijeenkomst.begint_om).date() + datetime.timedelta(days=1)

    assert planning.verplaats(
        bijeenkomst.pk,
        datum=nieuwe_dag,
        begintijd=datetime.time(10, 15),
        eindtijd=datetime.time(12, 45),
        locatie="De Kantine",
    )

    assert ontvangers() == verwacht(mensen)
    bericht = django_mail.outbox[0]
    html = bericht.alternatives[0][0]
    for tekst in (bericht.body, html):
        assert "13:30" in tekst
        assert "15:30" in tekst
        assert "10:15" in tekst
        assert "12:45" in tekst
        assert "Buurthuis" in tekst
        assert "De Kantine" in tekst
    assert groep.naam in bericht.subject


def test_move_keeps_original_time_and_raises_sequence(groep_met_mensen):
    _groep, bijeenkomst, _mensen = groep_met_mensen
    oorspronkelijk = bijeenkomst.begint_om
    dag = lokaal(oorspronkelijk).date()

    planning.verplaats(
        bijeenkomst.pk, datum=dag, begintijd=datetime.time(15), eindtijd=datetime.time(17)
    )
    planning.verplaats(
        bijeenkomst.pk,
        datum=dag + datetime.timedelta(days=1),
        begintijd=datetime.time(15),
        eindtijd=datetime.time(17),
    )

    bijeenkomst.refresh_from_db()
    assert bijeenkomst.oorspronkelijk_begint_om == oorspronkelijk  # the first time only
    assert bijeenkomst.verplaatst
    assert bijeenkomst.volgnummer == 2
    assert lokaal(bijeenkomst.begint_om).time() == datetime.time(15)


def test_moving_without_a_change_sends_nothing(groep_met_mensen):
    _groep, bijeenkomst, _mensen = groep_met_mensen
    begin, eind = lokaal(bijeenkomst.begint_om), lokaal(bijeenkomst.eindigt_om)

    assert not planning.verplaats(
        bijeenkomst.pk, datum=begin.date(), begintijd=begin.time(), eindtijd=eind.time()
    )

    bijeenkomst.refresh_from_db()
    assert bijeenkomst.volgnummer == 0
    assert bijeenkomst.oorspronkelijk_begint_om is None
    assert django_mail.outbox == []


@pytest.mark.parametrize(
    ("datum", "begin", "eind", "veld"),
    [
        (-1, 10, 12, "datum"),  # into the past
        (2, 12, 10, "eindtijd"),  # end before start
    ],
)
def test_move_refuses_bad_times(groep_met_mensen, datum, begin, eind, veld):
    _groep, bijeenkomst, _mensen = groep_met_mensen
    with pytest.raises(planning.PlanningFout) as fout:
        planning.verplaats(
            bijeenkomst.pk,
            datum=over(datum),
            begintijd=datetime.time(begin),
            eindtijd=datetime.time(eind),
        )
    assert fout.value.veld == veld
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.volgnummer == 0
    assert django_mail.outbox == []


def test_a_past_meeting_cannot_be_moved_or_cancelled():
    geweest = BijeenkomstFactory(begint_om=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(planning.PlanningFout):
        planning.verplaats(
            geweest.pk, datum=over(3), begintijd=datetime.time(10), eindtijd=datetime.time(12)
        )
    with pytest.raises(planning.PlanningFout):
        planning.afgelasten(geweest.pk)
    geweest.refresh_from_db()
    assert (geweest.volgnummer, geweest.geannuleerd) == (0, False)


def test_cancel_marks_meeting_raises_sequence_and_emails_the_group(groep_met_mensen):
    _groep, bijeenkomst, mensen = groep_met_mensen

    planning.afgelasten(bijeenkomst.pk)

    bijeenkomst.refresh_from_db()
    assert bijeenkomst.geannuleerd
    assert bijeenkomst.volgnummer == 1
    assert ontvangers() == verwacht(mensen)
    assert "13:30" in django_mail.outbox[0].body
    # Cancelled is final: not twice, and it can no longer be moved.
    with pytest.raises(planning.PlanningFout):
        planning.afgelasten(bijeenkomst.pk)
    with pytest.raises(planning.PlanningFout):
        planning.verplaats(
            bijeenkomst.pk, datum=over(5), begintijd=datetime.time(10), eindtijd=datetime.time(12)
        )
    assert len(django_mail.outbox) == 3


# --- Capacity ------------------------------------------------------------------------------


def _groep_details(groep, **kwargs):
    return {
        "naam": groep.naam,
        "locatie": groep.locatie,
        "capaciteit": groep.capaciteit,
        "einddatum": groep.einddatum,
        **kwargs,
    }


def test_more_places_moves_the_waiting_list_up_in_order():
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    nu = timezone.now()
    eerste = LidmaatschapFactory(groep=groep, status=W, status_sinds=nu)
    tweede = LidmaatschapFactory(groep=groep, status=W, status_sinds=nu + datetime.timedelta(1))
    derde = LidmaatschapFactory(groep=groep, status=W, status_sinds=nu + datetime.timedelta(2))

    doorgeschoven = planning.pas_groep_aan(groep.pk, **_groep_details(groep, capaciteit=3))

    assert [lid.pk for lid in doorgeschoven] == [eerste.pk, tweede.pk]
    statussen = dict(Lidmaatschap.objects.filter(groep=groep).values_list("pk", "status"))
    assert statussen[eerste.pk] == statussen[tweede.pk] == Lidmaatschap.Status.ACTIEF
    assert statussen[derde.pk] == W
    assert ontvangers() == sorted([eerste.user.email, tweede.user.email])


def test_no_limit_lets_everyone_in():
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    LidmaatschapFactory(groep=groep, status=W)
    planning.pas_groep_aan(groep.pk, **_groep_details(groep, capaciteit=None))
    assert not Lidmaatschap.objects.filter(groep=groep, status=W).exists()


def test_fewer_places_than_participants_is_refused():
    groep = GroepFactory(capaciteit=5, naam="Oud")
    for _ in range(3):
        LidmaatschapFactory(groep=groep)
    with pytest.raises(planning.PlanningFout) as fout:
        planning.pas_groep_aan(groep.pk, **_groep_details(groep, capaciteit=2, naam="Nieuw"))
    assert fout.value.veld == "capaciteit"
    groep.refresh_from_db()
    assert (groep.capaciteit, groep.naam) == (5, "Oud")
    planning.pas_groep_aan(groep.pk, **_groep_details(groep, capaciteit=3))
    groep.refresh_from_db()
    assert groep.capaciteit == 3


def test_end_date_before_start_is_refused():
    groep = GroepFactory()
    with pytest.raises(planning.PlanningFout) as fout:
        planning.pas_groep_aan(
            groep.pk,
            **_groep_details(groep, einddatum=groep.startdatum - datetime.timedelta(days=1)),
        )
    assert fout.value.veld == "einddatum"


# --- Facilitators --------------------------------------------------------------------------


def test_add_facilitator_by_email_any_case():
    groep = GroepFactory()
    user = UserFactory(email="ruben@example.org")
    lid = planning.voeg_facilitator_toe(groep.pk, "  Ruben@Example.ORG ", vrijwilliger=True)
    assert (lid.user, lid.rol, lid.status, lid.vrijwilliger) == (
        user,
        Lidmaatschap.Rol.FACILITATOR,
        Lidmaatschap.Status.ACTIEF,
        True,
    )


@pytest.mark.parametrize(
    "bestaand",
    [
        {"rol": Lidmaatschap.Rol.DEELNEMER},
        {"rol": Lidmaatschap.Rol.DEELNEMER, "status": W},
        {"rol": Lidmaatschap.Rol.FACILITATOR},
    ],
)
def test_add_facilitator_refuses_people_already_in_the_group(bestaand):
    lid = LidmaatschapFactory(**bestaand)
    with pytest.raises(planning.PlanningFout) as fout:
        planning.voeg_facilitator_toe(lid.groep_id, lid.user.email, vrijwilliger=False)
    assert fout.value.veld == "email"
    lid.refresh_from_db()
    assert (lid.rol, lid.status) == (bestaand["rol"], bestaand.get("status", "actief"))


def test_add_facilitator_unknown_email():
    with pytest.raises(planning.PlanningFout) as fout:
        planning.voeg_facilitator_toe(GroepFactory().pk, "niemand@example.org", False)
    assert fout.value.veld == "email"


def test_someone_who_left_can_come_back_as_facilitator_on_the_same_row():
    oud = LidmaatschapFactory(status=U)
    lid = planning.voeg_facilitator_toe(oud.groep_id, oud.user.email, vrijwilliger=True)
    assert lid.pk == oud.pk
    assert (lid.rol, lid.status) == (Lidmaatschap.Rol.FACILITATOR, Lidmaatschap.Status.ACTIEF)


def test_remove_facilitator_keeps_the_row():
    lid = LidmaatschapFactory(rol=Lidmaatschap.Rol.FACILITATOR)
    planning.verwijder_facilitator(lid)
    lid.refresh_from_db()
    assert lid.status == U
    assert not Lidmaatschap.objects.facilitators().filter(groep=lid.groep_id).exists()


# --- Offer ---------------------------------------------------------------------------------


def test_delete_offer_with_groups_archives_it_instead():
    groep = GroepFactory()
    assert planning.verwijder_aanbod(groep.aanbod_id) is False
    groep.aanbod.refresh_from_db()
    assert groep.aanbod.gearchiveerd
    assert Groep.objects.filter(pk=groep.pk).exists()


def test_delete_offer_without_groups():
    aanbod = AanbodFactory()
    assert planning.verwijder_aanbod(aanbod.pk) is True
    assert not Aanbod.objects.filter(pk=aanbod.pk).exists()


def test_archive_toggles():
    aanbod = AanbodFactory()
    assert planning.wissel_archief(aanbod.pk) is True
    assert planning.wissel_archief(aanbod.pk) is False
