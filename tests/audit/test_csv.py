"""The coordinator's trail as CSV: the same filter, no content, and itself on the trail."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.log import record
from audit.models import AuditEvent
from herstelmodel.models import Leesmoment
from tests.factories import UserFactory

from .conftest import CANARY

pytestmark = pytest.mark.django_db
Soort = AuditEvent.Soort
CSV = reverse("audit_csv")


def lees(response):
    assert response["Content-Type"].startswith("text/csv")
    inhoud = b"".join(response.streaming_content).decode()
    # A byte order mark, so spreadsheet programs read the names as UTF-8.
    assert inhoud.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(inhoud[1:]), delimiter=";"))


def test_csv_follows_the_filter_and_holds_no_content(
    client, coordinator, deelnemer, facilitator, gedeelde_reflectie
):
    Leesmoment.objects.create(reflectie=gedeelde_reflectie, lezer=facilitator)
    record(Soort.EXPORT_EIGEN, actor=deelnemer, betreft=deelnemer)
    client.force_login(coordinator)
    response = client.get(CSV, {"soort": Soort.REFLECTIE_GELEZEN})
    assert "attachment" in response["Content-Disposition"]
    [rij] = lees(response)
    # Human column names and words, as on the page (these tests run in English).
    assert list(rij) == ["Time", "What", "By", "About", "Details"]
    assert rij["What"] == str(AuditEvent.Soort.REFLECTIE_GELEZEN.label)
    assert (rij["By"], rij["About"]) == (f"Ruben #{facilitator.pk}", f"Sam #{deelnemer.pk}")
    assert f"reflection: {gedeelde_reflectie.pk}" in rij["Details"]
    assert CANARY not in json.dumps(rij)
    # Taking a list with names is itself recorded.
    [export] = AuditEvent.objects.filter(soort=Soort.EXPORT_NAMEN)
    assert (export.actor, export.details) == (coordinator, {"lijst": "logboek"})


def test_csv_neutralises_formulas_in_names(client, coordinator):
    slim = UserFactory(roepnaam="=HYPERLINK(1)")
    record(Soort.EXPORT_EIGEN, actor=slim, betreft=slim)
    client.force_login(coordinator)
    [rij] = lees(client.get(CSV, {"soort": Soort.EXPORT_EIGEN}))
    assert rij["By"] == f"'=HYPERLINK(1) #{slim.pk}"


def test_csv_speaks_dutch_for_a_dutch_reader(client, coordinator, deelnemer, settings):
    settings.LANGUAGE_CODE = "nl"
    record(Soort.ROL, actor=coordinator, betreft=deelnemer, rol="coordinator", aan=True)
    client.force_login(coordinator)
    rijen = lees(client.get(CSV, {"soort": Soort.ROL}))
    [rij] = [r for r in rijen if r["Over"] == f"Sam #{deelnemer.pk}"]
    assert list(rij) == ["Tijd", "Wat", "Door", "Over", "Gegevens"]
    # PostgreSQL's jsonb keeps its own key order, so compare the parts, not their order.
    assert set(rij["Gegevens"].split(" · ")) == {"rol: coordinator", "aan: ja"}


def test_bad_filter_shows_the_page_with_the_message(client, coordinator):
    client.force_login(coordinator)
    response = client.get(CSV, {"van": "2026-03-10", "tot": "2026-03-01"})
    assert response.status_code == 200
    assert "tot" in response.context["form"].errors
    assert not AuditEvent.objects.filter(soort=Soort.EXPORT_NAMEN).exists()


def test_csv_queries_do_not_grow(client, coordinator, deelnemer):
    client.force_login(coordinator)
    client.get(CSV)

    def tel():
        with CaptureQueriesContext(connection) as q:
            lees(client.get(CSV, {"soort": Soort.EXPORT_EIGEN}))
        return len(q)

    record(Soort.EXPORT_EIGEN, actor=deelnemer, betreft=deelnemer)
    klein = tel()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(soort=Soort.EXPORT_EIGEN, actor=UserFactory(), betreft=deelnemer)
            for _ in range(30)
        ]
    )
    assert tel() == klein
