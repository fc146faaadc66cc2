"""The societal value report: the study's figures, versioned assumptions, the period total."""

import datetime
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from groepen.models import Lidmaatschap
from impact import waarde
from impact.models import Aanname
from impact.periode import Filters, eigen_periode, jaar_periode
from tests.factories import AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_defaults_reproduce_the_study():
    """Computed by hand from the study's chapter 7."""
    w = waarde.per_deelnemer()
    bedragen = {r.definitie.sleutel: r.bedrag for r in w.regels}
    assert bedragen["begeleiding"] == Decimal("1150.00")  # 20/60 h x 46 x 75
    assert bedragen["dagbesteding"] == Decimal("2003.76")  # 3 x 46 x 44 x 0.33
    # 0.15 x 4 x 40 x 1.41 = 33.84 and 0.05 x 1645 x 12 x 0.60 = 592.20
    assert bedragen["participatie"] == Decimal("626.04")
    assert bedragen["behandeling"] == Decimal("670.00")  # 0.50 x 0.67 x 2000
    assert bedragen["wonen"] == Decimal("2000.00")  # 0.05 x 40000
    assert w.per_deelnemer == Decimal("6449.80")
    # The study prints "about 6,449" (it rounds the day-care line down to 2,003).
    assert abs(w.per_deelnemer - Decimal(6449)) < 1


def test_every_assumption_belongs_to_a_line_and_has_a_valid_default():
    regels = {r.sleutel for r in waarde.REGELS}
    for a in waarde.AANNAMES:
        assert a.regel in regels
        assert a.minimum <= a.standaard <= a.maximum
        assert a.bron
        assert len(a.sleutel) <= 40


def test_a_change_is_a_new_version_and_changes_the_value(coordinator):
    assert waarde.wijzig(coordinator, {"wonen_aandeel": Decimal("10")}, bron="eigen cijfers")
    assert waarde.per_deelnemer().per_deelnemer == Decimal("8449.80")
    waarde.wijzig(coordinator, {"wonen_aandeel": Decimal("2.5")})
    assert waarde.huidige_waarden()["wonen_aandeel"] == Decimal("2.5")
    assert waarde.per_deelnemer().per_deelnemer == Decimal("5449.80")
    assert Aanname.objects.filter(sleutel="wonen_aandeel").count() == 2
    assert [e.details for e in AuditEvent.objects.filter(soort="aanname")] == [
        {"sleutel": "wonen_aandeel"},
        {"sleutel": "wonen_aandeel"},
    ]


def test_unchanged_values_make_no_version(coordinator):
    assert waarde.wijzig(coordinator, waarde.standaard_waarden()) == []
    assert not Aanname.objects.exists()
    assert not AuditEvent.objects.filter(soort="aanname").exists()


def test_reset_is_a_version_too(coordinator):
    waarde.wijzig(coordinator, {"begeleiding_uurtarief": Decimal("90")})
    assert waarde.zet_terug(coordinator, "begeleiding_uurtarief")
    assert waarde.huidige_waarden()["begeleiding_uurtarief"] == Decimal("75")
    assert list(
        waarde.geschiedenis()
        .filter(sleutel="begeleiding_uurtarief")
        .values_list("waarde", flat=True)
    ) == [Decimal("75"), Decimal("90")]
    assert not waarde.zet_terug(coordinator, "begeleiding_uurtarief")  # already the study's


def test_newest_version_wins_even_with_equal_times(coordinator):
    nu = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for w in ("80", "85"):
        Aanname.objects.create(
            sleutel="begeleiding_uurtarief",
            waarde=Decimal(w),
            gewijzigd_op=nu,
            gewijzigd_door=coordinator,
        )
    assert waarde.huidige_waarden()["begeleiding_uurtarief"] == Decimal("85")


def test_total_for_a_period():
    # 6,449.80 x 10 participants x 73/365 = 12,899.60
    assert waarde.totaal_voor_periode(Decimal("6449.80"), 10, 73) == Decimal("12899.60")
    assert waarde.totaal_voor_periode(Decimal("6449.80"), 0, 365) == Decimal("0.00")


def _groep(start, einde, **kw):
    return GroepFactory(startdatum=start, einddatum=einde, **kw)


def test_active_participants_in_a_period():
    p = jaar_periode(2025)
    d = datetime.date

    def t(*args):
        return datetime.datetime(*args, tzinfo=datetime.UTC)

    loopt = _groep(d(2025, 3, 1), d(2025, 5, 1), locatie="Noord")
    voorbij = _groep(d(2024, 1, 1), d(2024, 12, 31))
    later = _groep(d(2026, 1, 1), None)
    open_einde = _groep(d(2024, 6, 1), None)
    sam = UserFactory()
    for g in (loopt, open_einde):  # counted once
        LidmaatschapFactory(groep=g, user=sam, sinds=t(2024, 6, 1))
    LidmaatschapFactory(groep=voorbij, sinds=t(2024, 1, 1))
    LidmaatschapFactory(groep=later, sinds=t(2025, 12, 1))
    LidmaatschapFactory(groep=loopt, rol=Lidmaatschap.Rol.FACILITATOR, sinds=t(2024, 1, 1))
    LidmaatschapFactory(groep=loopt, status=Lidmaatschap.Status.WACHTLIJST, sinds=t(2024, 1, 1))
    LidmaatschapFactory(
        groep=loopt,
        status=Lidmaatschap.Status.UITGESCHREVEN,
        sinds=t(2024, 1, 1),
        status_sinds=datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC),
    )  # cancelled: the dashboard does not count them either
    LidmaatschapFactory(
        groep=open_einde,
        status=Lidmaatschap.Status.UITGESCHREVEN,
        sinds=t(2024, 6, 1),
        status_sinds=datetime.datetime(2024, 7, 1, tzinfo=datetime.UTC),
    )  # left before the period: does not count
    inloop = _groep(d(2024, 1, 1), None, aanbod=AanbodFactory(soort="inloop"))
    LidmaatschapFactory(groep=inloop, sinds=t(2024, 1, 1))  # the walk-in is not counted
    assert waarde.actieve_deelnemers(p) == 1
    assert waarde.actieve_deelnemers(p, Filters(locatie="Noord")) == 1
    assert waarde.actieve_deelnemers(p, Filters(locatie="Zuid")) == 0


def _deelnemers(n, groep):
    for _i in range(n):
        LidmaatschapFactory(groep=groep, sinds=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))


def test_report_hides_one_to_four_people():
    g = _groep(datetime.date(2025, 1, 1), None)
    _deelnemers(3, g)
    r = waarde.rapport(jaar_periode(2025))
    assert r.deelnemers is None
    assert r.totaal is None
    assert r.waarde.per_deelnemer == Decimal("6449.80")


def test_report_total(coordinator):
    g = _groep(datetime.date(2025, 1, 1), None)
    _deelnemers(5, g)
    p = eigen_periode(datetime.date(2025, 1, 1), datetime.date(2025, 3, 14))  # 73 days
    r = waarde.rapport(p)
    assert (r.deelnemers, r.dagen) == (5, 73)
    assert r.totaal == Decimal("6449.80")  # 6,449.80 x 5 x 73/365
    waarde.wijzig(coordinator, {"wonen_aandeel": Decimal("0")})
    assert waarde.rapport(p).totaal == Decimal("4449.80")


def test_report_queries_do_not_grow(django_assert_num_queries, coordinator):
    g = _groep(datetime.date(2025, 1, 1), None)
    _deelnemers(5, g)
    # The assumptions in force, the measured figures (check-ins), the active participants.
    with django_assert_num_queries(3):
        waarde.rapport(jaar_periode(2025))
    _deelnemers(20, _groep(datetime.date(2025, 1, 1), None))
    for sleutel in ("wonen_aandeel", "werk_aandeel", "begeleiding_weken"):
        waarde.wijzig(coordinator, {sleutel: Decimal("1")})
    waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True})
    from doorgroei.models import Uitkomst

    op = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)
    for user in UserFactory.create_batch(7):
        Uitkomst.objects.create(user=user, betaald_werk=True, ingevuld_op=op)
    with django_assert_num_queries(3):
        waarde.rapport(jaar_periode(2025))
