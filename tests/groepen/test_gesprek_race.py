"""Two people booking the same time at the same moment: exactly one gets it, the other a
clear message (PostgreSQL, real threads and connections; the unique index decides)."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.db.models import QuerySet
from django.utils import timezone

from groepen import gesprek
from groepen.models import Gespreksboeking, Gespreksslot
from tests.factories import AanbodFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

RONDES = 10


def _slot():
    begin = timezone.now() + datetime.timedelta(days=1)
    return Gespreksslot.objects.create(
        aanbod=AanbodFactory(soort="gesprek"),
        ervaringsdeskundige=UserFactory(),
        begint_om=begin,
        eindigt_om=begin + datetime.timedelta(hours=1),
        plaats="Kamer 2",
    )


def _tegelijk(slot, mensen):
    """Each person books `slot` in their own thread (own connection), all released at
    once by a barrier. Returns (booked, refused messages, unexpected errors)."""
    start = threading.Barrier(len(mensen))
    geboekt, geweigerd, fouten = [], [], []

    def boek(persoon):
        try:
            start.wait()
            gesprek.boek(persoon, slot.pk)
            geboekt.append(persoon.pk)
        except gesprek.GesprekFout as fout:
            geweigerd.append(str(fout))
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=boek, args=(p,)) for p in mensen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return geboekt, geweigerd, fouten


def test_two_people_booking_one_time_at_once_one_wins():
    for _ in range(RONDES):
        slot = _slot()
        mensen = [UserFactory(), UserFactory()]
        geboekt, geweigerd, fouten = _tegelijk(slot, mensen)
        assert fouten == []
        assert len(geboekt) == 1
        # The message the loser sees, in the site's language (Dutch).
        assert geweigerd == ["Iemand anders heeft dit moment net geboekt. Kies een ander moment."]
        (boeking,) = Gespreksboeking.objects.filter(slot=slot)
        assert boeking.deelnemer_id == geboekt[0]


def test_the_index_alone_keeps_them_apart(monkeypatch):
    """Without the row lock (as if a later change dropped it) the database still lets
    only one insert through."""
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kw: self)
    for _ in range(RONDES):
        slot = _slot()
        geboekt, geweigerd, fouten = _tegelijk(slot, [UserFactory() for _ in range(3)])
        assert fouten == []
        assert (len(geboekt), len(geweigerd)) == (1, 2)
        assert Gespreksboeking.objects.filter(slot=slot, geannuleerd_op=None).count() == 1


def test_after_a_cancellation_the_time_can_be_booked_again():
    slot = _slot()
    eerste, tweede = UserFactory(), UserFactory()
    boeking = gesprek.boek(eerste, slot.pk)
    gesprek.annuleer_als_deelnemer(eerste, boeking, "")
    geboekt, geweigerd, fouten = _tegelijk(slot, [tweede, UserFactory()])
    assert fouten == []
    assert (len(geboekt), len(geweigerd)) == (1, 1)
    assert Gespreksboeking.objects.filter(slot=slot).count() == 2
