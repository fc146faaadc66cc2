"""Two coordinators approve the same proposal at the same moment: one offer, one group,
one co-facilitator role; the other is told (PostgreSQL, real threads; SQLite runs the
same conditional UPDATE one after the other in test_voorstellen_beheer.py)."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from doorgroei import voorstellen
from doorgroei.models import Activiteitvoorstel
from doorgroei.voorstel_forms import Goedkeuren
from groepen.models import Aanbod, Groep, Vrijwilligersrol
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def _data(voorstel, naam):
    return {
        "aanbod-titel": voorstel.titel,
        "aanbod-soort": "workshop",
        "aanbod-duur_minuten": "120",
        "aanbod-voltooiing_percentage": "75",
        "groep-naam": naam,
        "groep-eerste_datum": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
        "groep-begintijd": "14:00",
        "groep-aantal": "1",
        "groep-elke_n_weken": "1",
        "groep-duur_minuten": "120",
        "besluit-versie": str(voorstel.versie),
    }


def test_two_coordinators_approving_at_once_one_wins():
    coordinators = [UserFactory(is_coordinator=True) for _ in range(2)]
    proposer = UserFactory()
    LidmaatschapFactory(groep=GroepFactory(), user=proposer)
    for ronde in range(3):
        voorstel = voorstellen.dien_in(proposer, titel=f"Idee {ronde}", beschrijving="x")
        start = threading.Barrier(2)
        uitkomst, fouten = [], []

        def keur(coordinator, voorstel=voorstel, start=start, uitkomst=uitkomst, fouten=fouten):
            try:
                goed = Goedkeuren(voorstel, _data(voorstel, f"Groep van {coordinator.pk}"))
                assert goed.is_valid(), [f.errors for f in goed.forms]
                start.wait()
                try:
                    voorstellen.keur_goed(voorstel, goed.versie, coordinator, goed)
                    uitkomst.append(coordinator.pk)
                except voorstellen.AlBeslist:
                    uitkomst.append(None)
            except Exception as exc:  # reported below; a thread's exception is otherwise lost
                fouten.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=keur, args=(c,)) for c in coordinators]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert fouten == []
        winnaars = [pk for pk in uitkomst if pk is not None]
        assert len(winnaars) == 1
        voorstel.refresh_from_db()
        assert voorstel.status == Activiteitvoorstel.Status.GOEDGEKEURD
        assert voorstel.beslist_door_id == winnaars[0]
        assert Aanbod.objects.filter(titel=voorstel.titel).count() == 1
        assert Groep.objects.filter(aanbod__titel=voorstel.titel).get() == voorstel.groep
        assert voorstel.groep.naam == f"Groep van {winnaars[0]}"
    assert Vrijwilligersrol.objects.filter(user=proposer).count() == 3
