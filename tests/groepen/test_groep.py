"""The group page and the certificate."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Lidmaatschap

from ..factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)
from .test_aanwezigheid import AanwezigheidFactory, deelnemers, reeks

AANWEZIG = Aanwezigheid.Status.AANWEZIG
AFGEMELD = Aanwezigheid.Status.AFGEMELD
AFWEZIG = Aanwezigheid.Status.AFWEZIG


def groep_url(groep):
    return reverse("groep_detail", kwargs={"pk": groep.pk})


def certificaat_url(groep):
    return reverse("certificaat", kwargs={"pk": groep.pk})


def get_en(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


# --- Who sees the page -------------------------------------------------------------------


@pytest.mark.django_db
def test_members_of_another_group_get_404(client, world):
    for user in (world.deelnemer, world.facilitator, world.outsider):
        client.force_login(user)
        assert client.get(groep_url(world.andere_groep)).status_code == 404
        assert client.get(certificaat_url(world.andere_groep)).status_code == 404


@pytest.mark.django_db
def test_people_who_left_or_wait_do_not_see_the_group(client, groep):
    for status in (Lidmaatschap.Status.WACHTLIJST, Lidmaatschap.Status.UITGESCHREVEN):
        user = LidmaatschapFactory(groep=groep, status=status).user
        client.force_login(user)
        assert client.get(groep_url(groep)).status_code == 404


@pytest.mark.django_db
def test_unknown_group_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("groep_detail", kwargs={"pk": 987654})).status_code == 404


# --- What each role sees ---------------------------------------------------------------------


@pytest.fixture
def levende_groep(groep, deelnemer, facilitator):
    """Four past meetings (one cancelled, one moved), two to come; three participants."""
    anderen = deelnemers(groep, 2)
    verleden = reeks(groep, 4, geannuleerd={1})
    verleden[2].oorspronkelijk_begint_om = verleden[2].begint_om - datetime.timedelta(days=1)
    verleden[2].save()
    komend = BijeenkomstFactory.create_batch(2, groep=groep)
    for b in (verleden[0], verleden[2], verleden[3]):
        AanwezigheidFactory(bijeenkomst=b, user=deelnemer)
    AanwezigheidFactory(bijeenkomst=verleden[3], user=anderen[0], status=AFGEMELD)
    AanwezigheidFactory(bijeenkomst=verleden[3], user=anderen[1], status=AFWEZIG)
    return verleden, komend, anderen


@pytest.mark.django_db
def test_facilitator_sees_tallies_links_and_attendance_per_person(
    client, facilitator, deelnemer, groep, levende_groep
):
    verleden, komend, anderen = levende_groep
    client.force_login(facilitator)
    response = get_en(client, groep_url(groep))
    assert response.status_code == 200
    html = response.content.decode()

    # Past, not cancelled meetings link to their register; cancelled and future ones don't.
    for b in (verleden[0], verleden[2], verleden[3]):
        assert reverse("aanwezigheid", kwargs={"pk": b.pk}) in html
    for b in (verleden[1], *komend):
        assert reverse("aanwezigheid", kwargs={"pk": b.pk}) not in html
    assert "1 present · 1 let us know · 1 absent" in html
    assert "Attendance not filled in yet." not in html  # every past meeting has a record
    assert "Cancelled" in html
    assert "Moved" in html

    per_user = {lid.user_id: lid.voortgang for lid in response.context["deelnemers"]}
    assert (per_user[deelnemer.pk].aanwezig, per_user[deelnemer.pk].gehouden) == (3, 3)
    assert per_user[deelnemer.pk].totaal == 5  # 6 planned, 1 cancelled
    assert per_user[anderen[0].pk].aanwezig == 0
    assert "Present at 3 of 3 meetings so far" in html
    assert "Not completed yet" in html
    assert deelnemer.email not in html


@pytest.mark.django_db
def test_participant_sees_names_and_own_attendance_but_no_register(
    client, deelnemer, groep, levende_groep
):
    anderen = levende_groep[2]
    client.force_login(deelnemer)
    response = get_en(client, groep_url(groep))
    assert response.status_code == 200
    html = response.content.decode()
    for user in (deelnemer, *anderen):
        assert user.roepnaam in html
        assert user.email not in html
    assert "/aanwezigheid/" not in html
    assert "let us know ·" not in html  # no tallies
    voortgang = response.context["voortgang"]
    assert (voortgang.aanwezig, voortgang.gehouden, voortgang.totaal) == (3, 3, 5)
    assert "You were there at 3 of the 3 meetings so far." in html
    assert "You complete this course when you have been at 4 of the 5 meetings." in html
    assert reverse("certificaat", kwargs={"pk": groep.pk}) not in html


@pytest.mark.django_db
def test_coordinator_sees_counts_not_names(client, coordinator, deelnemer, groep, levende_groep):
    anderen = levende_groep[2]
    LidmaatschapFactory(groep=groep, status=Lidmaatschap.Status.WACHTLIJST)
    client.force_login(coordinator)
    response = get_en(client, groep_url(groep))
    assert response.status_code == 200
    html = response.content.decode()
    for user in (deelnemer, *anderen):
        assert user.roepnaam not in html
    assert "deelnemers" not in response.context
    assert response.context["aantallen"] == {"deelnemers": 3, "wachtlijst": 1}
    assert html.count("fewer than 5") == 2
    assert "/aanwezigheid/" not in html
    assert "Ruben" in html  # the facilitators are named


@pytest.mark.django_db
def test_coordinator_sees_counts_of_five_and_more(client, coordinator, groep):
    deelnemers(groep, 6)
    client.force_login(coordinator)
    html = get_en(client, groep_url(groep)).content.decode()
    assert "fewer than 5" not in html
    assert "<dd>6</dd>" in html
    assert "<dd>0</dd>" in html  # an empty waiting list points at nobody


@pytest.mark.django_db
def test_page_shows_the_offer_and_the_facilitators(client, deelnemer, facilitator, groep):
    BijeenkomstFactory(groep=groep, locatie="Zaal 3")
    client.force_login(deelnemer)
    html = get_en(client, groep_url(groep)).content.decode()
    assert groep.aanbod.titel in html
    assert "Course" in html
    assert facilitator.roepnaam in html
    assert "Zaal 3" in html
    assert groep.locatie in html


@pytest.mark.django_db
def test_empty_group_invites(client, facilitator, groep):
    client.force_login(facilitator)
    response = get_en(client, groep_url(groep))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


# --- Query budget ----------------------------------------------------------------------------


def bouw(groep, n_deelnemers, n_bijeenkomsten):
    mensen = deelnemers(groep, n_deelnemers)
    bijeenkomsten = reeks(groep, n_bijeenkomsten, geannuleerd={1})
    BijeenkomstFactory.create_batch(2, groep=groep)
    Aanwezigheid.objects.bulk_create(
        Aanwezigheid(
            bijeenkomst=b,
            user=u,
            status=[AANWEZIG, AANWEZIG, AFGEMELD, AFWEZIG][(i + j) % 4],
        )
        for i, b in enumerate(bijeenkomsten)
        if not b.geannuleerd
        for j, u in enumerate(mensen)
    )


@pytest.mark.django_db
def test_group_page_query_budget_does_not_grow(client, facilitator, django_assert_num_queries):
    klein, groot = GroepFactory(), GroepFactory()
    for g in (klein, groot):
        LidmaatschapFactory(groep=g, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    bouw(klein, 20, 8)
    bouw(groot, 40, 16)
    client.force_login(facilitator)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(groep_url(klein))
    assert response.status_code == 200
    assert len(response.context["deelnemers"]) == 20
    n = len(ctx.captured_queries)
    # Facilitators, participants and progress in one query (groepen/aanwezigheid._leden).
    assert n <= 10, "\n".join(q["sql"] for q in ctx.captured_queries)

    with django_assert_num_queries(n):
        response = client.get(groep_url(groot))
    assert len(response.context["deelnemers"]) == 40


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "budget"), [("deelnemer", 8), ("coordinator", 11)])
def test_group_page_query_budget_for_other_roles(client_for, groep, role, budget):
    bouw(groep, 20, 8)
    client = client_for(role)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(groep_url(groep)).status_code == 200
    assert len(ctx.captured_queries) <= budget
    bouw(groep, 20, 8)
    with CaptureQueriesContext(connection) as ctx2:
        assert client.get(groep_url(groep)).status_code == 200
    assert len(ctx2.captured_queries) == len(ctx.captured_queries)


# --- Certificate -----------------------------------------------------------------------------


@pytest.fixture
def cursus_met_certificaat():
    aanbod = AanbodFactory(titel="WRAP", certificaat=True, soort=Aanbod.Soort.CURSUS)
    groep = GroepFactory(
        aanbod=aanbod,
        startdatum=timezone.localdate() - datetime.timedelta(weeks=9),
        einddatum=timezone.localdate() - datetime.timedelta(days=1),
    )
    return groep, reeks(groep, 8)


def aanwezig_bij(user, bijeenkomsten):
    for b in bijeenkomsten:
        AanwezigheidFactory(bijeenkomst=b, user=user)


@pytest.mark.django_db
def test_certificate_for_a_participant_who_completed(client, cursus_met_certificaat):
    groep, bijeenkomsten = cursus_met_certificaat
    user = LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="Fatima")).user
    aanwezig_bij(user, bijeenkomsten[:6])
    client.force_login(user)

    page = get_en(client, groep_url(groep)).content.decode()
    assert certificaat_url(groep) in page

    response = get_en(client, certificaat_url(groep))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fatima" in html
    assert "WRAP" in html
    assert "6 of the 8 meetings" in html
    assert reverse("mijn_gegevens") in html  # where to change the name before printing
    assert bijeenkomsten[0].begint_om.strftime("%Y") in html
    assert "<script" not in html
    assert user.email not in html


@pytest.mark.django_db
def test_certificate_names_the_academy_from_its_settings(client, cursus_met_certificaat):
    from deelnemers.models import Academie

    Academie.objects.update(naam="Herstelacademie Oost")
    from deelnemers.academie import vergeet_academie

    vergeet_academie()
    groep, bijeenkomsten = cursus_met_certificaat
    user = LidmaatschapFactory(groep=groep, user=UserFactory()).user
    aanwezig_bij(user, bijeenkomsten)
    client.force_login(user)
    html = get_en(client, certificaat_url(groep)).content.decode()
    assert '<p class="certificaat-academie">Herstelacademie Oost</p>' in html


@pytest.mark.django_db
def test_no_certificate_before_completing(client, cursus_met_certificaat):
    groep, bijeenkomsten = cursus_met_certificaat
    user = LidmaatschapFactory(groep=groep).user
    aanwezig_bij(user, bijeenkomsten[:5])
    client.force_login(user)
    assert certificaat_url(groep) not in get_en(client, groep_url(groep)).content.decode()
    response = get_en(client, certificaat_url(groep))
    assert response.status_code == 403
    assert "groepen/groep/certificaat_niet.html" in [t.name for t in response.templates]
    assert "6 of the 8 meetings" in response.content.decode()


@pytest.mark.django_db
def test_no_certificate_when_the_course_has_none(client):
    groep = GroepFactory(aanbod=AanbodFactory(certificaat=False))
    user = LidmaatschapFactory(groep=groep).user
    aanwezig_bij(user, reeks(groep, 4))
    client.force_login(user)
    response = get_en(client, groep_url(groep))
    assert "You have completed this course." in response.content.decode()
    assert certificaat_url(groep) not in response.content.decode()
    response = get_en(client, certificaat_url(groep))
    assert response.status_code == 403
    assert "does not come with a certificate" in response.content.decode()


@pytest.mark.django_db
def test_no_certificate_for_facilitators_and_coordinators(
    client, cursus_met_certificaat, coordinator
):
    groep, _ = cursus_met_certificaat
    facilitator = LidmaatschapFactory(
        groep=groep, user=UserFactory(mfa=True), rol=Lidmaatschap.Rol.FACILITATOR
    ).user
    for user in (facilitator, coordinator):
        client.force_login(user)
        assert client.get(certificaat_url(groep)).status_code == 403


@pytest.mark.django_db
def test_no_certificate_for_a_herstelgroep(client):
    groep = GroepFactory(aanbod=AanbodFactory(soort=Aanbod.Soort.HERSTELGROEP, certificaat=True))
    user = LidmaatschapFactory(groep=groep).user
    aanwezig_bij(user, reeks(groep, 4))
    client.force_login(user)
    assert client.get(certificaat_url(groep)).status_code == 403


@pytest.mark.django_db
def test_certificate_of_someone_who_left_is_404(client, cursus_met_certificaat):
    groep, bijeenkomsten = cursus_met_certificaat
    lid = LidmaatschapFactory(groep=groep)
    aanwezig_bij(lid.user, bijeenkomsten)
    lid.status = Lidmaatschap.Status.UITGESCHREVEN
    lid.save()
    client.force_login(lid.user)
    assert client.get(certificaat_url(groep)).status_code == 404


@pytest.mark.django_db
def test_a_finished_course_speaks_in_the_past(client, cursus_met_certificaat):
    groep, bijeenkomsten = cursus_met_certificaat
    user = LidmaatschapFactory(groep=groep).user
    aanwezig_bij(user, bijeenkomsten[:2])
    client.force_login(user)
    html = get_en(client, groep_url(groep)).content.decode()
    assert "You were there at 2 of the 8 meetings." in html
    assert "so far" not in html
    assert "You complete this course when" not in html  # no pressure after the end
    assert 'id="kop-komend"' not in html


@pytest.mark.django_db
def test_the_walk_in_page_has_no_register_and_no_names(client, world):
    BijeenkomstFactory(groep=world.inloop, begint_om=timezone.now() - datetime.timedelta(days=1))
    client.force_login(world.facilitator)
    response = client.get(groep_url(world.inloop))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/aanwezigheid/" not in html
    assert 'id="kop-deelnemers"' not in html


@pytest.mark.django_db
def test_a_participant_sees_which_meetings_they_let_us_know_about(client, groep, deelnemer):
    komend = [
        BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(days=d))
        for d in (2, 9)
    ]
    AanwezigheidFactory(bijeenkomst=komend[1], user=deelnemer, status=AFGEMELD)
    # Someone else's "let us know" is not theirs.
    AanwezigheidFactory(bijeenkomst=komend[0], status=AFGEMELD)
    client.force_login(deelnemer)
    html = get_en(client, groep_url(groep)).content.decode()
    assert html.count('name="ongedaan"') == 1
    kaart = html[html.index(f'id="bijeenkomst-{komend[1].pk}"') :]
    assert kaart.index('name="ongedaan"') < kaart.index("</li>")
    assert html.count("I can&#x27;t come") == 0  # the template's {% translate %}: not escaped
    assert html.count("I can't come</button>") == 1


@pytest.mark.django_db
def test_meetings_with_their_own_place_take_no_query_each(client, groep, deelnemer):
    from ..factories import LocatieFactory

    def meetings(n):
        for i in range(n):
            BijeenkomstFactory(
                groep=groep,
                begint_om=timezone.now() + datetime.timedelta(days=i + 1),
                plek=LocatieFactory(naam=f"Zaal <{i}>"),
            )

    client.force_login(deelnemer)
    meetings(1)
    with CaptureQueriesContext(connection) as een:
        html = client.get(groep_url(groep)).content.decode()
    assert "Zaal &lt;0&gt;</a>" in html
    meetings(4)
    with CaptureQueriesContext(connection) as vijf:
        html = client.get(groep_url(groep)).content.decode()
    assert html.count('class="card"') >= 5
    assert len(vijf.captured_queries) == len(een.captured_queries)
