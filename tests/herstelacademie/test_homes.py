"""The personal homes: right content per role, and query counts that do not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

# Session, user, roles, MFA check, and the page's own two queries.
BUDGET = 7


def add_groups(user, rol, n, members=3):
    for _ in range(n):
        groep = GroepFactory()
        LidmaatschapFactory(groep=groep, user=user, rol=rol)
        for _ in range(members):
            LidmaatschapFactory(groep=groep)
        BijeenkomstFactory(groep=groep)
        BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(days=8))


def test_home_sends_each_role_to_its_own_page(client, deelnemer, facilitator, coordinator):
    for user, target in [
        (deelnemer, "mijn_overzicht"),
        (facilitator, "facilitator_home"),
        (coordinator, "coordinator_home"),
    ]:
        client.force_login(user)
        assert client.get("/").url == reverse(target)


def test_deelnemer_sees_own_groups_and_meetings(client, groep, deelnemer):
    BijeenkomstFactory(groep=groep)
    other = GroepFactory(naam="Niet mijn groep")
    BijeenkomstFactory(groep=other)
    client.force_login(deelnemer)
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert "Sam" in html
    assert groep.naam in html
    assert "Niet mijn groep" not in html


def test_deelnemer_without_groups_gets_an_inviting_empty_state(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("mijn_overzicht"))
    assert response.context["groepen"] == []
    assert 'class="empty"' in response.content.decode()


def test_facilitator_home_counts_participants(client, groep, facilitator, deelnemer):
    LidmaatschapFactory(groep=groep)
    client.force_login(facilitator)
    response = client.get(reverse("facilitator_home"))
    (g,) = response.context["groepen"]
    assert g.aantal_deelnemers == 2


def test_coordinator_home_shows_counts_only(client, groep, deelnemer, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("coordinator_home"))
    assert response.context["cijfers"]["actieve_deelnemers"] == 1
    assert response.context["cijfers"]["lopende_groepen"] == 1
    html = response.content.decode()
    assert deelnemer.roepnaam not in html
    assert deelnemer.email not in html
    # One participant is too few to show: it could point at a person.
    assert ">minder dan 5<" in html
    assert '<td class="num">1</td>' not in html


def test_coordinator_sees_counts_from_five_people(client, groep, coordinator):
    for _ in range(5):
        LidmaatschapFactory(groep=groep)
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home")).content.decode()
    assert '<td class="num">5</td>' in html
    assert "<dd>5</dd>" in html


@pytest.mark.parametrize(
    ("url_name", "rol"),
    [
        ("mijn_overzicht", Lidmaatschap.Rol.DEELNEMER),
        ("facilitator_home", Lidmaatschap.Rol.FACILITATOR),
    ],
)
def test_home_queries_do_not_grow_with_groups(client, django_assert_num_queries, url_name, rol):
    user = UserFactory(mfa=True)
    add_groups(user, rol, 1)
    client.force_login(user)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse(url_name))
    # The facilitator home also asks for intervisie, unread reflections and the
    # moderation queue (one query, herstelacademie/facilitator.py), whether their own
    # account deletion is waiting, the people not seen for a while (nazorg/missen.py) and
    # the nazits of their groups that still need a date; its to-do list comes with the
    # meetings of the week, and the roles answer both its permission and whether they
    # host first conversations (the requests themselves only for hosts). As every page
    # for a signed-in person, the menu's count of unread notifications. Both homes also
    # list booked one-to-one conversations (groepen/gesprek.py). Both homes ask doorgroei
    # in one query whether to link the volunteer's path and what waits about telling a
    # story (doorgroei/groei_home.py; on the facilitator's home inside the query of
    # herstelacademie/facilitator.py); on the participant's home that same one query also
    # brings their wish to help, their activity proposals and whether they may propose
    # one, and whether a check-in is offered after a course (doorgroei/home.py).
    assert len(small) <= BUDGET + 1 + (5 if url_name == "facilitator_home" else 1)
    add_groups(user, rol, 3)
    with django_assert_num_queries(len(small)):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_coordinator_home_queries_do_not_grow(client, coordinator, django_assert_num_queries):
    add_groups(UserFactory(), Lidmaatschap.Rol.FACILITATOR, 1)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("coordinator_home"))
    # Four academy-wide counts, the nazits without a date (the first ten and how many), and
    # the first-conversation requests that wait too long, the open wishes to help and the
    # activity proposals waiting.
    assert len(small) <= BUDGET + 9
    add_groups(UserFactory(), Lidmaatschap.Rol.FACILITATOR, 4, members=5)
    with django_assert_num_queries(len(small)):
        client.get(reverse("coordinator_home"))
