from types import SimpleNamespace

import pytest

from groepen.models import Lidmaatschap

from .factories import GroepFactory, LidmaatschapFactory, UserFactory


@pytest.fixture
def groep(db):
    return GroepFactory()


@pytest.fixture
def deelnemer(groep):
    user = UserFactory(roepnaam="Sam")
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    return user


@pytest.fixture
def facilitator(groep):
    user = UserFactory(roepnaam="Ruben", mfa=True)
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.FACILITATOR)
    return user


@pytest.fixture
def coordinator(db):
    return UserFactory(roepnaam="Inge", is_coordinator=True, mfa=True)


@pytest.fixture
def outsider(db):
    """Logged in, but in no group and without any role."""
    return UserFactory(roepnaam="Buiten")


from .urlwalk import ROLES  # noqa: E402, F401 - one list of roles for every test


@pytest.fixture
def client_for(client, request):
    """client_for("deelnemer") -> a test client logged in as that role's fixture user."""

    def make(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return make


@pytest.fixture
def world(groep, deelnemer, facilitator, coordinator, outsider):
    """Objects for URL tests: "mine" (the fixtures' group) and "theirs" (another group).

    The deelnemer and facilitator belong to `groep` only; `andere_groep` has its own
    participant and facilitator, so rosters and registers exist on both sides.
    """
    import datetime

    from django.utils import timezone

    from .factories import AanbodFactory, BijeenkomstFactory

    andere_groep = GroepFactory()
    LidmaatschapFactory(groep=andere_groep, rol=Lidmaatschap.Rol.DEELNEMER)
    LidmaatschapFactory(
        groep=andere_groep, user=UserFactory(mfa=True), rol=Lidmaatschap.Rol.FACILITATOR
    )
    inloop = GroepFactory(aanbod=AanbodFactory(soort="inloop", titel="Inloop"), naam="Inloop")
    LidmaatschapFactory(groep=inloop, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    return SimpleNamespace(
        groep=groep,
        aanbod=groep.aanbod,
        bijeenkomst=BijeenkomstFactory(groep=groep),
        geweest=BijeenkomstFactory(
            groep=groep, begint_om=timezone.now() - datetime.timedelta(days=2)
        ),
        andere_groep=andere_groep,
        andere_bijeenkomst=BijeenkomstFactory(groep=andere_groep),
        inloop=inloop,
        deelnemer=deelnemer,
        facilitator=facilitator,
        coordinator=coordinator,
        outsider=outsider,
    )
