"""The coordinator's pages on a large generated academy (issue #7): the query count stays
within budget however much history there is. Server times are measured by
`manage.py benchmark`, never here."""

import pytest
from django.urls import reverse

from ontwikkeling.benchmark.generate import Sizes, genereer

# Generating the large academy takes most of a minute: `make test` runs it, test-fast not.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# A first visit to months not yet summarised computes and stores them (impact/
# samenvatting.py): up to 6 queries more, once, however many months. The dashboard also
# shows what people report in check-ins (impact/gemeten.py): one query.
BUDGET = 27

# The dataset: 5,000 participants, 100,000 reflections, 40,000 attendance
# records. Posts and reminders are kept small: no page measured here reads them.
SIZES = Sizes(berichten=2_000, herinneringen=1_000)

PERIODES = [
    {},  # the current quarter
    {"soort": "jaar"},
    {"soort": "eigen", "begin": "2023-01-01", "einde": "2026-12-31"},
]


@pytest.fixture
def academie():
    return genereer(SIZES)


def test_coordinator_pages_stay_within_budget_on_a_large_academy(
    client, academie, django_assert_max_num_queries
):
    assert academie.aantallen["deelnemers"] == 5_000
    assert academie.aantallen["reflecties"] == 100_000
    assert academie.aantallen["aanwezigheden"] == 40_000
    client.force_login(academie.coordinator)
    aanbod = {"aanbod": academie.aanbod.pk, "soort": "jaar"}
    for naam in ("impact_dashboard", "impact_modelspiegel", "impact_waarde"):
        for params in [*PERIODES, aanbod]:
            with django_assert_max_num_queries(BUDGET):
                response = client.get(reverse(naam), params)
            assert response.status_code == 200, (naam, params)
