"""Walk-in counts: tapping +1/-1, correcting earlier days, who may count, query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import inloop
from groepen.models import InloopTelling, Lidmaatschap
from tests.factories import AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

OCHTEND, MIDDAG, AVOND = "ochtend", "middag", "avond"


def maak_inloop(host=None, **kwargs):
    groep = GroepFactory(aanbod=AanbodFactory(soort="inloop", titel="Inloop"), **kwargs)
    if host is not None:
        LidmaatschapFactory(groep=groep, user=host, rol=Lidmaatschap.Rol.FACILITATOR)
    return groep


@pytest.fixture
def host():
    return UserFactory(roepnaam="Host", mfa=True)


@pytest.fixture
def walkin(host):
    return maak_inloop(host, naam="Inloop Centrum", einddatum=None)


@pytest.fixture
def host_client(client, host):
    client.force_login(host)
    return client


def tellen_url(groep):
    return reverse("inloop_tellen", kwargs={"pk": groep.pk})


def corrigeren_url(groep):
    return reverse("inloop_corrigeren", kwargs={"pk": groep.pk})


def aantal(groep, dagdeel, datum=None):
    rij = InloopTelling.objects.filter(
        groep=groep, dagdeel=dagdeel, datum=datum or timezone.localdate()
    ).first()
    return rij.aantal if rij else 0


def tik(client, groep, dagdeel, stap):
    return client.post(
        tellen_url(groep), {"dagdeel": dagdeel, "stap": stap}, HTTP_ACCEPT_LANGUAGE="en"
    )


# --- Counting ---------------------------------------------------------------------------


def test_tapping_plus_and_minus_counts_for_today(host_client, walkin):
    response = tik(host_client, walkin, OCHTEND, "1")
    assert response.status_code == 302
    assert response.url == tellen_url(walkin) + "#dagdeel-ochtend"
    tik(host_client, walkin, OCHTEND, "1")
    tik(host_client, walkin, OCHTEND, "+1")
    tik(host_client, walkin, OCHTEND, "-1")
    tik(host_client, walkin, AVOND, "1")
    assert aantal(walkin, OCHTEND) == 2
    assert aantal(walkin, AVOND) == 1
    assert aantal(walkin, MIDDAG) == 0


def test_count_never_goes_below_zero(host_client, walkin):
    tik(host_client, walkin, MIDDAG, "-1")
    assert aantal(walkin, MIDDAG) == 0
    tik(host_client, walkin, MIDDAG, "1")
    tik(host_client, walkin, MIDDAG, "-1")
    response = tik(host_client, walkin, MIDDAG, "-1")
    assert aantal(walkin, MIDDAG) == 0
    assert InloopTelling.objects.filter(groep=walkin).count() == 1
    page = host_client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the count is at 0" in page


def test_minus_button_is_disabled_at_zero(host_client, walkin):
    tik(host_client, walkin, AVOND, "1")
    response = host_client.get(tellen_url(walkin))
    html = response.content.decode()
    assert html.count("disabled>") == 2  # morning and afternoon; evening has 1 to take off
    assert [d.aantal for d in response.context["dagdelen"]] == [0, 0, 1]


@pytest.mark.parametrize(
    "data", [{"dagdeel": "nacht", "stap": "1"}, {"dagdeel": OCHTEND, "stap": "5"}, {}]
)
def test_a_strange_tap_changes_nothing_and_says_so(host_client, walkin, data):
    response = host_client.post(tellen_url(walkin), data, follow=True)
    assert response.status_code == 200
    assert not InloopTelling.objects.filter(aantal__gt=0).exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_tel_service_returns_the_new_count(walkin):
    assert inloop.tel(walkin, OCHTEND, 1) == 1
    assert inloop.tel(walkin, OCHTEND, 1) == 2
    assert inloop.tel(walkin, OCHTEND, -1) == 1
    with pytest.raises(ValueError, match="must be 1 or -1"):
        inloop.tel(walkin, OCHTEND, 3)


def test_page_shows_no_names(host_client, walkin, host):
    tik(host_client, walkin, OCHTEND, "1")
    html = host_client.get(tellen_url(walkin)).content.decode()
    assert host.email not in html
    assert walkin.naam in html


# --- Correcting ---------------------------------------------------------------------------


def test_correcting_sets_the_number_for_an_earlier_day(host_client, walkin):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    InloopTelling.objects.create(groep=walkin, datum=gisteren, dagdeel=AVOND, aantal=3)
    response = host_client.post(
        corrigeren_url(walkin),
        {"datum": gisteren.isoformat(), "dagdeel": AVOND, "aantal": "11"},
    )
    assert response.status_code == 302
    assert response.url.startswith(tellen_url(walkin))
    assert aantal(walkin, AVOND, gisteren) == 11
    page = host_client.get(tellen_url(walkin))
    gisteren_rij = page.context["dagen"][1]
    assert gisteren_rij.datum == gisteren
    assert gisteren_rij.per_dagdeel == [0, 0, 11]
    assert gisteren_rij.totaal == 11


def test_correcting_to_zero_is_allowed(host_client, walkin):
    vandaag = timezone.localdate()
    InloopTelling.objects.create(groep=walkin, datum=vandaag, dagdeel=OCHTEND, aantal=4)
    host_client.post(
        corrigeren_url(walkin), {"datum": vandaag.isoformat(), "dagdeel": OCHTEND, "aantal": "0"}
    )
    assert aantal(walkin, OCHTEND) == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"datum": "future", "dagdeel": OCHTEND, "aantal": "5"}, "datum", "still to come"),
        ({"datum": "past", "dagdeel": OCHTEND, "aantal": "-2"}, "aantal", "can't be below 0"),
        ({"datum": "past", "dagdeel": OCHTEND, "aantal": "1001"}, "aantal", "more than 1000"),
        ({"datum": "past", "dagdeel": OCHTEND, "aantal": "veel"}, "aantal", "whole number"),
        ({"datum": "gisteren", "dagdeel": OCHTEND, "aantal": "5"}, "datum", "recognise"),
        ({"datum": "past", "dagdeel": "nacht", "aantal": "5"}, "dagdeel", "Choose morning"),
        ({"datum": "", "dagdeel": OCHTEND, "aantal": "5"}, "datum", "Fill in the day"),
    ],
)
def test_correction_errors_are_clear_and_keep_what_was_typed(
    host_client, walkin, data, field, message
):
    vandaag = timezone.localdate()
    datum = {
        "future": (vandaag + datetime.timedelta(days=1)).isoformat(),
        "past": (vandaag - datetime.timedelta(days=3)).isoformat(),
    }.get(data["datum"], data["datum"])
    posted = {**data, "datum": datum}
    response = host_client.post(corrigeren_url(walkin), posted, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert message in form.errors[field][0]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    if datum:
        assert f'value="{datum}"' in html
    if posted["aantal"]:
        assert f'value="{posted["aantal"]}"' in html
    assert not InloopTelling.objects.exists()


# --- Who may count ----------------------------------------------------------------------


def test_a_participant_of_the_walkin_may_not_count(client, walkin):
    bezoeker = UserFactory()
    LidmaatschapFactory(groep=walkin, user=bezoeker, rol=Lidmaatschap.Rol.DEELNEMER)
    client.force_login(bezoeker)
    assert client.get(tellen_url(walkin)).status_code == 403
    assert tik(client, walkin, OCHTEND, "1").status_code == 403
    response = client.post(
        corrigeren_url(walkin),
        {"datum": timezone.localdate().isoformat(), "dagdeel": OCHTEND, "aantal": "9"},
    )
    assert response.status_code == 403
    assert not InloopTelling.objects.exists()
    assert client.get(reverse("inloop_lijst")).context["groepen"] == []


def test_hosts_of_another_walkin_get_not_found(client, walkin):
    andere_host = UserFactory(mfa=True)
    maak_inloop(andere_host)
    client.force_login(andere_host)
    assert client.get(tellen_url(walkin)).status_code == 404
    assert tik(client, walkin, OCHTEND, "1").status_code == 404
    assert not InloopTelling.objects.exists()


def test_a_group_that_is_not_a_walkin_has_no_counter(client, groep, facilitator, coordinator):
    for user in (facilitator, coordinator):
        client.force_login(user)
        assert client.get(tellen_url(groep)).status_code == 404
        assert tik(client, groep, OCHTEND, "1").status_code == 404
    assert not InloopTelling.objects.exists()


def test_coordinator_may_count_any_walkin(client, coordinator, walkin):
    client.force_login(coordinator)
    tik(client, walkin, OCHTEND, "1")
    assert aantal(walkin, OCHTEND) == 1


def test_anonymous_visitors_are_sent_to_login(client, walkin):
    response = tik(client, walkin, OCHTEND, "1")
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not InloopTelling.objects.exists()


# --- The list -------------------------------------------------------------------------------


def test_list_shows_the_walkins_i_host_with_todays_total(host_client, host, walkin):
    maak_inloop(UserFactory(mfa=True), naam="Inloop elders")
    InloopTelling.objects.create(
        groep=walkin, datum=timezone.localdate(), dagdeel=OCHTEND, aantal=4
    )
    InloopTelling.objects.create(groep=walkin, datum=timezone.localdate(), dagdeel=AVOND, aantal=2)
    InloopTelling.objects.create(
        groep=walkin,
        datum=timezone.localdate() - datetime.timedelta(days=1),
        dagdeel=AVOND,
        aantal=30,
    )
    response = host_client.get(reverse("inloop_lijst"))
    groepen = response.context["groepen"]
    assert [g.naam for g in groepen] == ["Inloop Centrum"]
    assert groepen[0].vandaag_totaal == 6
    assert tellen_url(walkin) in response.content.decode()


def test_list_for_coordinator_shows_every_walkin(client, coordinator, walkin, groep):
    maak_inloop(naam="Inloop zonder host")
    client.force_login(coordinator)
    namen = [g.naam for g in client.get(reverse("inloop_lijst")).context["groepen"]]
    assert namen == ["Inloop Centrum", "Inloop zonder host"]


def test_list_without_walkins_is_a_kind_empty_page(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("inloop_lijst"))
    assert response.status_code == 200
    assert response.context["groepen"] == []
    assert 'class="empty"' in response.content.decode()


def test_list_query_count_does_not_grow_with_walkins(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    maak_inloop()
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("inloop_lijst"))
    for _ in range(6):
        groep = maak_inloop()
        InloopTelling.objects.create(groep=groep, datum=timezone.localdate(), dagdeel=OCHTEND)
    with django_assert_num_queries(len(small)):
        assert len(client.get(reverse("inloop_lijst")).context["groepen"]) == 7


# --- History and query budget ---------------------------------------------------------------


def test_history_shows_the_last_14_days_with_totals(host_client, walkin):
    vandaag = timezone.localdate()
    for dagen_terug, dagdeel, n in [(0, OCHTEND, 2), (13, MIDDAG, 5), (14, AVOND, 99)]:
        InloopTelling.objects.create(
            groep=walkin,
            datum=vandaag - datetime.timedelta(days=dagen_terug),
            dagdeel=dagdeel,
            aantal=n,
        )
    context = host_client.get(tellen_url(walkin)).context
    dagen = context["dagen"]
    assert len(dagen) == 14
    assert dagen[0].datum == vandaag
    assert dagen[0].totaal == 2
    assert dagen[13].per_dagdeel == [0, 5, 0]
    assert context["periode_totaal"] == 7
    assert context["vandaag_totaal"] == 2


def test_page_query_count_does_not_grow_with_days(host_client, walkin, django_assert_num_queries):
    with CaptureQueriesContext(connection) as small:
        host_client.get(tellen_url(walkin))
    vandaag = timezone.localdate()
    InloopTelling.objects.bulk_create(
        InloopTelling(
            groep=walkin, datum=vandaag - datetime.timedelta(days=i), dagdeel=dagdeel, aantal=i
        )
        for i in range(90)
        for dagdeel in (OCHTEND, MIDDAG, AVOND)
    )
    with django_assert_num_queries(len(small)):
        response = host_client.get(tellen_url(walkin))
    assert response.context["periode_totaal"] == 3 * sum(range(14))
