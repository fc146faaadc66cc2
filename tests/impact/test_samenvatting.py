"""Closed months summarised once (impact/samenvatting.py): the figures stay exactly the
direct ones, after corrections and erasures, across a clock change, and a job that
crashes or runs twice never leaves a wrong month behind."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from groepen import aanwezigheid
from groepen.models import Aanwezigheid, Bijeenkomst, Lidmaatschap
from herstelmodel.models import Reflectie
from impact import samenvatting
from impact.models import Maandcijfers
from impact.periode import Filters, eigen_periode, jaar_periode, kwartaal_periode, maand_periode
from privacy.verwijderen import verwijder_account
from tests.factories import GroepFactory, UserFactory

from .samenvatting_referentie import vergelijk

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
D = datetime.date


@pytest.fixture(autouse=True)
def meteen(monkeypatch):
    """No safety margin: a change counts at once (the margin is tested on its own)."""
    monkeypatch.setattr(samenvatting, "MARGE", datetime.timedelta(0))


def _periodes():
    return [
        kwartaal_periode(2026, 1),
        jaar_periode(2026),
        maand_periode(2026, 2),
        eigen_periode(D(2025, 12, 10), D(2026, 3, 20)),  # ends of months directly
    ]


def _filters(academie):
    return [
        Filters(),
        Filters(locatie="Arnhem"),
        Filters(aanbod=academie.cursus),
        Filters(locatie="Arnhem", aanbod=academie.cursus),
    ]


def test_summaries_equal_the_direct_figures(academie):
    for _ronde in range(2):  # the first round stores the months, the second reads them
        for periode in _periodes():
            for filters in _filters(academie):
                vergelijk(periode, filters)
    assert Maandcijfers.objects.filter(locatie="", aanbod=0, maand=D(2026, 1, 1)).exists()


def test_a_missing_month_is_computed_on_the_fly_and_stored(academie):
    assert not Maandcijfers.objects.exists()
    vergelijk(kwartaal_periode(2026, 1), Filters())
    assert set(Maandcijfers.objects.values_list("maand", flat=True)) == {
        D(2026, 1, 1),
        D(2026, 2, 1),
        D(2026, 3, 1),
    }


def test_the_current_month_is_never_stored(academie):
    with time_machine.travel(datetime.datetime(2026, 2, 10, 12, tzinfo=AMS)):
        vergelijk(kwartaal_periode(2026, 1), Filters())
        assert list(Maandcijfers.objects.values_list("maand", flat=True)) == [D(2026, 1, 1)]


def test_an_attendance_correction_through_the_register_updates_the_month(academie):
    periode = kwartaal_periode(2026, 1)
    vergelijk(periode, Filters())
    # The register is saved in one upsert: no signal, the "changed since" check sees it.
    b = Bijeenkomst.objects.filter(groep=academie.g1, geannuleerd=False).earliest("begint_om")
    leden = Aanwezigheid.objects.filter(bijeenkomst=b)
    aanwezigheid.sla_register_op(
        b, {a.user_id: Aanwezigheid.Status.AFWEZIG for a in leden if a.user_id}
    )
    vergelijk(periode, Filters())
    # And one row corrected on its own (a signal).
    rij = Aanwezigheid.objects.filter(
        bijeenkomst__groep=academie.g1, bijeenkomst__geannuleerd=False
    ).first()
    rij.status = Aanwezigheid.Status.AANWEZIG
    rij.save()
    vergelijk(periode, Filters())
    rij.delete()
    vergelijk(periode, Filters())


def test_an_enrolment_status_change_and_a_moved_meeting_update_the_month(academie):
    periode = kwartaal_periode(2026, 1)
    for filters in _filters(academie):
        vergelijk(periode, filters)
    lid = Lidmaatschap.objects.filter(groep=academie.g5, status="wachtlijst").first()
    Lidmaatschap.objects.filter(pk=lid.pk).update(status="actief", status_sinds=lid.status_sinds)
    lid.status = Lidmaatschap.Status.UITGESCHREVEN  # through save(): the signal
    lid.save()
    b = Bijeenkomst.objects.filter(groep=academie.g1, geannuleerd=False).latest("begint_om")
    b.begint_om -= datetime.timedelta(days=40)
    b.eindigt_om -= datetime.timedelta(days=40)
    b.save()
    for filters in _filters(academie):
        vergelijk(periode, filters)


def test_a_changed_offer_or_location_touches_every_month(academie):
    vergelijk(kwartaal_periode(2026, 1), Filters(locatie="Arnhem"))
    academie.g1.locatie = "Elders"
    academie.g1.plek = None
    academie.g1.save()
    vergelijk(kwartaal_periode(2026, 1), Filters(locatie="Arnhem"))


def test_an_erasure_updates_the_summaries(academie):
    periode = jaar_periode(2026)
    groep = academie.g1
    schrijver = academie.p[1]
    for maand in (1, 2):
        for _i in range(3):
            Reflectie.objects.create(
                auteur=schrijver,
                groep=groep,
                stap=2,
                tekst="x",
                aangemaakt_op=datetime.datetime(2026, maand, 10, 12, tzinfo=AMS),
            )
    vergelijk(periode, Filters())
    verwijder_account(schrijver)
    assert not Reflectie.objects.filter(auteur=schrijver).exists()
    vergelijk(periode, Filters())
    vergelijk(periode, Filters(aanbod=academie.cursus))


def test_reflections_loaded_in_bulk_are_seen(academie):
    periode = kwartaal_periode(2026, 1)
    vergelijk(periode, Filters())
    mensen = [UserFactory() for _i in range(6)]
    Reflectie.objects.bulk_create(
        Reflectie(
            auteur=m, stap=1, tekst="x", aangemaakt_op=datetime.datetime(2026, 2, 3, tzinfo=AMS)
        )
        for m in mensen
    )
    _d, verdeling = vergelijk(periode, Filters())
    assert verdeling.per_stap[1][1] == 6


def test_the_margin_recomputes_a_recently_changed_month(academie, monkeypatch):
    monkeypatch.setattr(samenvatting, "MARGE", datetime.timedelta(minutes=5))
    periode = kwartaal_periode(2026, 1)
    vergelijk(periode, Filters())
    rij = Maandcijfers.objects.get(maand=D(2026, 1, 1), locatie="", aanbod=0)
    # A write stamped before the computation began but committed after it: its time lies
    # before `peil + MARGE`, so the month is computed again.
    Aanwezigheid.objects.filter(bijeenkomst__groep=academie.g1).update(
        status=Aanwezigheid.Status.AFWEZIG, bijgewerkt_op=rij.peil + datetime.timedelta(minutes=1)
    )
    vergelijk(periode, Filters())


# --- Months in Europe/Amsterdam, with a clock change at the boundary --------------------


@pytest.mark.parametrize(
    ("laatste_dag", "volgende_dag"),
    [
        (D(2021, 10, 31), D(2021, 11, 1)),  # summer time ended that night (03:00 -> 02:00)
        (D(2024, 3, 31), D(2024, 4, 1)),  # summer time began that night (02:00 -> 03:00)
    ],
)
def test_months_follow_the_local_calendar_across_a_clock_change(laatste_dag, volgende_dag):
    groep = GroepFactory(startdatum=laatste_dag.replace(day=1))
    laat = datetime.datetime.combine(laatste_dag, datetime.time(23, 30), tzinfo=AMS)
    vroeg = datetime.datetime.combine(volgende_dag, datetime.time(0, 15), tzinfo=AMS)
    for i in range(5):
        for moment, stap in ((laat, 1), (vroeg, 2)):
            Reflectie.objects.create(
                auteur=UserFactory(email=f"p{i}-{stap}@example.org"),
                groep=groep,
                stap=stap,
                tekst="x",
                aangemaakt_op=moment,
            )
    maand = laatste_dag.replace(day=1)
    # The fixed clock: 00:30 on the first day of the next month, local time.
    nu = datetime.datetime.combine(volgende_dag, datetime.time(0, 30), tzinfo=AMS)
    with time_machine.travel(nu, tick=False):
        assert samenvatting.werk_bij() is not None
        rij = Maandcijfers.objects.get(maand=maand, locatie="", aanbod=0)
        assert rij.cijfers["stappen"]["1"] == 5  # 23:30 on the last day is this month
        assert rij.cijfers["stappen"]["2"] == 0  # 00:15 the next day is not
        assert not Maandcijfers.objects.filter(maand=volgende_dag).exists()  # still running
        periode = eigen_periode(maand, volgende_dag)
        vergelijk(periode, Filters())
    # An hour earlier the month was still running: nothing stored for it.
    Maandcijfers.objects.all().delete()
    with time_machine.travel(laat + datetime.timedelta(minutes=10), tick=False):
        samenvatting.werk_bij()
        assert not Maandcijfers.objects.filter(maand=maand).exists()


# --- The job --------------------------------------------------------------------------


def test_the_job_stores_every_closed_month_once(academie):
    call_command("maandcijfers")
    maanden = set(Maandcijfers.objects.values_list("maand", flat=True))
    assert D(2025, 10, 1) in maanden
    assert D(2026, 3, 1) in maanden
    assert samenvatting.werk_bij() == 0  # nothing changed: nothing recomputed
    for periode in _periodes():
        vergelijk(periode, Filters())


def test_the_job_moves_the_check_forward_for_months_still_right(academie):
    samenvatting.werk_bij()
    oud = datetime.datetime(2026, 4, 1, tzinfo=AMS)
    Maandcijfers.objects.update(peil=oud)
    # Changed after the old peil, before the job: that month is computed again.
    Aanwezigheid.objects.filter(bijeenkomst__groep=academie.g1).update(
        status=Aanwezigheid.Status.AFWEZIG, bijgewerkt_op=oud + datetime.timedelta(days=1)
    )
    assert samenvatting.werk_bij() >= 1
    # Every row is either confirmed or computed again: none looks back to April.
    assert Maandcijfers.objects.exists()
    assert not Maandcijfers.objects.filter(peil__lte=oud + datetime.timedelta(days=1)).exists()
    for periode in _periodes():
        vergelijk(periode, Filters())
    # A change after the job is still seen by the next visit.
    Aanwezigheid.objects.filter(bijeenkomst__groep=academie.g1).update(
        status=Aanwezigheid.Status.AANWEZIG, bijgewerkt_op=timezone.now()
    )
    vergelijk(kwartaal_periode(2026, 1), Filters())


def test_a_job_that_crashes_halfway_leaves_no_half_month(academie):
    echt = Maandcijfers.objects.bulk_create
    gezien = []

    def tweede_faalt(rijen, **kwargs):
        gezien.append(rijen[0].maand)
        if len(gezien) == 2:
            raise RuntimeError("the worker died")
        return echt(rijen, **kwargs)

    with (
        mock.patch.object(Maandcijfers.objects, "bulk_create", side_effect=tweede_faalt),
        pytest.raises(RuntimeError),
    ):
        samenvatting.werk_bij()
    # The first month is stored whole, the second not at all; the figures stay right.
    assert list(Maandcijfers.objects.values_list("maand", flat=True)) == [gezien[0]]
    for periode in _periodes():
        vergelijk(periode, Filters())
    assert samenvatting.werk_bij() >= 0


def test_a_filter_someone_looked_at_is_kept_up_to_date_by_the_job(academie):
    filters = Filters(aanbod=academie.cursus)
    vergelijk(kwartaal_periode(2026, 1), filters)
    Lidmaatschap.objects.filter(groep=academie.g5).update(
        status="uitgeschreven", status_sinds=datetime.datetime(2030, 1, 1, tzinfo=AMS)
    )
    assert samenvatting.werk_bij() > 0
    rijen = Maandcijfers.objects.filter(aanbod=academie.cursus.pk)
    assert rijen.exists()
    vergelijk(kwartaal_periode(2026, 1), filters)
