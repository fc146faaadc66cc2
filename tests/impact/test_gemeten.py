"""Measured in this academy: outcomes from check-ins next to the study's assumptions.

A known dataset, worked out by hand (period: Q1 2026, 90 days). Latest check-in per
person in the period (vw = volunteer work, werk = paid work, zorg = contact with care):

    P1  vw yes  werk no      zorg fewer      (an earlier Q1 check-in said vw no: ignored)
    P2  vw yes  werk yes     zorg not fewer
    P3  vw no   werk no      zorg fewer      (a check-in in April said werk yes: ignored)
    P4  vw no   werk skipped zorg "no care"
    P5  vw no   werk no      zorg fewer
    P6  vw no   werk no      zorg fewer
    P7  only a check-in in December 2025 (vw yes): not in the period
    P8  a Q1 check-in that only answered "regie": in no figure

    volunteer work: 6 answered, 2 yes  -> 33.3%
    paid work:      5 answered, 1 yes  -> 20.0%
    care:           5 with care, 4 fewer -> 80.0%
"""

import datetime
from decimal import Decimal

import pytest

from doorgroei.models import Uitkomst
from impact import gemeten, waarde
from impact.periode import Filters, kwartaal_periode
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

Q1 = kwartaal_periode(2026, 1)
MINDER, NIET_MINDER, GEEN = Uitkomst.Zorg.MINDER, Uitkomst.Zorg.NIET_MINDER, Uitkomst.Zorg.GEEN


def op(maand, dag):
    jaar = 2025 if maand == 12 else 2026
    return datetime.datetime(jaar, maand, dag, 12, tzinfo=datetime.UTC)


def check_in(user, wanneer, **antwoorden):
    return Uitkomst.objects.create(user=user, ingevuld_op=wanneer, **antwoorden)


RIJEN = [
    (True, False, MINDER),
    (True, True, NIET_MINDER),
    (False, False, MINDER),
    (False, None, GEEN),
    (False, False, MINDER),
    (False, False, MINDER),
]


def maak(aantal=6):
    mensen = UserFactory.create_batch(aantal)
    for user, (vw, werk, zorg) in zip(mensen, RIJEN, strict=False):
        check_in(user, op(3, 1), vrijwilligerswerk=vw, betaald_werk=werk, minder_zorg=zorg)
    check_in(mensen[0], op(1, 10), vrijwilligerswerk=False)  # earlier: not the latest
    if aantal >= 3:
        check_in(mensen[2], op(4, 2), betaald_werk=True)  # after the period
    check_in(UserFactory(), op(12, 1), vrijwilligerswerk=True)  # before the period
    check_in(UserFactory(), op(2, 1), regie=Uitkomst.Regie.MEER)
    return mensen


def test_six_people_give_exact_percentages_with_the_people_behind_them():
    maak()
    m = gemeten.metingen(Q1)
    assert (m["vrijwilliger_aandeel"].procent, m["vrijwilliger_aandeel"].mensen) == (
        Decimal("33.3"),
        6,
    )
    assert (m["werk_aandeel"].procent, m["werk_aandeel"].mensen) == (Decimal("20.0"), 5)
    assert (m["behandeling_effectiever"].procent, m["behandeling_effectiever"].mensen) == (
        Decimal("80.0"),
        5,
    )


def test_four_people_are_too_few_for_every_figure():
    maak(4)
    for meting in gemeten.metingen(Q1).values():
        assert not meting.toonbaar
        assert meting.procent is None
        assert 0 < meting.mensen < 5


def test_a_filter_counts_only_people_who_took_part_in_a_matching_group():
    mensen = maak()
    groep = GroepFactory(locatie="Noord")
    for user in mensen[:5]:
        LidmaatschapFactory(groep=groep, user=user)
    m = gemeten.metingen(Q1, Filters(locatie="Noord"))
    assert m["vrijwilliger_aandeel"].mensen == 5  # P6 took part elsewhere
    assert m["vrijwilliger_aandeel"].procent == Decimal("40.0")  # 2 of 5
    assert m["werk_aandeel"].mensen == 4  # P4 skipped, P6 left out
    assert not m["werk_aandeel"].toonbaar


def _tien_actief():
    groep = GroepFactory(startdatum=datetime.date(2026, 1, 5), einddatum=datetime.date(2026, 3, 20))
    for _i in range(10):
        LidmaatschapFactory(groep=groep, sinds=op(12, 20))


def test_report_uses_the_assumed_figures_until_the_measured_ones_are_chosen(coordinator):
    maak()
    _tien_actief()
    r = waarde.rapport(Q1)
    assert r.deelnemers == 10
    assert r.waarde.per_deelnemer == Decimal("6449.80")
    assert r.totaal == Decimal("15903.62")  # 6449.80 x 10 x 90 / 365
    assert [(a.definitie.sleutel, a.gemeten) for a in r.gemeten] == [
        ("vrijwilliger_aandeel", False),
        ("werk_aandeel", False),
        ("behandeling_effectiever", False),
    ]

    waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True})
    r = waarde.rapport(Q1)
    # participation: 0.15 x 4 x 40 x 1.41 = 33.84 + 0.20 x 1645 x 12 x 0.60 = 2368.80
    regels = {x.definitie.sleutel: x.bedrag for x in r.waarde.regels}
    assert regels["participatie"] == Decimal("2402.64")
    assert r.waarde.per_deelnemer == Decimal("8226.40")

    waarde.wijzig(
        coordinator, {}, gemeten={"vrijwilliger_aandeel": True, "behandeling_effectiever": True}
    )
    r = waarde.rapport(Q1)
    regels = {x.definitie.sleutel: x.bedrag for x in r.waarde.regels}
    # 0.333 x 225.6 = 75.1248 + 2368.80 = 2443.92; treatment 0.50 x 0.80 x 2000 = 800
    assert regels["participatie"] == Decimal("2443.92")
    assert regels["behandeling"] == Decimal("800.00")
    assert r.waarde.per_deelnemer == Decimal("8397.68")
    assert r.totaal == Decimal("20706.61")  # 8397.68 x 10 x 90 / 365
    # The assumed value stays visible next to the measured one.
    werk = next(a for a in r.gemeten if a.definitie.sleutel == "werk_aandeel")
    assert (werk.waarde, werk.aangenomen_waarde, werk.gemeten) == (Decimal("20.0"), 5, True)


def test_the_choice_is_versioned_and_keeps_the_assumed_value(coordinator):
    from impact.models import Aanname

    waarde.wijzig(coordinator, {"werk_aandeel": Decimal("7")})
    waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True})
    waarde.wijzig(coordinator, {"werk_aandeel": Decimal("8")})  # the choice stays
    assert waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True}) == []
    versies = list(
        Aanname.objects.filter(sleutel="werk_aandeel")
        .order_by("gewijzigd_op", "pk")
        .values_list("waarde", "gemeten")
    )
    assert versies == [(Decimal("7"), False), (Decimal("7"), True), (Decimal("8"), True)]
    waarde.zet_terug(coordinator, "werk_aandeel")  # back to 5, still measured
    assert waarde.gekozen_gemeten(waarde.huidige_versies()) == {"werk_aandeel"}
    # Only the measurable assumptions can be measured.
    assert waarde.wijzig(coordinator, {}, gemeten={"wonen_aandeel": True}) == []


def test_measured_chosen_but_too_few_people_uses_the_assumed_figure(coordinator):
    maak(4)
    _tien_actief()
    waarde.wijzig(coordinator, {}, gemeten=dict.fromkeys(gemeten.METINGEN, True))
    r = waarde.rapport(Q1)
    assert r.waarde.per_deelnemer == Decimal("6449.80")
    assert all(a.gemeten_gekozen and not a.gemeten for a in r.gemeten)


def test_after_erasing_one_of_five_the_figure_is_suppressed(coordinator):
    from privacy import verwijderen

    mensen = maak(5)
    _tien_actief()
    waarde.wijzig(coordinator, {}, gemeten={"vrijwilliger_aandeel": True})
    r = waarde.rapport(Q1)
    vw = r.gemeten[0]
    assert (vw.meting.mensen, vw.meting.procent, vw.gemeten) == (5, Decimal("40.0"), True)
    verwijderen.verwijder_account(mensen[0], door=mensen[0])
    assert not Uitkomst.objects.filter(user=mensen[0]).exists()
    r = waarde.rapport(Q1)
    vw = r.gemeten[0]
    assert (vw.meting.mensen, vw.meting.procent, vw.gemeten) == (4, None, False)
    assert r.waarde.per_deelnemer == Decimal("6449.80")


def test_the_participation_dashboard_shows_every_reported_outcome_with_its_people(
    client, coordinator
):
    """Same dataset: volunteer work 2 of 6, paid work 1 of 5, care 4 of 5; studying and
    more people to turn to were answered by nobody in the period (too few); regie only by
    P8 (1 person: too few). One extra answer set makes "studie" countable: 5 of 5 yes."""
    from django.urls import reverse

    mensen = maak()
    for user in mensen[:5]:
        check_in(user, op(3, 5), studie=True)  # now their latest: only studie answered
    m = gemeten.dashboard_metingen(Q1)
    assert (m["studie"].procent, m["studie"].mensen) == (Decimal("100.0"), 5)
    # Their latest check-in skipped the other questions: P6's answers alone remain.
    assert m["vrijwilligerswerk"].mensen == 1
    assert m["vrijwilligerswerk"].procent is None
    assert m["meer_regie"].mensen == 1

    client.force_login(coordinator)
    html = client.get(
        reverse("impact_dashboard"),
        {"soort": "kwartaal", "jaar": "2026", "kwartaal": "1"},
        HTTP_ACCEPT_LANGUAGE="nl",
    ).content.decode()
    assert "Wat mensen zelf melden" in html
    blok = html.split('id="kop-uitkomsten"')[1].split("</section>")[0]
    assert "100,0% van 5" in blok or "100.0% van 5" in blok, blok
    assert html.count("te weinig om te tonen") >= 5
