import io

import pytest
from django.core.management import call_command

from groepen.models import Groep
from nazorg.models import Herinnering

pytestmark = pytest.mark.django_db(transaction=True)


def test_benchmark_sends_into_a_real_smtp_sink_without_duplicates_and_cleans_up():
    out = io.StringIO()
    call_command("benchmark_herinneringen", count=50, batch=20, stdout=out)
    regel = out.getvalue().splitlines()[-1]
    assert "sent 50/50" in regel
    assert "duplicates 0" in regel
    assert "distinct 50" in regel
    assert not Herinnering.objects.exists()
    assert not Groep.objects.filter(naam__startswith="benchmark-").exists()
