"""Host of the walk-in as a role: counting visitors and picking up first conversations
come with an active host role and go the day it ends; old Inloophost rows became roles."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from groepen import inloop, kennismaking
from groepen.models import Kennismaking, Vrijwilligersrol
from groepen.rollen import beeindig_rol, start_rol
from tests.factories import AanbodFactory, GroepFactory, UserFactory

pytestmark = pytest.mark.django_db
GASTHEER = Vrijwilligersrol.Soort.GASTHEER


def maak_inloop(naam):
    return GroepFactory(aanbod=AanbodFactory(soort="inloop", titel="Inloop"), naam=naam)


@pytest.fixture
def sam():
    return UserFactory(roepnaam="Sam", mfa=True)


@pytest.fixture
def centrum():
    return maak_inloop("Inloop Centrum")


@pytest.fixture
def noord():
    return maak_inloop("Inloop Noord")


def tel(client, groep):
    return client.post(
        reverse("inloop_tellen", kwargs={"pk": groep.pk}), {"dagdeel": "ochtend", "stap": "1"}
    )


def test_a_host_without_a_group_counts_at_every_walk_in(client, sam, centrum, noord):
    cursus = GroepFactory(naam="WRAP")  # not a walk-in: nothing to count there
    start_rol(sam, GASTHEER)
    assert set(inloop.telbare_groepen(sam)) == {centrum, noord}
    client.force_login(sam)
    assert tel(client, centrum).status_code == 302
    assert tel(client, noord).status_code == 302
    assert inloop.tel(centrum, "ochtend", 1) == 2
    assert client.get(reverse("inloop_tellen", kwargs={"pk": cursus.pk})).status_code == 404
    namen = [g.naam for g in client.get(reverse("inloop_lijst")).context["groepen"]]
    assert namen == ["Inloop Centrum", "Inloop Noord"]


def test_a_host_of_one_walk_in_counts_only_there(client, sam, centrum, noord):
    start_rol(sam, GASTHEER, groep=centrum)
    assert list(inloop.telbare_groepen(sam)) == [centrum]
    assert sam.has_perm("groepen.count_inloop", centrum)
    client.force_login(sam)
    assert tel(client, centrum).status_code == 302
    assert tel(client, noord).status_code == 404
    assert not noord.inloop_tellingen.exists()


def test_an_ended_host_role_takes_counting_and_requests_away_at_once(client, sam, centrum):
    rol = start_rol(sam, GASTHEER)
    verzoek = Kennismaking.objects.create(
        voornaam="Kim", telefoon="06 12345678", aangemaakt_op=timezone.now()
    )
    client.force_login(sam)
    assert client.get(reverse("kennismakingen")).status_code == 200
    assert kennismaking.pak_op(verzoek.pk, sam, "bellen")

    beeindig_rol(rol)
    # The same session, the next request: nothing is remembered from before.
    assert tel(client, centrum).status_code == 404
    assert client.get(reverse("inloop_lijst")).context["groepen"] == []
    assert client.get(reverse("kennismakingen")).status_code == 403
    url = reverse("kennismaking_afronden", kwargs={"pk": verzoek.pk})
    assert client.post(url).status_code == 404
    verzoek.refresh_from_db()
    assert verzoek.is_open  # handed back for the other hosts


def test_a_host_role_that_starts_tomorrow_gives_nothing_today(client, sam, centrum):
    start_rol(sam, GASTHEER, begint_op=timezone.localdate() + datetime.timedelta(days=1))
    client.force_login(sam)
    assert tel(client, centrum).status_code == 404
    assert client.get(reverse("kennismakingen")).status_code == 403


def test_coordinator_host_page_starts_and_ends_host_roles(client, coordinator, sam):
    client.force_login(coordinator)
    client.post(reverse("kennismaking_hosts"), {"email": sam.email})
    rol = Vrijwilligersrol.objects.get(user=sam)
    assert (rol.soort, rol.begint_op, rol.eindigt_op) == (GASTHEER, timezone.localdate(), None)
    assert rol.gestart_door == coordinator
    client.post(reverse("kennismaking_host_stoppen", kwargs={"pk": rol.pk}))
    rol.refresh_from_db()
    assert rol.eindigt_op == timezone.localdate()
    assert not sam.has_perm("groepen.host_kennismaking")


@pytest.mark.django_db(transaction=True)
def test_migration_turns_each_old_host_into_a_host_role():
    voor = [("groepen", "0009_vrijwilligersrol")]
    na = [("groepen", "0010_inloophost_naar_rol")]
    executor = MigrationExecutor(connection)
    laatste = executor.loader.graph.leaf_nodes()
    executor.migrate(voor)
    try:
        oud = MigrationExecutor(connection).loader.project_state(voor).apps
        femke = UserFactory(roepnaam="Femke")
        sinds = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)  # 2 March locally
        host = oud.get_model("groepen", "Inloophost").objects.create(user_id=femke.pk)
        oud.get_model("groepen", "Inloophost").objects.filter(pk=host.pk).update(sinds=sinds)

        MigrationExecutor(connection).migrate(na)
        nieuw = MigrationExecutor(connection).loader.project_state(na).apps
        rol = nieuw.get_model("groepen", "Vrijwilligersrol").objects.get()
        assert (rol.user_id, rol.soort) == (femke.pk, "gastheer")
        assert (rol.begint_op, rol.eindigt_op, rol.gestart_door_id) == (
            datetime.date(2026, 3, 2),
            None,
            None,
        )
    finally:
        MigrationExecutor(connection).migrate(laatste)
