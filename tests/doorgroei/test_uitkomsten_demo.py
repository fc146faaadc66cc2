"""The demo academy has enough check-ins for the measured column of the value report."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from doorgroei.models import Uitkomst
from impact import waarde
from impact.periode import standaard_periode


@pytest.mark.django_db
def test_demo_shows_measured_figures_and_keeps_the_study_value(settings):
    settings.DEBUG = True
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)  # idempotent
    assert Uitkomst.objects.count() == 12
    r = waarde.rapport(standaard_periode())
    gemeten = {a.definitie.sleutel: a.meting for a in r.gemeten}
    assert gemeten["vrijwilliger_aandeel"].procent == Decimal("25.0")  # 3 of 12
    assert gemeten["werk_aandeel"].procent == Decimal("9.1")  # 1 of 11
    assert gemeten["behandeling_effectiever"].procent == Decimal("70.0")  # 7 of 10
    # Nobody chose the measured figures: the report still uses the study's.
    assert r.waarde.per_deelnemer == Decimal("6449.80")
