"""The model mirror: grouped counts of distinct people, hidden below 5, checked by hand."""

import datetime

import pytest

from herstelmodel.models import Herkenningsmoment, Reflectie
from impact import modelspiegel, samenvatting
from impact.periode import Filters, eigen_periode, jaar_periode
from tests.factories import GroepFactory, UserFactory

pytestmark = pytest.mark.django_db

H = Herkenningsmoment


def t(maand, dag=15, jaar=2025):
    return datetime.datetime(jaar, maand, dag, 12, tzinfo=datetime.UTC)


def mensen(n):
    return [UserFactory() for _i in range(n)]


def reflecties(auteurs, stap, *momenten, groep=None):
    Reflectie.objects.bulk_create(
        Reflectie(auteur=a, stap=stap, tekst="geheim", aangemaakt_op=m, groep=groep)
        for a in auteurs
        for m in momenten
    )


def moment(auteurs, soort, *, oorzaak="", belemmering="", op=None, groep=None):
    H.objects.bulk_create(
        H(
            auteur=a,
            soort=soort,
            oorzaak=oorzaak,
            belemmering=belemmering,
            aangemaakt_op=op or t(3),
            groep=groep,
        )
        for a in auteurs
    )


def test_distribution_per_month_hides_small_cells():
    vijf, drie = mensen(5), mensen(3)
    reflecties(vijf, 2, t(1, 10), t(1, 20))  # two each: still five people
    reflecties(drie, 1, t(1))
    reflecties(vijf + drie[:1], 3, t(2))
    reflecties(drie, 4, t(6, 10, jaar=2024))  # outside the period
    v = modelspiegel.stappen_verdeling(
        eigen_periode(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    )
    assert v.maanden == [datetime.date(2025, m, 1) for m in (1, 2, 3)]
    assert v.per_stap[2] == [5, 0, 0]
    assert v.per_stap[1] == [None, 0, 0]
    assert v.per_stap[3] == [0, 6, 0]
    assert v.mensen == [8, 6, 0]
    assert not v.leeg


def test_empty_period():
    v = modelspiegel.stappen_verdeling(jaar_periode(2030))
    assert v.leeg
    assert len(v.maanden) == 12


def test_herkenning_triggers_and_barriers():
    sfeer, verhaal = mensen(5), mensen(2)
    moment(sfeer, H.Soort.HERKEND, oorzaak=H.Oorzaak.SFEER)
    moment(sfeer[:2], H.Soort.HERKEND, oorzaak=H.Oorzaak.SFEER, op=t(4))
    moment(verhaal, H.Soort.HERKEND, oorzaak=H.Oorzaak.VERHAAL)
    moment(mensen(6), H.Soort.NIET_HERKEND, belemmering=H.Belemmering.GEEN_RUIMTE)
    h = modelspiegel.herkenning(jaar_periode(2025))
    oorzaken = {x.code: (x.mensen, x.momenten) for x in h["oorzaken"]}
    assert oorzaken["sfeer"] == (5, 7)
    assert oorzaken["verhaal"] == (None, None)  # 2 people: not shown, nor their notes
    assert oorzaken["houding"] == (0, 0)
    belemmeringen = {x.code: (x.mensen, x.momenten) for x in h["belemmeringen"]}
    assert belemmeringen["geen_ruimte"] == (6, 6)
    assert belemmeringen["niet_veilig"] == (0, 0)


def _signalen(**kw):
    return {
        s.code: s
        for s in modelspiegel.signalen(jaar_periode(2025), vandaag=datetime.date(2026, 6, 1), **kw)
    }


def test_stalling_on_an_early_step():
    vast = mensen(5)
    reflecties(vast, 1, t(1, 1), t(1, 20), t(2, 20))  # 50 days, all projection
    reflecties(mensen(1), 1, t(1, 1), t(1, 10), t(1, 20))  # too short a time
    reflecties(mensen(1), 1, t(1, 1), t(3, 1))  # too few reflections
    verder = mensen(1)
    reflecties(verder, 1, t(1, 1), t(1, 20), t(2, 20))
    reflecties(verder, 3, t(3, 1))  # moved on: not stalled
    s = _signalen()
    assert s["vast_projectie"].aantal == 5
    assert s["vast_herkenning"].aantal == 0
    reflecties(mensen(4), 2, t(1, 1), t(2, 1), t(3, 1))
    assert _signalen()["vast_herkenning"].aantal is None  # 4 people: too little data


def test_silent_after_not_recognised():
    stil = mensen(5)
    moment(stil, H.Soort.NIET_HERKEND, belemmering=H.Belemmering.NIET_GEHOORD, op=t(5))
    terug = mensen(1)
    moment(terug, H.Soort.NIET_HERKEND, belemmering=H.Belemmering.NIET_GEHOORD, op=t(5))
    reflecties(terug, 2, t(6))  # wrote again later
    assert _signalen()["stil_na_niet_herkend"].aantal == 5
    # Not yet 28 days ago: too early to call it silence.
    s = {
        x.code: x
        for x in modelspiegel.signalen(jaar_periode(2025), vandaag=datetime.date(2025, 6, 1))
    }
    assert s["stil_na_niet_herkend"].aantal == 0


def test_groups_where_it_did_not_feel_safe():
    onveilig, weinig = GroepFactory(naam="Dinsdaggroep"), GroepFactory(naam="Kleine groep")
    moment(mensen(5), H.Soort.NIET_HERKEND, belemmering=H.Belemmering.NIET_VEILIG, groep=onveilig)
    moment(mensen(4), H.Soort.NIET_HERKEND, belemmering=H.Belemmering.NIET_VEILIG, groep=weinig)
    s = _signalen()["niet_veilig"]
    assert s.aantal == 1
    assert s.groepen == [("Dinsdaggroep", 5)]


def test_filters_limit_to_groups():
    noord = GroepFactory(locatie="Noord")
    reflecties(mensen(5), 2, t(1), groep=noord)
    reflecties(mensen(5), 2, t(1))  # no group: not in a location
    p = jaar_periode(2025)
    assert modelspiegel.stappen_verdeling(p).per_stap[2][0] == 10
    assert modelspiegel.stappen_verdeling(p, Filters(locatie="Noord")).per_stap[2][0] == 5
    assert modelspiegel.stappen_verdeling(p, Filters(locatie="Zuid")).per_stap[2][0] == 0


def _vul(n):
    groep = GroepFactory()
    mensen_ = mensen(n)
    reflecties(mensen_, 1, t(1, 1), t(2, 15), t(3, 1), groep=groep)
    moment(mensen_, H.Soort.NIET_HERKEND, belemmering=H.Belemmering.NIET_VEILIG, groep=groep)
    moment(mensen_, H.Soort.HERKEND, oorzaak=H.Oorzaak.HOUDING, groep=groep)


def test_query_count_does_not_grow(
    django_assert_num_queries, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(samenvatting, "MARGE", datetime.timedelta(0))  # up to date at once
    p = jaar_periode(2025)
    _vul(5)
    # 2025 is over: the first call stores its months (impact/samenvatting.py), later
    # calls read them (one query and the "changed since" check instead of two).
    with django_assert_max_num_queries(11):
        modelspiegel.modelspiegel(p, vandaag=datetime.date(2026, 1, 1))
    with django_assert_num_queries(6):
        a = modelspiegel.modelspiegel(p, vandaag=datetime.date(2026, 1, 1))
    _vul(12)
    modelspiegel.modelspiegel(p, vandaag=datetime.date(2026, 1, 1))  # recomputes its months
    with django_assert_num_queries(6):
        b = modelspiegel.modelspiegel(p, vandaag=datetime.date(2026, 1, 1))
    assert a["verdeling"].per_stap[1][0] == 5
    assert b["verdeling"].per_stap[1][0] == 17
    assert [s.aantal for s in b["signalen"]] == [17, 0, 17, 2]
