import datetime

import pytest
from django.utils import timezone

from groepen.models import Lidmaatschap
from nazorg.models import Herinnering
from nazorg.planning import plan_nazit
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)


def maak_afgelopen_groep(deelnemers=3, dagen_geleden=3, **groep_kwargs):
    """A course group whose last meeting was `dagen_geleden` days ago, with participants
    and a facilitator. Returns (groep, [participants], facilitator)."""
    vandaag = timezone.localdate()
    groep = GroepFactory(
        aanbod=AanbodFactory(soort="cursus"),
        startdatum=vandaag - datetime.timedelta(days=60),
        einddatum=vandaag - datetime.timedelta(days=dagen_geleden),
        **groep_kwargs,
    )
    BijeenkomstFactory(
        groep=groep, begint_om=timezone.now() - datetime.timedelta(days=dagen_geleden)
    )
    mensen = [UserFactory() for _ in range(deelnemers)]
    for user in mensen:
        LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    facilitator = UserFactory(mfa=True)
    LidmaatschapFactory(groep=groep, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    return groep, mensen, facilitator


def maak_due(qs=None):
    """Make planned reminders due now (the worker process can't share time_machine)."""
    qs = qs if qs is not None else Herinnering.objects.all()
    return qs.filter(status=Herinnering.Status.GEPLAND).update(
        verstuur_op=timezone.now() - datetime.timedelta(minutes=1)
    )


@pytest.fixture
def afgelopen(db):
    groep, mensen, facilitator = maak_afgelopen_groep()
    plan_nazit(groep)
    return groep, mensen, facilitator
