"""Two hosts tapping +1 at the same moment: every tap counts (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection, connections

from groepen import inloop
from groepen.models import InloopTelling
from tests.factories import AanbodFactory, GroepFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]

PER_HOST = 20


def test_two_hosts_tapping_at_once_both_count():
    groep = GroepFactory(aanbod=AanbodFactory(soort="inloop"))
    start = threading.Barrier(2)
    errors = []

    def host():
        try:
            start.wait()
            for _ in range(PER_HOST):
                inloop.tel(groep, "ochtend", 1)
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=host) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    telling = InloopTelling.objects.get(groep=groep, dagdeel="ochtend")
    assert telling.aantal == 2 * PER_HOST


def test_two_first_taps_on_an_empty_day_part_do_not_collide():
    """The row does not exist yet: both threads try to make it at once."""
    for _ in range(5):
        groep = GroepFactory(aanbod=AanbodFactory(soort="inloop"))
        start = threading.Barrier(2)
        errors = []

        def host(groep=groep, start=start, errors=errors):
            try:
                start.wait()
                inloop.tel(groep, "avond", 1)
            except Exception as exc:
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=host) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert InloopTelling.objects.get(groep=groep, dagdeel="avond").aantal == 2
