"""A private reflection, a private herkenning note, an unshared story and an unshared
support plan carry a unique canary text. Every URL of the site, requested by everyone
except the author, must not show it anywhere; and the database columns must not hold it
in plain text."""

import json
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from groepen.models import KalenderFeed, Lidmaatschap
from herstelmodel.models import Steunplan
from tests.factories import LidmaatschapFactory, UserFactory
from tests.test_url_walk import EXPECTED, all_patterns

pytestmark = pytest.mark.django_db

CANARY = f"kanarie-{uuid.uuid4().hex}"
OTHERS = ["anonymous", "outsider", "andere_deelnemer", "facilitator", "coordinator", "beheerder"]


@pytest.fixture
def planted(world):
    world.reflectie_prive.tekst = f"{CANARY} in een reflectie"
    world.reflectie_prive.save()
    world.herkenning.notitie = f"{CANARY} in een notitie"
    world.herkenning.save()
    world.verhaal_versie.inhoud = json.dumps({"leven": f"{CANARY} in mijn verhaal"})
    world.verhaal_versie.save()
    Steunplan.objects.create(
        auteur=world.deelnemer,
        signalen=f"{CANARY} in mijn steunplan",
        mensen=f"{CANARY} 06-12345678",
    )
    andere = UserFactory(roepnaam="Medecursist")
    LidmaatschapFactory(groep=world.groep, user=andere, rol=Lidmaatschap.Rol.DEELNEMER)
    return {
        "anonymous": None,
        "outsider": world.outsider,
        "andere_deelnemer": andere,
        "facilitator": world.facilitator,
        "coordinator": world.coordinator,
        "beheerder": UserFactory(is_staff=True, is_superuser=True, mfa=True),
    }


def urls(world):
    for name, case in EXPECTED.items():
        if case.method != "get":
            continue
        kwargs = case.kwargs(world) if callable(case.kwargs) else case.kwargs
        yield reverse(name, kwargs=kwargs)
    for namespace, pattern in all_patterns():
        if namespace == "admin" and pattern.name and not pattern.pattern.regex.groupindex:
            yield reverse(f"admin:{pattern.name}")


def test_canary_is_nowhere_for_anyone_else(client, world, planted):
    checked = 0
    for role in OTHERS:
        client.logout()
        if planted[role] is not None:
            client.force_login(planted[role])
        pages = list(urls(world))
        # The calendar feed needs no login: every other person's feed too.
        if planted[role] is not None:
            feed, _ = KalenderFeed.objects.get_or_create(user=planted[role])
            pages.append(reverse("kalender_feed", args=[feed.token]))
        for url in pages:
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            assert CANARY.encode() not in body, f"{role} sees the canary at {url}"
            checked += 1
    assert checked > 300


def test_database_holds_no_plaintext(world, planted):
    with connection.cursor() as cursor:
        for table, column in [
            ("herstelmodel_reflectie", "tekst"),
            ("herstelmodel_herkenningsmoment", "notitie"),
            ("herstelmodel_verhaalversie", "inhoud"),
            ("herstelmodel_steunplan", "signalen"),
            ("herstelmodel_steunplan", "mensen"),
        ]:
            cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names
            values = [row[0] for row in cursor.fetchall()]
            assert values, table
            assert not any(CANARY in (v or "") for v in values), f"plaintext in {table}"
    world.reflectie_prive.refresh_from_db()
    assert CANARY in world.reflectie_prive.tekst  # and the author can still read it
