"""A named community moderator is an active moderator role (groepen.Vrijwilligersrol):
it reads along from the day it starts, and from the day it ends the space, its threads
and the queue are closed again, on the very next request."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from groepen.models import Vrijwilligersrol
from groepen.rollen import beeindig_rol, start_rol
from nazorg import community, moderatie, volgen
from nazorg.models import Bericht, Draad, RichtlijnAkkoord, Ruimte
from tests.factories import UserFactory

from .conftest import maak_afgelopen_groep

pytestmark = pytest.mark.django_db
MODERATOR = Vrijwilligersrol.Soort.MODERATOR


def vers(user):
    """The user as a new request loads it: nothing remembered on the object."""
    return get_user_model().objects.get(pk=user.pk)


def bericht_in(ruimte, auteur):
    draad = Draad.objects.create(ruimte=ruimte, titel="Een onderwerp", auteur=auteur)
    Bericht.objects.create(draad=draad, auteur=auteur, tekst="Hoe gaat het met jullie?")
    return draad


def test_an_ended_moderator_loses_the_academy_space_at_once(client):
    academie = community.academieruimte()
    _groep, mensen, _facilitator = maak_afgelopen_groep(deelnemers=1)
    draad = bericht_in(academie, mensen[0])
    mo = UserFactory(roepnaam="Mo", mfa=True)  # never took part: only the role lets Mo in
    RichtlijnAkkoord.objects.create(user=mo)
    rol = start_rol(mo, MODERATOR)
    client.force_login(mo)
    assert client.get(reverse("ruimte", args=[academie.pk])).status_code == 200
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 200
    assert client.get(reverse("moderatie")).status_code == 200
    assert academie in Ruimte.objects.zichtbaar_voor(mo)

    beeindig_rol(rol)
    assert client.get(reverse("ruimte", args=[academie.pk])).status_code == 404
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 404
    assert client.get(reverse("moderatie")).status_code == 403
    assert not moderatie.is_moderator(vers(mo), academie)
    assert not get_user_model().objects.filter(volgen.met_toegang(academie), pk=mo.pk).exists()


def test_a_moderator_of_a_cohort_space_reads_only_that_space():
    groep, _mensen, _facilitator = maak_afgelopen_groep(deelnemers=1)
    ander, _m, _f = maak_afgelopen_groep(deelnemers=1)
    cohort = Ruimte.objects.create(groep=groep, naam=groep.naam)
    andere = Ruimte.objects.create(groep=ander, naam=ander.naam)
    academie = community.academieruimte()
    mo = UserFactory(roepnaam="Mo")
    start_rol(mo, MODERATOR, groep=groep)
    assert moderatie.is_moderator(vers(mo), cohort)
    assert not moderatie.is_moderator(vers(mo), andere)
    assert not moderatie.is_moderator(vers(mo), academie)
    assert list(moderatie.ruimtes_gemodereerd_door(mo)) == [cohort]
    assert get_user_model().objects.filter(volgen.met_toegang(cohort), pk=mo.pk).exists()


def test_a_moderator_role_that_starts_next_week_reads_nothing_yet():
    academie = community.academieruimte()
    mo = UserFactory()
    start_rol(mo, MODERATOR, begint_op=timezone.localdate() + datetime.timedelta(days=7))
    assert not moderatie.is_moderator(mo, academie)
    assert not mo.has_perm("nazorg.moderate")
    assert academie not in Ruimte.objects.zichtbaar_voor(mo)


@pytest.mark.django_db(transaction=True)
def test_migration_turns_named_moderators_into_moderator_roles():
    voor = [("nazorg", "0014_gesprekmail"), ("groepen", "0009_vrijwilligersrol")]
    na = [("nazorg", "0015_moderator_naar_rol")]
    executor = MigrationExecutor(connection)
    laatste = executor.loader.graph.leaf_nodes()
    executor.migrate(voor)
    try:
        oud = MigrationExecutor(connection).loader.project_state(voor).apps
        groep, _mensen, _facilitator = maak_afgelopen_groep(deelnemers=1)
        Ruimte_ = oud.get_model("nazorg", "Ruimte")
        academie = Ruimte_.objects.create(naam="Iedereen")
        cohort = Ruimte_.objects.create(naam="Cohort", groep_id=groep.pk)
        inge, mo, jo = UserFactory(), UserFactory(), UserFactory()
        sinds = datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC)
        Moderator = oud.get_model("nazorg", "Moderator")
        Moderator.objects.create(user_id=mo.pk, ruimte=academie, sinds=sinds)
        Moderator.objects.create(
            user_id=jo.pk, ruimte=cohort, sinds=sinds, aangesteld_door_id=inge.pk
        )

        MigrationExecutor(connection).migrate(na)
        nieuw = MigrationExecutor(connection).loader.project_state(na).apps
        rollen = nieuw.get_model("groepen", "Vrijwilligersrol").objects.order_by("user_id")
        assert [
            (r.user_id, r.soort, r.groep_id, r.begint_op, r.eindigt_op, r.gestart_door_id)
            for r in rollen
        ] == [
            (mo.pk, "moderator", None, datetime.date(2026, 5, 4), None, None),
            (jo.pk, "moderator", groep.pk, datetime.date(2026, 5, 4), None, inge.pk),
        ]
    finally:
        MigrationExecutor(connection).migrate(laatste)
