"""The dashboard page, its CSV, the named export, and the query budget."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from groepen.models import Aanwezigheid, Lidmaatschap
from impact import samenvatting
from tests.factories import UserFactory

from .conftest import bijeenkomst, lid

Q1 = {"soort": "kwartaal", "jaar": "2026", "kwartaal": "1"}
# Two more than before the monthly summaries: reading them and the "changed since"
# check (impact/samenvatting.py), on top of the current month counted directly.
BUDGET = 23  # +1: what people report themselves (impact/gemeten.py)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _geef_namenrecht(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="impact", codename="export_named")
    )


def _get(client, name, data=None, **kwargs):
    return client.get(reverse(name, kwargs=kwargs or None), data or {}, HTTP_ACCEPT_LANGUAGE="en")


def test_dashboard_shows_the_figures(coordinator_client, academie):
    response = _get(coordinator_client, "impact_dashboard", Q1)
    assert response.status_code == 200
    k = {c.sleutel: c for c in response.context["d"].kerncijfers}
    assert k["actief"].waarde == 15
    html = response.content.decode()
    assert "Quarter 1 2026" in html
    assert 'role="img"' in html
    assert "<caption>Enrolments in this period</caption>" in html
    assert "P13" not in html
    assert "P1<" not in html
    assert "Fenna" in html  # facilitators are colleagues: their load is shown by name
    assert 'style="' not in html
    # Without the extra permission: no export links, an explanation instead.
    assert "aanwezigheid.csv" not in html
    assert "Ask the administrator" in html


def test_default_period_is_this_quarter(coordinator_client, academie):
    response = _get(coordinator_client, "impact_dashboard")
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert response.context["periode"].label.startswith("Quarter")


@pytest.mark.parametrize(
    ("data", "veld", "bericht"),
    [
        ({"soort": "eigen", "begin": "", "einde": ""}, "begin", "Fill in the first day"),
        (
            {"soort": "eigen", "begin": "2026-03-10", "einde": "2026-03-01"},
            "einde",
            "The last day is before the first day",
        ),
        ({"soort": "jaar", "jaar": "twintig"}, "jaar", "Type a year"),
        ({"soort": "maand", "jaar": "2026", "maand": "13"}, "maand", "Choose a month"),
        ({"soort": "eigen", "begin": "31-31-2026", "einde": "2026-03-01"}, "begin", "Type a date"),
        ({"soort": "kwartaal", "jaar": "2026", "kwartaal": "1", "locatie": "Mars"}, "locatie", ""),
    ],
)
def test_bad_period_keeps_input_and_shows_message(
    coordinator_client, academie, data, veld, bericht
):
    response = _get(coordinator_client, "impact_dashboard", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert veld in form.errors
    assert bericht in " ".join(form.errors[veld])
    html = response.content.decode()
    assert "Please check the period above" in html
    # What was typed stays in the text and date fields (a choice not in a list can't).
    for naam in ("jaar", "begin", "einde"):
        if data.get(naam):
            assert f'value="{data[naam]}"' in html


def test_future_period_says_no_data_yet(coordinator_client, academie):
    response = _get(coordinator_client, "impact_dashboard", {"soort": "jaar", "jaar": "2099"})
    html = response.content.decode()
    assert "has not started yet" in html
    assert "Key figures" not in html


def test_filter_with_few_people_shows_notice_and_no_names(coordinator_client, academie):
    response = _get(coordinator_client, "impact_dashboard", {**Q1, "locatie": "Zutphen"})
    html = response.content.decode()
    assert "This choice leaves fewer than 5 people" in html
    assert "P28" not in html
    assert "P29" not in html


def test_csv_holds_every_figure(coordinator_client, academie):
    response = _get(coordinator_client, "impact_dashboard_csv", Q1)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rijen = [r.split(";") for r in body.lstrip("\ufeff").splitlines()]
    assert rijen[0] == ["Part", "Figure", "Value"]
    per_label = {(r[0], r[1]): r[2] for r in rijen[1:]}
    assert per_label[("Key figures", "Active participants")] == "15"
    assert per_label[("Key figures", "Attendance")] == "75%"
    assert per_label[("Enrolments in this period", "Cancelled")] == "too little data"
    assert per_label[("Contact after a course", "6 months after the end")] == "80%"
    assert per_label[("Walk-in visits per week", "wk 3")] == "too little data"
    assert per_label[("Facilitator load", "Fenna: meetings")] == "6"
    assert not any(r[1] == "P1" for r in rijen)


def test_named_export_needs_the_explicit_permission(client, coordinator, academie):
    client.force_login(coordinator)
    url = reverse("impact_aanwezigheid_csv", kwargs={"pk": academie.g1.pk})
    assert client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(soort=AuditEvent.Soort.EXPORT_NAMEN).exists()


def test_model_permission_alone_is_not_enough(client, academie):
    niet_coordinator = UserFactory(roepnaam="Iemand")
    _geef_namenrecht(niet_coordinator)
    client.force_login(niet_coordinator)
    url = reverse("impact_aanwezigheid_csv", kwargs={"pk": academie.g1.pk})
    assert client.get(url).status_code == 403


def test_named_export_with_permission_is_audited(client, coordinator, academie):
    _geef_namenrecht(coordinator)
    client.force_login(coordinator)
    dashboard = _get(client, "impact_dashboard", Q1).content.decode()
    url = reverse("impact_aanwezigheid_csv", kwargs={"pk": academie.g1.pk})
    assert url in dashboard
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode("utf-8").lstrip("\ufeff")
    rijen = [r.split(";") for r in body.splitlines()]
    assert rijen[0] == [
        "Name",
        "Status",
        "05-01-2026",
        "19-01-2026",
        "02-02-2026",
        "23-02-2026",
        "Present",
    ]
    per_naam = {r[0]: r for r in rijen[1:]}
    assert sorted(per_naam) == ["P1", "P16", "P2", "P3", "P4", "P5", "P6"]
    assert per_naam["P2"][2:] == ["present", "present", "absent", "present", "3"]
    assert "Fenna" not in per_naam  # facilitators are not in the attendance list
    event = AuditEvent.objects.get(soort=AuditEvent.Soort.EXPORT_NAMEN)
    assert event.actor == coordinator
    assert event.details == {"groep": academie.g1.pk}


def test_named_export_unknown_group_is_404(client, coordinator, academie):
    _geef_namenrecht(coordinator)
    client.force_login(coordinator)
    url = reverse("impact_aanwezigheid_csv", kwargs={"pk": 999999})
    assert client.get(url).status_code == 404


def test_named_export_escapes_formulas(client, coordinator, academie):
    _geef_namenrecht(coordinator)
    client.force_login(coordinator)
    lid(academie.g1, UserFactory(roepnaam="=HYPERLINK(1)"), datetime.date(2025, 12, 20))
    body = client.get(reverse("impact_aanwezigheid_csv", kwargs={"pk": academie.g1.pk}))
    assert "'=HYPERLINK(1)" in body.content.decode()


def _meer_gegevens(academie, n):
    """n extra participants in G1 and G2 with attendance, nazit-free: more rows everywhere."""
    users = [UserFactory(roepnaam=f"Extra {i}") for i in range(n)]
    b = bijeenkomst(academie.g2, datetime.date(2026, 3, 3))
    for i, user in enumerate(users):
        lid(academie.g1 if i % 2 else academie.g2, user, datetime.date(2025, 12, 1))
        Aanwezigheid.objects.create(bijeenkomst=b, user=user, status="aanwezig")
    lid(academie.g3, users[0], datetime.date(2026, 1, 3), rol=Lidmaatschap.Rol.FACILITATOR)


def _aantal_queries(client, data):
    with CaptureQueriesContext(connection) as ctx:
        response = _get(client, "impact_dashboard", data)
    assert response.status_code == 200
    import sys

    for q in ctx.captured_queries:
        print(q["sql"][:150], file=sys.stderr)
    print("-----", file=sys.stderr)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("data", [Q1, {"soort": "jaar", "jaar": "2026"}])
def test_query_budget_does_not_grow(client, coordinator, academie, data, monkeypatch):
    # Closed months come from summaries (impact/samenvatting.py): compare like with like,
    # each time with the summaries up to date (no safety margin, so at once).
    monkeypatch.setattr(samenvatting, "MARGE", datetime.timedelta(0))
    _geef_namenrecht(coordinator)  # the page with the most on it
    client.force_login(coordinator)
    data = {**data, "aanbod": academie.cursus.pk, "locatie": "Arnhem"}
    _get(client, "impact_dashboard")  # the once-a-day "last active" update happens here
    _get(client, "impact_dashboard", data)
    klein = _aantal_queries(client, data)
    _meer_gegevens(academie, 30)
    _get(client, "impact_dashboard", data)
    groot = _aantal_queries(client, data)
    assert klein == groot
    assert groot <= BUDGET


def test_csv_query_budget(client, coordinator, academie, django_assert_max_num_queries):
    client.force_login(coordinator)
    _meer_gegevens(academie, 10)
    with django_assert_max_num_queries(BUDGET):
        assert _get(client, "impact_dashboard_csv", Q1).status_code == 200
