"""The demo's volunteer roles: Ruben hosts the walk-in through a host role (he counts
visitors and sees first-conversation requests), Noor is a buddy and sees it under
"Mijn rollen"; running the demo twice adds no second role."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from deelnemers.models import User
from groepen import inloop
from groepen.models import Vrijwilligersrol

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_roles(client):
    call_command("demo")
    call_command("demo")
    ruben = User.objects.get(email="facilitator@demo.nl")
    noor = User.objects.get(email="deelnemer2@demo.nl")
    soorten = sorted(Vrijwilligersrol.objects.actief().values_list("user__roepnaam", "soort"))
    assert soorten == [
        ("Noor", "buddy"),
        ("Ruben", "gastheer"),
        ("Ruben", "moderator"),
    ]
    assert ruben.has_perm("groepen.host_kennismaking")
    assert inloop.telbare_groepen(ruben).exists()
    client.force_login(noor)
    assert reverse("mijn_rollen") in client.get(reverse("mijn_overzicht")).content.decode()
    pagina = client.get(reverse("mijn_rollen"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Buddy voor nieuwkomers" in pagina
