"""The demo gives Noor a path as a volunteer (ontwikkeling/demo_doorgroei_groei.py)."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from deelnemers.models import User
from doorgroei import ontwikkeling
from doorgroei.models import Ontwikkeling

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_noor_has_a_training_intervisie_and_is_named_for_a_next_step():
    call_command("demo")
    call_command("demo")  # idempotent
    noor = User.objects.get(email="deelnemer2@demo.nl")
    pad = ontwikkeling.pad_van(noor)
    assert [r.rol.soort for r in pad.rollen] == ["buddy"]
    assert Ontwikkeling.objects.filter(user=noor).count() == 1
    assert pad.intervisie == 1
    [v] = [v for v in ontwikkeling.vrijwilligers() if v.user == noor]
    assert v.volgende_stap == str(ontwikkeling.NAAR_COFACILITATOR)
