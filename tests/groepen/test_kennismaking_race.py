"""Two hosts tap "ik bel" at the same moment: exactly one picks it up (PostgreSQL, real
threads; SQLite runs the same conditional UPDATE in tests/groepen/test_kennismaking.py)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from groepen import kennismaking
from groepen.models import Kennismaking
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_two_hosts_picking_up_at_once_one_wins():
    hosts = [UserFactory() for _ in range(2)]
    for host in hosts:
        kennismaking.maak_host(host)
    for _ in range(5):
        k = Kennismaking.objects.create(
            voornaam="Kim", telefoon="06 12345678", aangemaakt_op=timezone.now()
        )
        start = threading.Barrier(2)
        uitkomst, fouten = [], []

        def pak(host, k=k, start=start, uitkomst=uitkomst, fouten=fouten):
            try:
                start.wait()
                uitkomst.append((host.pk, kennismaking.pak_op(k.pk, host, "bellen")))
            except Exception as exc:  # reported below; a thread's exception is otherwise lost
                fouten.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=pak, args=(h,)) for h in hosts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert fouten == []
        winnaars = [pk for pk, gelukt in uitkomst if gelukt]
        assert len(winnaars) == 1
        k.refresh_from_db()
        assert k.opgepakt_door_id == winnaars[0]
