"""Beheer pages: coordinators plan the offer, groups and meetings.

UI text is only asserted on in English (HTTP_ACCEPT_LANGUAGE="en"); otherwise the tests
look at status codes, the database, field error containers and what stays in the form.
"""

import datetime

import pytest
from django.core import mail as django_mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap, Locatie
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
    gekozen,
    plek,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
W = Lidmaatschap.Status.WACHTLIJST


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


def over(dagen):
    return timezone.localdate() + datetime.timedelta(days=dagen)


def fout_bij(response, veld):
    """The message is rendered next to the field (includes/form_fields.html)."""
    return f'id="id_{veld}_error"' in response.content.decode()


def waarde(response, veld, tekst):
    html = response.content.decode()
    return f'name="{veld}"' in html and f'value="{tekst}"' in html


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "beheer_aanbod_bewerken",
        "beheer_groep_nieuw",
        "beheer_groep",
        "beheer_bijeenkomst_nieuw",
        "beheer_bijeenkomst",
    ],
)
def test_unknown_pk_is_404_for_coordinator(c, name):
    assert c.get(reverse(name, kwargs={"pk": 999999})).status_code == 404


def test_facilitator_of_another_group_cannot_be_removed_here(c, world):
    lid = Lidmaatschap.objects.facilitators().get(groep=world.andere_groep)
    url = reverse("beheer_facilitator_verwijderen", kwargs={"pk": world.groep.pk, "lid": lid.pk})
    assert c.post(url).status_code == 404
    deelnemer_lid = Lidmaatschap.objects.get(groep=world.groep, user=world.deelnemer)
    url = reverse(
        "beheer_facilitator_verwijderen", kwargs={"pk": world.groep.pk, "lid": deelnemer_lid.pk}
    )
    assert c.post(url).status_code == 404
    assert Lidmaatschap.objects.facilitators().filter(pk=lid.pk).exists()


# --- Offer ---------------------------------------------------------------------------------


def test_offer_list_shows_active_and_archived_apart(c):
    actief = AanbodFactory(titel="WRAP")
    GroepFactory(aanbod=actief, startdatum=over(10), einddatum=over(60))
    AanbodFactory(titel="Oude cursus", gearchiveerd=True)

    response = c.get(reverse("beheer_aanbod"), **EN)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("WRAP") < html.index("In the archive") < html.index("Oude cursus")
    assert "1 group" in html
    assert f'datetime="{over(10):%Y-%m-%d}"' in html


def _aanbod_data(**kwargs):
    return {
        "titel": "Kennismaken met herstel",
        "soort": Aanbod.Soort.CURSUS,
        "beschrijving": "Zes keer samen praten over herstel.",
        "voor_wie": "Voor iedereen.",
        "meenemen": "",
        "plek": plek("De Kantine"),
        "aantal_bijeenkomsten": "6",
        "duur_minuten": "120",
        "voltooiing_percentage": "75",
        **kwargs,
    }


def test_create_offer(c):
    response = c.post(reverse("beheer_aanbod_nieuw"), _aanbod_data(certificaat="on"))

    aanbod = Aanbod.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("beheer_aanbod_bewerken", kwargs={"pk": aanbod.pk})
    assert (aanbod.titel, aanbod.aantal_bijeenkomsten, aanbod.certificaat) == (
        "Kennismaken met herstel",
        6,
        True,
    )


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"aantal_bijeenkomsten": ""}, "aantal_bijeenkomsten"),  # a course needs a number
        ({"soort": "workshop", "aantal_bijeenkomsten": "3"}, "aantal_bijeenkomsten"),
        ({"soort": "herstelgroep", "certificaat": "on"}, "certificaat"),
        ({"titel": ""}, "titel"),
        ({"beschrijving": "x" * 4001}, "beschrijving"),
    ],
)
def test_bad_offer_keeps_what_was_typed(c, data, veld):
    response = c.post(reverse("beheer_aanbod_nieuw"), _aanbod_data(**data))

    assert response.status_code == 200
    assert fout_bij(response, veld)
    assert not Aanbod.objects.exists()
    beschrijving = data.get("beschrijving", "Zes keer samen praten over herstel.")
    assert beschrijving in response.content.decode()
    assert gekozen(response, "De Kantine")


def test_workshop_gets_one_meeting(c):
    c.post(reverse("beheer_aanbod_nieuw"), _aanbod_data(soort="workshop", aantal_bijeenkomsten=""))
    assert Aanbod.objects.get().aantal_bijeenkomsten == 1


def test_edit_offer_lists_its_groups(c):
    groep = GroepFactory(naam="WRAP najaar")
    url = reverse("beheer_aanbod_bewerken", kwargs={"pk": groep.aanbod_id})

    response = c.get(url)
    assert "WRAP najaar" in response.content.decode()
    assert reverse("beheer_groep", kwargs={"pk": groep.pk}) in response.content.decode()
    assert reverse("beheer_groep_nieuw", kwargs={"pk": groep.aanbod_id}) in (
        response.content.decode()
    )

    response = c.post(url, _aanbod_data(titel="WRAP"))
    assert response.status_code == 302
    groep.aanbod.refresh_from_db()
    assert groep.aanbod.titel == "WRAP"


def test_archive_and_bring_back(c):
    aanbod = AanbodFactory()
    url = reverse("beheer_aanbod_archiveren", kwargs={"pk": aanbod.pk})
    c.post(url)
    aanbod.refresh_from_db()
    assert aanbod.gearchiveerd
    c.post(url)
    aanbod.refresh_from_db()
    assert not aanbod.gearchiveerd


def test_delete_offer_with_groups_archives_with_a_clear_message(c):
    groep = GroepFactory()
    url = reverse("beheer_aanbod_verwijderen", kwargs={"pk": groep.aanbod_id})

    response = c.post(url, follow=True, **EN)

    assert Aanbod.objects.filter(pk=groep.aanbod_id, gearchiveerd=True).exists()
    assert Groep.objects.filter(pk=groep.pk).exists()
    assert "has groups, so it cannot be deleted" in response.content.decode()


def test_delete_offer_without_groups(c):
    aanbod = AanbodFactory()
    response = c.post(reverse("beheer_aanbod_verwijderen", kwargs={"pk": aanbod.pk}))
    assert response.url == reverse("beheer_aanbod")
    assert not Aanbod.objects.exists()


def test_archived_offer_gets_no_new_group(c):
    aanbod = AanbodFactory(gearchiveerd=True)
    response = c.get(reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk}))
    assert response.status_code == 302
    assert not Groep.objects.exists()


# --- New group with schedule -----------------------------------------------------------------


def _groep_data(**kwargs):
    return {
        "naam": "WRAP voorjaar",
        "plek": plek("De Kantine"),
        "capaciteit": "12",
        "eerste_datum": over(7).isoformat(),
        "begintijd": "13:30",
        "aantal": "8",
        "elke_n_weken": "1",
        "duur_minuten": "150",
        **kwargs,
    }


def test_new_group_form_suggests_from_the_offer(c):
    aanbod = AanbodFactory(
        titel="WRAP", plek=Locatie.objects.create(naam="De Kantine"), aantal_bijeenkomsten=8
    )
    response = c.get(reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk}))
    assert waarde(response, "naam", "WRAP")
    assert gekozen(response, "De Kantine")
    assert waarde(response, "aantal", "8")


def test_plan_group_with_schedule(c):
    aanbod = AanbodFactory(aantal_bijeenkomsten=8)

    response = c.post(reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk}), _groep_data())

    groep = Groep.objects.get()
    assert response.url == reverse("beheer_groep", kwargs={"pk": groep.pk})
    assert groep.bijeenkomsten.count() == 8
    assert (groep.startdatum, groep.einddatum, groep.capaciteit) == (over(7), over(56), 12)


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"eerste_datum": over(-3).isoformat()}, "eerste_datum"),
        ({"aantal": "0"}, "aantal"),
        ({"aantal": ""}, "aantal"),
        ({"begintijd": "23:00"}, "duur_minuten"),  # would end after midnight
        ({"begintijd": "half twee"}, "begintijd"),
        ({"capaciteit": "0"}, "capaciteit"),
    ],
)
def test_bad_schedule_keeps_what_was_typed(c, data, veld):
    aanbod = AanbodFactory()

    response = c.post(reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk}), _groep_data(**data))

    assert response.status_code == 200
    assert fout_bij(response, veld)
    assert not Groep.objects.exists()
    assert waarde(response, "naam", "WRAP voorjaar")
    assert gekozen(response, "De Kantine")


def test_past_first_date_message_in_english(c):
    aanbod = AanbodFactory()
    response = c.post(
        reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk}),
        _groep_data(eerste_datum=over(-3).isoformat()),
        **EN,
    )
    assert "This date has already passed" in response.content.decode()
    assert f'value="{over(-3).isoformat()}"' in response.content.decode()


# --- Group page ----------------------------------------------------------------------------


def _details(groep, **kwargs):
    return {
        "naam": groep.naam,
        "plek": "",
        "capaciteit": "" if groep.capaciteit is None else str(groep.capaciteit),
        "einddatum": groep.einddatum.isoformat() if groep.einddatum else "",
        **kwargs,
    }


def test_raising_capacity_moves_the_waiting_list_up(c):
    groep = GroepFactory(capaciteit=2)
    LidmaatschapFactory.create_batch(2, groep=groep)
    wachtend = LidmaatschapFactory(groep=groep, status=W)

    response = c.post(
        reverse("beheer_groep", kwargs={"pk": groep.pk}), _details(groep, capaciteit="3")
    )

    assert response.status_code == 302
    wachtend.refresh_from_db()
    assert wachtend.status == Lidmaatschap.Status.ACTIEF
    assert [m.to for m in django_mail.outbox] == [[wachtend.user.email]]


def test_capacity_below_participants_is_refused_and_typed_values_kept(c):
    groep = GroepFactory(capaciteit=5, naam="Oud")
    LidmaatschapFactory.create_batch(3, groep=groep)

    response = c.post(
        reverse("beheer_groep", kwargs={"pk": groep.pk}),
        _details(groep, capaciteit="2", naam="Nieuwe naam"),
        **EN,
    )

    assert response.status_code == 200
    assert fout_bij(response, "capaciteit")
    assert "More people already take part" in response.content.decode()
    assert waarde(response, "naam", "Nieuwe naam")
    assert waarde(response, "capaciteit", "2")
    groep.refresh_from_db()
    assert (groep.capaciteit, groep.naam) == (5, "Oud")
    # The heading still shows the saved name.
    assert "<h1>Oud</h1>" in response.content.decode()


def test_end_date_before_start_is_a_clear_error(c):
    groep = GroepFactory()
    te_vroeg = (groep.startdatum - datetime.timedelta(days=1)).isoformat()

    response = c.post(
        reverse("beheer_groep", kwargs={"pk": groep.pk}), _details(groep, einddatum=te_vroeg), **EN
    )

    assert response.status_code == 200
    assert fout_bij(response, "einddatum")
    assert "The end date is before the start date" in response.content.decode()
    assert f'value="{te_vroeg}"' in response.content.decode()


def test_group_page_shows_counts_not_names(c):
    groep = GroepFactory(capaciteit=10)
    for lid in LidmaatschapFactory.create_batch(3, groep=groep, user__roepnaam="Geheim"):
        assert lid.user.roepnaam == "Geheim"
    LidmaatschapFactory.create_batch(6, groep=groep, status=W)
    LidmaatschapFactory(
        groep=groep, rol=Lidmaatschap.Rol.FACILITATOR, vrijwilliger=True, user__roepnaam="Ruben"
    )

    html = c.get(reverse("beheer_groep", kwargs={"pk": groep.pk}), **EN).content.decode()

    assert "Geheim" not in html
    assert "fewer than 5" in html  # 3 participants
    assert "<dd>6</dd>" in html  # 6 on the waiting list
    assert "Ruben" in html
    assert "Volunteer (co-facilitator)" in html


def test_group_page_marks_moved_and_cancelled_meetings(c):
    groep = GroepFactory()
    morgen = timezone.now() + datetime.timedelta(days=1)
    BijeenkomstFactory(groep=groep, geannuleerd=True)
    BijeenkomstFactory(groep=groep, begint_om=morgen, oorspronkelijk_begint_om=morgen)
    geweest = BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(1))

    html = c.get(reverse("beheer_groep", kwargs={"pk": groep.pk}), **EN).content.decode()

    assert "Cancelled" in html
    assert "Moved" in html
    # Only meetings still to come can be moved or cancelled.
    assert html.count("Move or cancel") == 1
    assert reverse("beheer_bijeenkomst", kwargs={"pk": geweest.pk}) not in html


def test_group_page_query_count_does_not_grow(c, django_assert_num_queries):
    def vul(groep, n):
        for _ in range(n):
            LidmaatschapFactory(groep=groep)
            LidmaatschapFactory(groep=groep, status=W)
            LidmaatschapFactory(groep=groep, rol=Lidmaatschap.Rol.FACILITATOR)
            BijeenkomstFactory(groep=groep)

    klein, groot = GroepFactory(), GroepFactory()
    vul(klein, 1)
    vul(groot, 12)
    c.get(reverse("beheer_groep", kwargs={"pk": klein.pk}))  # warm up session and caches
    with CaptureQueriesContext(connection) as klein_queries:
        assert c.get(reverse("beheer_groep", kwargs={"pk": klein.pk})).status_code == 200
    with django_assert_num_queries(len(klein_queries)):
        assert c.get(reverse("beheer_groep", kwargs={"pk": groot.pk})).status_code == 200


def test_offer_pages_query_count_does_not_grow(c, django_assert_num_queries):
    def vul(n):
        for _ in range(n):
            groep = GroepFactory(startdatum=over(3), einddatum=over(30))
            LidmaatschapFactory(groep=groep)
            BijeenkomstFactory(groep=groep)
            GroepFactory(aanbod=groep.aanbod)
            AanbodFactory(gearchiveerd=True)

    eerste = GroepFactory().aanbod
    vul(1)
    lijst = reverse("beheer_aanbod")
    bewerken = reverse("beheer_aanbod_bewerken", kwargs={"pk": eerste.pk})
    c.get(lijst)
    with CaptureQueriesContext(connection) as lijst_klein:
        c.get(lijst)
    with CaptureQueriesContext(connection) as bewerken_klein:
        c.get(bewerken)
    vul(10)
    GroepFactory.create_batch(10, aanbod=eerste)
    with django_assert_num_queries(len(lijst_klein)):
        c.get(lijst)
    with django_assert_num_queries(len(bewerken_klein)):
        c.get(bewerken)


# --- Facilitators --------------------------------------------------------------------------


def test_add_and_remove_facilitator(c):
    groep = GroepFactory()
    ruben = UserFactory(email="ruben@example.org", roepnaam="Ruben")
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk})

    response = c.post(url, {"email": "Ruben@example.org", "vrijwilliger": "on"})

    assert response.status_code == 302
    lid = Lidmaatschap.objects.facilitators().get(groep=groep)
    assert (lid.user, lid.vrijwilliger) == (ruben, True)

    c.post(reverse("beheer_facilitator_verwijderen", kwargs={"pk": groep.pk, "lid": lid.pk}))
    assert not Lidmaatschap.objects.facilitators().filter(groep=groep).exists()


def test_unknown_email_is_shown_next_to_the_field_and_kept(c):
    groep = GroepFactory()
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk})

    response = c.post(url, {"email": "niemand@example.org", "vrijwilliger": "on"}, **EN)

    assert response.status_code == 200
    assert fout_bij(response, "email")
    assert "know anyone with this email address" in response.content.decode()
    assert waarde(response, "email", "niemand@example.org")
    assert 'name="vrijwilliger" id="id_vrijwilliger" checked' in response.content.decode()
    assert not Lidmaatschap.objects.filter(groep=groep).exists()


def test_participant_cannot_become_facilitator_of_the_same_group(c, world):
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": world.groep.pk})

    response = c.post(url, {"email": world.deelnemer.email})

    assert fout_bij(response, "email")
    lid = Lidmaatschap.objects.get(groep=world.groep, user=world.deelnemer)
    assert lid.rol == Lidmaatschap.Rol.DEELNEMER


# --- Meetings ------------------------------------------------------------------------------


def test_add_one_meeting(c):
    groep = GroepFactory()
    url = reverse("beheer_bijeenkomst_nieuw", kwargs={"pk": groep.pk})

    response = c.post(
        url, {"datum": over(3).isoformat(), "begintijd": "10:00", "eindtijd": "12:00"}
    )

    assert response.status_code == 302
    bijeenkomst = groep.bijeenkomsten.get()
    assert timezone.localtime(bijeenkomst.begint_om).time() == datetime.time(10)
    assert bijeenkomst.plek is None


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"eindtijd": "09:00"}, "eindtijd"),
        ({"datum": over(-1).isoformat()}, "datum"),
        ({"datum": ""}, "datum"),
    ],
)
def test_add_meeting_bad_input_keeps_what_was_typed(c, data, veld):
    groep = GroepFactory()
    velden = {
        "datum": over(3).isoformat(),
        "begintijd": "10:00",
        "eindtijd": "12:00",
        "plek": plek("Zaal 2"),
        **data,
    }

    response = c.post(reverse("beheer_bijeenkomst_nieuw", kwargs={"pk": groep.pk}), velden)

    assert response.status_code == 200
    assert fout_bij(response, veld)
    assert gekozen(response, "Zaal 2")
    assert waarde(response, "begintijd", "10:00")
    assert not Bijeenkomst.objects.exists()


@pytest.fixture
def komend(world):
    return world.bijeenkomst


def test_move_meeting_emails_the_group(c, world, komend):
    url = reverse("beheer_bijeenkomst", kwargs={"pk": komend.pk})
    assert waarde(c.get(url), "begintijd", timezone.localtime(komend.begint_om).strftime("%H:%M"))

    response = c.post(
        url,
        {
            "actie": "verplaatsen",
            "datum": over(5).isoformat(),
            "begintijd": "19:00",
            "eindtijd": "21:00",
            "plek": plek("Zaal 2"),
        },
    )

    assert response.url == reverse("beheer_groep", kwargs={"pk": world.groep.pk})
    komend.refresh_from_db()
    assert komend.volgnummer == 1
    assert komend.plek.naam == "Zaal 2"
    assert sorted(m.to[0] for m in django_mail.outbox) == sorted(
        [world.deelnemer.email, world.facilitator.email]
    )


def test_move_into_the_past_is_refused_and_typed_values_kept(c, komend):
    url = reverse("beheer_bijeenkomst", kwargs={"pk": komend.pk})

    response = c.post(
        url,
        {
            "actie": "verplaatsen",
            "datum": over(-2).isoformat(),
            "begintijd": "19:00",
            "eindtijd": "21:00",
            "plek": plek("Zaal 2"),
        },
    )

    assert response.status_code == 200
    assert fout_bij(response, "datum")
    assert waarde(response, "datum", over(-2).isoformat())
    assert gekozen(response, "Zaal 2")
    komend.refresh_from_db()
    assert komend.volgnummer == 0
    assert django_mail.outbox == []


def test_cancel_asks_to_confirm_first(c, world, komend):
    url = reverse("beheer_bijeenkomst", kwargs={"pk": komend.pk})

    response = c.post(url, {"actie": "afgelasten"}, **EN)

    assert response.status_code == 200
    assert 'name="bevestigd" value="ja"' in response.content.decode()
    komend.refresh_from_db()
    assert not komend.geannuleerd
    assert django_mail.outbox == []

    response = c.post(url, {"actie": "afgelasten", "bevestigd": "ja"})

    assert response.url == reverse("beheer_groep", kwargs={"pk": world.groep.pk})
    komend.refresh_from_db()
    assert komend.geannuleerd
    assert komend.volgnummer == 1
    assert len(django_mail.outbox) == 2


def test_past_meeting_cannot_be_moved(c, world):
    url = reverse("beheer_bijeenkomst", kwargs={"pk": world.geweest.pk})
    html = c.get(url, **EN).content.decode()
    assert "has already taken place" in html
    assert 'name="begintijd"' not in html

    response = c.post(
        url,
        {
            "actie": "verplaatsen",
            "datum": over(5).isoformat(),
            "begintijd": "19:00",
            "eindtijd": "21:00",
        },
    )

    assert response.status_code == 200
    world.geweest.refresh_from_db()
    assert world.geweest.volgnummer == 0
    assert django_mail.outbox == []
