"""Two coordinators decide on one wish at the same moment, on two real connections: one
decision wins, the other changes nothing and gets the current wish back, and no second
role appears (PostgreSQL; SQLite runs the same conditional UPDATE one after the other in
test_wensen_coordinator.py)."""

import threading

import pytest
from django.db import connection, connections

from doorgroei import wensen
from doorgroei.models import Meehelpwens
from groepen import rollen
from groepen.models import Vrijwilligersrol
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]
S = Meehelpwens.Status


def _tegelijk(*stappen):
    """Run each step in its own thread (own connection), started together."""
    start = threading.Barrier(len(stappen))
    uitkomsten, fouten = [None] * len(stappen), []

    def draai(i, stap):
        try:
            start.wait()
            uitkomsten[i] = stap()
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draai, args=(i, s)) for i, s in enumerate(stappen)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fouten == []
    return uitkomsten


def test_two_starts_at_once_give_one_role():
    inge, ahmed = (UserFactory(is_coordinator=True) for _ in range(2))
    for _ in range(5):
        wens = Meehelpwens.objects.create(user=UserFactory(), manieren=["gastheer"])
        a, b = _tegelijk(
            lambda w=wens: wensen.beslis(w.pk, 1, inge, uitkomst=S.GESTART, soort="gastheer"),
            lambda w=wens: wensen.beslis(w.pk, 1, ahmed, uitkomst=S.GESTART, soort="buddy"),
        )
        assert sorted([a.gelukt, b.gelukt]) == [False, True]
        winnaar, verliezer = (a, b) if a.gelukt else (b, a)
        # The loser sees the winner's decision, as it is in the database now.
        assert verliezer.wens.status == S.GESTART
        assert verliezer.wens.beslist_door == winnaar.wens.beslist_door
        assert Vrijwilligersrol.objects.filter(user=wens.user).count() == 1


def test_a_decision_waits_for_a_slow_one_and_then_loses(monkeypatch):
    """The first decision holds its row while it starts the role (slowly here); the second
    UPDATE waits for that lock, then finds the version changed and does nothing."""
    inge, ahmed = (UserFactory(is_coordinator=True) for _ in range(2))
    wens = Meehelpwens.objects.create(user=UserFactory(), manieren=["gastheer"])
    binnen, verder = threading.Event(), threading.Event()
    echt = rollen.start_rol

    def traag(*args, **kwargs):
        binnen.set()
        assert verder.wait(10)
        return echt(*args, **kwargs)

    monkeypatch.setattr(rollen, "start_rol", traag)
    uitkomst = {}

    def eerste():
        try:
            uitkomst["inge"] = wensen.beslis(wens.pk, 1, inge, uitkomst=S.GESTART, soort="gastheer")
        finally:
            connections.close_all()

    def tweede():
        try:
            uitkomst["ahmed"] = wensen.beslis(wens.pk, 1, ahmed, uitkomst=S.NIET_NU)
        finally:
            connections.close_all()

    t1 = threading.Thread(target=eerste)
    t1.start()
    assert binnen.wait(10)  # Inge's UPDATE holds the row; her role is being started
    t2 = threading.Thread(target=tweede)
    t2.start()
    t2.join(0.5)
    assert t2.is_alive()  # Ahmed's UPDATE waits for Inge's transaction
    verder.set()
    t1.join()
    t2.join()
    assert uitkomst["inge"].gelukt
    assert not uitkomst["ahmed"].gelukt
    assert uitkomst["ahmed"].wens.status == S.GESTART
    wens.refresh_from_db()
    assert (wens.status, wens.beslist_door, wens.versie) == (S.GESTART, inge, 2)
    assert Vrijwilligersrol.objects.filter(user=wens.user).count() == 1
