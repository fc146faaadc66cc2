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


@pytest.mark.django_db
def test_demo_fills_the_modelspiegel(settings):
    from impact.modelspiegel import herkenning, stappen_verdeling

    settings.DEBUG = True
    call_command("demo", verbosity=0)
    vandaag = timezone.localdate()
    halfjaar = eigen_periode(vandaag - datetime.timedelta(days=182), vandaag)
    verdeling = stappen_verdeling(halfjaar, Filters())
    zichtbaar = [n for reeks in verdeling.per_stap.values() for n in reeks if n]
    # Several month-and-step cells with 5 or more people, across more than one step.
    assert len(zichtbaar) >= 6
    assert sum(1 for reeks in verdeling.per_stap.values() if any(reeks)) >= 3
    telling = herkenning(halfjaar, Filters())
    assert any(t.mensen for tellingen in telling.values() for t in tellingen)
