"""The monthly summaries on the benchmark's generated academy, on PostgreSQL (CI runs
`make test` with DATABASE_URL on PostgreSQL): equal to the direct figures for several
periods and filters, also after an attendance correction and after an erasure; and two
jobs at once, of which one does the work."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from groepen import aanwezigheid
from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst
from herstelmodel.models import Reflectie
from impact import samenvatting
from impact.models import Maandcijfers
from impact.periode import Filters, eigen_periode, jaar_periode, kwartaal_periode, maand_periode
from ontwikkeling.benchmark.generate import Sizes, genereer
from privacy.verwijderen import verwijder_account

from .samenvatting_referentie import vergelijk

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL, as in production and CI"
    ),
]

# A tenth of the benchmark's academy: three years of history, every kind of offer.
SIZES = Sizes(
    deelnemers=500,
    groepen=60,
    bijeenkomsten=480,
    aanwezigheden=4_000,
    reflecties=10_000,
    berichten=200,
    herinneringen=100,
)


@pytest.fixture
def geen_marge(monkeypatch):
    monkeypatch.setattr(samenvatting, "MARGE", datetime.timedelta(0))


def _periodes():
    vandaag = timezone.localdate()
    kwartaal = (vandaag.month - 1) // 3 + 1
    vorig = vandaag.replace(day=1) - datetime.timedelta(days=1)
    return [
        kwartaal_periode(vandaag.year, kwartaal),  # the default: this quarter
        jaar_periode(vandaag.year - 1),
        maand_periode(vorig.year, vorig.month),
        eigen_periode(vandaag - datetime.timedelta(days=3 * 365), vandaag),
        eigen_periode(datetime.date(vandaag.year - 1, 2, 17), datetime.date(vandaag.year, 1, 9)),
    ]


def _alle(academie):
    cursus = Aanbod.objects.filter(soort=Aanbod.Soort.CURSUS).order_by("pk").first()
    for filters in (Filters(), Filters(aanbod=academie.aanbod), Filters(aanbod=cursus)):
        for filters_met in (filters, Filters(locatie="Herstelacademie", aanbod=filters.aanbod)):
            for periode in _periodes():
                vergelijk(periode, filters_met)


@pytest.mark.django_db
def test_summaries_equal_the_direct_figures_on_a_generated_academy(geen_marge):
    academie = genereer(SIZES)
    assert samenvatting.werk_bij() > 30  # three years of closed months
    _alle(academie)  # read from the summaries (and store the filters' months)
    _alle(academie)

    # An attendance correction of a closed month, through the register (one upsert).
    vorige_maand = timezone.localdate().replace(day=1) - datetime.timedelta(days=40)
    b = (
        Bijeenkomst.objects.filter(
            geannuleerd=False,
            begint_om__lt=samenvatting._dt(vorige_maand),
            aanwezigheden__isnull=False,
        )
        .exclude(groep__aanbod__soort=Aanbod.Soort.INLOOP)
        .latest("begint_om")
    )
    rijen = list(Aanwezigheid.objects.filter(bijeenkomst=b))
    omgekeerd = {
        r.user_id: Aanwezigheid.Status.AFWEZIG
        if r.status == Aanwezigheid.Status.AANWEZIG
        else Aanwezigheid.Status.AANWEZIG
        for r in rijen
    }
    aanwezigheid.sla_register_op(b, omgekeerd)
    _alle(academie)

    # An erasure: a participant who wrote in closed months, not running any group.
    schrijver = (
        Reflectie.objects.filter(aangemaakt_op__lt=samenvatting._dt(vorige_maand))
        .exclude(auteur__lidmaatschappen__rol="facilitator")
        .values_list("auteur", flat=True)
        .first()
    )
    from deelnemers.models import User

    verwijder_account(User.objects.get(pk=schrijver))
    assert not Reflectie.objects.filter(auteur=schrijver).exists()
    _alle(academie)
    # And the job afterwards leaves them right too.
    samenvatting.werk_bij()
    _alle(academie)


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_one_does_the_work(geen_marge):
    genereer(Sizes().scaled(0.01))
    binnen, verder = threading.Event(), threading.Event()
    uitkomst = {}
    echt = samenvatting._eerste_maand

    def traag():
        binnen.set()
        verder.wait(30)
        return echt()

    def eerste_job():
        try:
            uitkomst["eerste"] = samenvatting.werk_bij()
        finally:
            connections.close_all()

    samenvatting._eerste_maand = traag
    try:
        draad = threading.Thread(target=eerste_job)
        draad.start()
        assert binnen.wait(30)
        samenvatting._eerste_maand = echt
        uitkomst["tweede"] = samenvatting.werk_bij()  # while the first holds the lock
        verder.set()
        draad.join(60)
    finally:
        samenvatting._eerste_maand = echt
        verder.set()
    assert uitkomst["tweede"] is None
    assert uitkomst["eerste"] > 0
    # One row per month and filter, written once.
    assert Maandcijfers.objects.count() == uitkomst["eerste"]
