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


ROLES = ["anonymous", "outsider", "deelnemer", "facilitator", "coordinator"]


@pytest.fixture
def client_for(client, request):
    """client_for("deelnemer") -> a test client logged in as that role's fixture user."""

    def make(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return make
