"""The coordinator's table of groups flags a running group with nothing planned ahead."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import BijeenkomstFactory, GroepFactory

pytestmark = pytest.mark.django_db

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
VLAG = "Geen volgende bijeenkomst gepland"


def dag(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def rij(html, naam) -> str:
    """The table row of one group."""
    return re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{naam}</a>.*?</tr>", html, re.S).group(0)


def gepland(groep, dagen):
    BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(days=dagen))


@pytest.fixture
def groepen():
    """Running with a meeting ahead; running with only past or cancelled meetings; planned
    (not started) without meetings; finished."""
    met = GroepFactory(naam="Met volgende")
    gepland(met, 3)
    zonder = GroepFactory(naam="Zonder volgende")
    gepland(zonder, -2)
    BijeenkomstFactory(groep=zonder, geannuleerd=True)  # tomorrow, but called off
    GroepFactory(naam="Nog niet begonnen", startdatum=dag(10), einddatum=dag(40))
    GroepFactory(naam="Afgelopen", startdatum=dag(-60), einddatum=dag(-3))
    doorlopend = GroepFactory(naam="Inloop", einddatum=None)
    return {"met": met, "zonder": zonder, "doorlopend": doorlopend}


def test_running_group_without_next_meeting_is_flagged(client, coordinator, groepen):
    client.force_login(coordinator)

    html = client.get(reverse("coordinator_home"), **NL).content.decode()

    assert VLAG in rij(html, "Zonder volgende")
    assert VLAG in rij(html, "Inloop")  # an ongoing group with nothing planned, too
    for naam in ("Met volgende", "Nog niet begonnen", "Afgelopen"):
        assert VLAG not in rij(html, naam)
    # Said in words (the sign is only decoration), and summed up above the table.
    assert '<span aria-hidden="true">⚠ </span>' in rij(html, "Zonder volgende")
    assert "2 lopende groepen hebben geen volgende bijeenkomst gepland." in html
    assert html.index("2 lopende groepen") < html.index("<table")


def test_no_notice_when_every_running_group_has_a_next_meeting(client, coordinator):
    gepland(GroepFactory(naam="Met volgende"), 3)
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home"), **NL).content.decode()
    assert VLAG not in html
    assert "lopende groep" not in html


def test_flag_costs_no_queries(client, coordinator, groepen, django_assert_num_queries):
    client.force_login(coordinator)
    client.get(reverse("coordinator_home"))
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("coordinator_home"))
    for i in range(6):
        g = GroepFactory(naam=f"Extra {i}")
        if i % 2:
            gepland(g, 2)
    with django_assert_num_queries(len(weinig)):
        html = client.get(reverse("coordinator_home"), **NL).content.decode()
    assert "5 lopende groepen" in html
