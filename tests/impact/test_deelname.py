"""Each participation figure on the hand-worked academy of tests/impact/conftest.py."""

import datetime

import pytest
from django.utils import translation

from impact.deelname import deelname
from impact.periode import Filters, kwartaal_periode, maand_periode

Q1 = kwartaal_periode(2026, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


NA_ALLES = datetime.date(2026, 10, 1)  # every black-hole window of Q1 has passed


def _per_sleutel(cijfers):
    return {c.sleutel: c for c in cijfers}


@pytest.fixture
def q1(academie):
    return deelname(Q1, Filters(), vandaag=NA_ALLES)


def test_kerncijfers_by_hand(q1):
    k = _per_sleutel(q1.kerncijfers)
    # G1: P1-6, P16; G2: P7-12; G6: P28, P29. The walk-in and facilitators don't count.
    assert k["actief"].waarde == 15
    # P1 and P2 were in G4 (2025), P7-12 in G2 since 2025: the rest is new.
    assert k["nieuw"].waarde == 7
    # 21 of 28 rows in G1 plus 9 of 12 in G2; cancelled and walk-in rows left out.
    assert k["opkomst"].waarde == pytest.approx(75.0)
    # P1, P2, P3, P5, P6 reached 3 of 4 meetings; P4 (2) and P16 (1) did not.
    assert k["voltooiing"].waarde == pytest.approx(100 * 5 / 7)
    # Q4 2025: G2 (6) + G4 (5) = 11 people; back in Q1: P7-12, P1, P2 = 8.
    assert k["behoud"].waarde == pytest.approx(100 * 8 / 11)
    assert k["behoud"].tekst == "73%"


def test_inschrijvingen_by_hand(q1):
    i = _per_sleutel(q1.inschrijvingen)
    assert i["inschrijvingen"].waarde == 13  # G5: 11, G6: 2
    assert i["inschrijvingen_actief"].waarde == 7
    assert i["inschrijvingen_wachtlijst"].waarde == 5
    # One cancellation: a single person, so hidden.
    assert i["inschrijvingen_uitgeschreven"].waarde is None
    assert i["inschrijvingen_uitgeschreven"].tekst == "too little data"


def test_doorstroom_by_hand(q1):
    d = _per_sleutel(q1.doorstroom)
    # P7, P8, P9, P10, P11 started as facilitator in Q1 after being participants;
    # Fenna was never a participant.
    assert d["doorstroom"].waarde == 5
    assert d["doorstroom_cofacilitator"].waarde == 5
    assert d["doorstroom_vrijwilliger"].waarde is None  # P9, P10, P11: only 3


def test_zwart_gat_by_hand(q1):
    z = _per_sleutel(q1.zwart_gat)
    assert q1.zwart_gat_basis.waarde == 5
    # Up to 25 Mar: P1 (nazit), P2 (thread), P6 (post); P6's missed nazit doesn't count.
    assert z["contact_1m"].waarde == pytest.approx(60.0)
    # 26 Mar - 25 May: P3 (enrolled again), P5 ("I recognise this").
    assert z["contact_3m"].waarde == pytest.approx(40.0)
    # 26 May - 25 Aug: P2 (nazit), P1 (post), P5 (meeting), P6 (waiting list).
    assert z["contact_6m"].waarde == pytest.approx(80.0)


def test_zwart_gat_not_yet_measurable(academie):
    # 1 May: G1's first month (to 25 Mar) has passed, month 2-3 (to 25 May) has not.
    d = deelname(Q1, Filters(), vandaag=datetime.date(2026, 5, 1))
    z = _per_sleutel(d.zwart_gat)
    assert z["contact_1m"].waarde == pytest.approx(60.0)
    assert z["contact_3m"].tekst == "not yet measurable"
    assert z["contact_6m"].tekst == "not yet measurable"


def test_inloop_per_week(q1):
    weken = dict(q1.inloop)
    assert len(q1.inloop) == 14
    # 30 Dec 2025 falls in ISO week 1 of 2026 but before the period.
    assert weken["wk 1"] == 0
    assert weken["wk 2"] == 12
    assert weken["wk 3"] is None  # 3 visitors
    assert weken["wk 6"] == 20
    assert not q1.inloop_per_maand


def test_inloop_per_month_for_a_year(academie):
    from impact.periode import jaar_periode

    d = deelname(jaar_periode(2026), Filters(), vandaag=NA_ALLES)
    assert d.inloop_per_maand
    assert len(d.inloop) == 12
    assert d.inloop[0][1] == 15  # 12 + 3 in January: 15 together is shown
    assert d.inloop[1][1] == 20


def test_facilitator_load(q1):
    rijen = [(r["user__roepnaam"], r["groepen"], r["bijeenkomsten"]) for r in q1.facilitators]
    # G4 and G5 do not run in Q1, so P11 and P7 carry no load there; P9 and P10 joined
    # the walk-in after its one meeting (16 Jan).
    assert rijen == [("Fenna", 2, 6), ("P8", 1, 4), ("P10", 1, 0), ("P9", 1, 0)]


def test_filters(academie):
    arnhem = deelname(Q1, Filters(locatie="Arnhem"), vandaag=NA_ALLES)
    assert _per_sleutel(arnhem.kerncijfers)["actief"].waarde == 7
    groep = deelname(Q1, Filters(aanbod=academie.herstelgroep), vandaag=NA_ALLES)
    k = _per_sleutel(groep.kerncijfers)
    assert k["actief"].waarde == 6
    assert k["voltooiing"].tekst == "no data"  # no course in this selection
    assert not groep.te_weinig_mensen


def test_filter_with_fewer_than_five_people(academie):
    from .conftest import bijeenkomst, register

    b = bijeenkomst(academie.g6, datetime.date(2026, 3, 14))
    register(b, academie.p[28])
    register(b, academie.p[29])
    d = deelname(Q1, Filters(locatie="Zutphen"), vandaag=NA_ALLES)
    k = _per_sleutel(d.kerncijfers)
    assert d.te_weinig_mensen
    assert k["actief"].waarde is None
    assert k["nieuw"].waarde is None
    assert k["actief"].tekst == "too little data"
    # A rate over 2 people is hidden too, not shown as 100%.
    assert k["opkomst"].waarde is None
    assert k["opkomst"].tekst == "too little data"


def test_one_month_with_filter(academie):
    d = deelname(maand_periode(2026, 1), Filters(locatie="Nijmegen"), vandaag=NA_ALLES)
    k = _per_sleutel(d.kerncijfers)
    assert k["actief"].waarde == 6
    assert k["opkomst"].waarde == pytest.approx(100.0)  # 6 of 6 on 10 Jan; walk-in left out
    assert k["behoud"].waarde == pytest.approx(100.0)  # December: the same 6 in G2
    assert k["voltooiing"].tekst == "no data"  # no course ended in January


def test_empty_and_future_period(academie):
    d = deelname(kwartaal_periode(2030, 1), Filters(), vandaag=NA_ALLES)
    assert d.nog_geen_gegevens  # the page shows "no data yet" instead of the figures
    k = _per_sleutel(d.kerncijfers)
    assert k["opkomst"].tekst == "no data"
    assert all(c.tekst == "no data" for c in d.zwart_gat)
