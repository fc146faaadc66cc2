from types import SimpleNamespace

import pytest

from groepen.models import Lidmaatschap

from .factories import GroepFactory, LidmaatschapFactory, UserFactory


@pytest.fixture(autouse=True)
def _academie_in_cache(request):
    """The academy's row is cached (deelnemers.academie), so in a running app a page
    almost never queries it. Tests that use the database start the same way, warm, so
    the query budgets of pages count the page's own queries; tests/deelnemers/
    test_academie.py measures the cold case. Afterwards the copy is forgotten: a test that
    changed the row rolls its transaction back, and the next test must not see it."""
    from deelnemers.academie import huidige_academie, vergeet_academie
    from groepen.openbaar import vergeet as vergeet_openbaar

    vergeet_academie()
    # The public offer's cache too: a rolled-back test must not leave its offer there.
    vergeet_openbaar()
    namen = set(request.fixturenames)
    if namen & {"db", "transactional_db"} or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("transactional_db" if "transactional_db" in namen else "db")
        huidige_academie()
    yield
    vergeet_academie()


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
    Herstelmodel: the deelnemer's reflections (reflectie_prive, reflectie_facilitators,
    reflectie_groep, all about the past meeting `geweest`), a herkenning moment, a story
    (verhaal, verhaal_versie); andere_reflectie is shared in andere_groep.
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
    geweest = BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=2))
    schrijver = andere_groep.lidmaatschappen.deelnemers().first().user
    LidmaatschapFactory(groep=inloop, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    return SimpleNamespace(
        groep=groep,
        aanbod=groep.aanbod,
        bijeenkomst=BijeenkomstFactory(groep=groep),
        geweest=geweest,
        andere_groep=andere_groep,
        andere_bijeenkomst=BijeenkomstFactory(groep=andere_groep),
        inloop=inloop,
        deelnemer=deelnemer,
        facilitator=facilitator,
        coordinator=coordinator,
        outsider=outsider,
        **herstelmodel_objecten(deelnemer, groep, geweest, schrijver, andere_groep),
    )


def herstelmodel_objecten(deelnemer, groep, geweest, schrijver, andere_groep):
    """The deelnemer's entries in each visibility, and one of another group's participant."""
    from herstelmodel.models import (
        Herkenningsmoment,
        Reflectie,
        Verhaal,
        VerhaalVersie,
        Zichtbaarheid,
    )

    def reflectie(auteur, zichtbaarheid, groep=groep, bijeenkomst=geweest):
        return Reflectie.objects.create(
            auteur=auteur,
            groep=groep,
            bijeenkomst=bijeenkomst,
            stap=2,
            tekst=f"Reflectie ({zichtbaarheid}) van {auteur.roepnaam}",
            zichtbaarheid=zichtbaarheid,
        )

    verhaal = Verhaal.objects.create(auteur=deelnemer)
    return {
        "reflectie_prive": reflectie(deelnemer, Zichtbaarheid.ALLEEN_IK),
        "reflectie_facilitators": reflectie(deelnemer, Zichtbaarheid.FACILITATORS),
        "reflectie_groep": reflectie(deelnemer, Zichtbaarheid.GROEP),
        "andere_reflectie": reflectie(
            schrijver, Zichtbaarheid.FACILITATORS, groep=andere_groep, bijeenkomst=None
        ),
        "herkenning": Herkenningsmoment.objects.create(
            auteur=deelnemer, groep=groep, bijeenkomst=geweest, soort="herkend", oorzaak="sfeer"
        ),
        "verhaal": verhaal,
        "verhaal_versie": VerhaalVersie.objects.create(
            verhaal=verhaal, inhoud='{"leven": "Mijn verhaal"}'
        ),
    }
