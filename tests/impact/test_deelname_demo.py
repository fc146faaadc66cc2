"""The demo academy gives the dashboard real figures above the privacy threshold."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from groepen.models import Groep
from impact.deelname import deelname
from impact.periode import Filters, eigen_periode, standaard_periode


@pytest.mark.django_db
def test_demo_fills_the_dashboard(settings):
    settings.DEBUG = True
    call_command("demo", verbosity=0)
    groepen = Groep.objects.count()
    call_command("demo", verbosity=0)  # idempotent
    assert Groep.objects.count() == groepen

    vandaag = timezone.localdate()
    with translation.override("en"):
        jaar = deelname(eigen_periode(vandaag - datetime.timedelta(days=365), vandaag), Filters())
        for cijfer in [*jaar.kerncijfers, jaar.zwart_gat[0], jaar.doorstroom[0]]:
            assert cijfer.waarde is not None, cijfer
        assert any(w for _label, w in jaar.inloop)
        kwartaal = deelname(standaard_periode(), Filters())
        assert kwartaal.kerncijfers[0].waarde is not None
        assert kwartaal.doorstroom[0].waarde is not None
        assert kwartaal.inschrijvingen[0].waarde is not None
