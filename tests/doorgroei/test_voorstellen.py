"""The proposer's side of "bring an activity": who may propose, an empty or too long
proposal, seeing where it stands, changing it while submitted, withdrawing, the crisis
help, the home block and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorgroei import home, voorstellen
from doorgroei.models import Activiteitvoorstel
from groepen import rollen
from groepen.models import Lidmaatschap, Vrijwilligersrol
from groepen.roles import rollen_van
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

Status = Activiteitvoorstel.Status


@pytest.fixture(autouse=True)
def engels(settings):
    """Pages and mails in English, so the tests read the source strings."""
    settings.LANGUAGE_CODE = "en"


NIEUW = reverse("doorgroei_voorstel_nieuw")


def _voorstel(user, **velden):
    return voorstellen.dien_in(
        user, **{"titel": "Samen schilderen", "beschrijving": "Met verf.", **velden}
    )


# --- Who may propose -----------------------------------------------------------------


def test_a_participant_who_took_part_may_propose_also_after_leaving(deelnemer):
    assert voorstellen.mag_voorstellen(deelnemer)
    deelnemer.lidmaatschappen.update(status=Lidmaatschap.Status.UITGESCHREVEN)
    assert voorstellen.mag_voorstellen(deelnemer)


def test_someone_only_on_a_waiting_list_or_without_any_group_may_not(groep, outsider):
    assert not voorstellen.mag_voorstellen(outsider)
    LidmaatschapFactory(groep=groep, user=outsider, status=Lidmaatschap.Status.WACHTLIJST)
    assert not voorstellen.mag_voorstellen(outsider)


def test_a_volunteer_with_a_role_may_propose_from_the_day_it_starts(outsider):
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    rollen.start_rol(outsider, Vrijwilligersrol.Soort.BUDDY, begint_op=morgen)
    assert not voorstellen.mag_voorstellen(outsider)
    rollen.start_rol(outsider, Vrijwilligersrol.Soort.GASTHEER)
    assert voorstellen.mag_voorstellen(outsider)


def test_a_facilitator_who_never_took_part_gets_403(client, facilitator):
    client.force_login(facilitator)
    assert client.get(NIEUW).status_code == 403
    assert client.post(NIEUW, {"titel": "x", "beschrijving": "y"}).status_code == 403
    assert not Activiteitvoorstel.objects.exists()


# --- Proposing -------------------------------------------------------------------------


def test_proposing_saves_it_and_shows_where_it_stands(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(
        NIEUW,
        {
            "titel": "  Samen schilderen ",
            "beschrijving": "Een middag met verf en koffie.",
            "voor_wie": "Iedereen die wil kliederen.",
            "hoe_vaak": "Eén keer, op zaterdag.",
            "nodig": "Een ruimte met tafels.",
            "soort": "creatief",
            "mail": "on",
        },
    )
    voorstel = Activiteitvoorstel.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("doorgroei_voorstel", kwargs={"pk": voorstel.pk})
    assert voorstel.indiener == deelnemer
    assert voorstel.titel == "Samen schilderen"
    assert voorstel.status == Status.INGEDIEND
    assert voorstel.soort == "creatief"
    assert voorstel.mail
    pagina = client.get(response.url).content.decode()
    assert "Samen schilderen" in pagina
    assert "Sent. The coordinator will read it" in pagina


def test_an_empty_proposal_says_what_to_fill_in_and_keeps_what_was_typed(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(
        NIEUW, {"titel": "   ", "beschrijving": "", "voor_wie": "Voor nachtbrakers", "soort": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give your activity a name" in html
    assert "Tell in a few words what you would like to do." in html
    assert "Voor nachtbrakers" in html
    assert not Activiteitvoorstel.objects.exists()


@pytest.mark.parametrize(
    ("veld", "lengte", "bericht"),
    [("titel", 121, "Keep the name under 120"), ("beschrijving", 2001, "more than 2000")],
)
def test_too_long_text_gets_a_message_next_to_the_field(client, deelnemer, veld, lengte, bericht):
    client.force_login(deelnemer)
    data = {"titel": "Schilderen", "beschrijving": "Met verf.", veld: "a" * lengte}
    response = client.post(NIEUW, data)
    assert response.status_code == 400
    assert bericht in response.content.decode()
    assert not Activiteitvoorstel.objects.exists()


def test_an_unknown_kind_is_refused_with_a_message(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(NIEUW, {"titel": "x", "beschrijving": "y", "soort": "inloop"})
    assert response.status_code == 400
    assert "Choose one of the kinds in the list." in response.content.decode()


def test_words_of_crisis_are_saved_and_the_writer_sees_help(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(
        NIEUW, {"titel": "Praten", "beschrijving": "Soms wil ik er niet meer zijn."}, follow=True
    )
    assert Activiteitvoorstel.objects.filter(beschrijving__contains="niet meer zijn").exists()
    assert "113" in response.content.decode()


# --- Changing and withdrawing ------------------------------------------------------------


def test_the_proposer_changes_it_while_submitted(client, deelnemer):
    voorstel = _voorstel(deelnemer)
    client.force_login(deelnemer)
    url = reverse("doorgroei_voorstel", kwargs={"pk": voorstel.pk})
    data = {"titel": "Samen tekenen", "beschrijving": "Met potlood.", "versie": voorstel.versie}
    assert client.post(url, data).status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.titel == "Samen tekenen"
    assert voorstel.versie == 2
    assert voorstel.mail is False  # the box was not ticked this time


def test_once_picked_up_a_change_is_refused_and_the_text_stays(client, deelnemer, coordinator):
    voorstel = _voorstel(deelnemer)
    assert voorstellen.in_gesprek(voorstel, voorstel.versie, coordinator, "Dinsdag praten?")
    client.force_login(deelnemer)
    url = reverse("doorgroei_voorstel", kwargs={"pk": voorstel.pk})
    response = client.post(url, {"titel": "Nieuw", "beschrijving": "MIJN-NIEUWE-TEKST"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "already picked up your proposal" in html
    assert "MIJN-NIEUWE-TEKST" in html
    voorstel.refresh_from_db()
    assert voorstel.titel == "Samen schilderen"
    assert "Dinsdag praten?" in html  # the coordinator's note, for the proposer


def test_a_change_from_an_old_window_is_refused(client, deelnemer):
    voorstel = _voorstel(deelnemer)
    voorstellen.wijzig(voorstel, voorstel.versie, titel="Andere titel")
    client.force_login(deelnemer)
    url = reverse("doorgroei_voorstel", kwargs={"pk": voorstel.pk})
    response = client.post(url, {"titel": "Oud", "beschrijving": "Oud", "versie": 1})
    assert response.status_code == 409
    assert "changed in another window" in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.titel == "Andere titel"


def test_withdrawing_while_open_and_not_after_a_decision(client, deelnemer, coordinator):
    client.force_login(deelnemer)
    open_voorstel = _voorstel(deelnemer)
    client.post(reverse("doorgroei_voorstel_intrekken", kwargs={"pk": open_voorstel.pk}))
    open_voorstel.refresh_from_db()
    assert open_voorstel.status == Status.INGETROKKEN

    beslist = _voorstel(deelnemer)
    voorstellen.niet_nu(beslist, beslist.versie, coordinator, "Nu even niet.")
    client.post(reverse("doorgroei_voorstel_intrekken", kwargs={"pk": beslist.pk}))
    beslist.refresh_from_db()
    assert beslist.status == Status.NIET_NU


def test_someone_elses_proposal_is_a_404(client, deelnemer, groep):
    ander = UserFactory()
    LidmaatschapFactory(groep=groep, user=ander)
    voorstel = _voorstel(ander)
    client.force_login(deelnemer)
    for naam in ("doorgroei_voorstel", "doorgroei_voorstel_intrekken"):
        url = reverse(naam, kwargs={"pk": voorstel.pk})
        assert client.post(url, {"titel": "x", "beschrijving": "y"}).status_code == 404
    voorstel.refresh_from_db()
    assert voorstel.status == Status.INGEDIEND
    assert voorstel.titel == "Samen schilderen"


# --- Lists and the home ----------------------------------------------------------------


def test_my_proposals_list_a_fixed_number_of_queries(client, deelnemer, django_assert_num_queries):
    client.force_login(deelnemer)
    _voorstel(deelnemer)
    with CaptureQueriesContext(connection) as een:
        assert client.get(reverse("doorgroei_mijn_voorstellen")).status_code == 200
    for i in range(3):
        _voorstel(deelnemer, titel=f"Idee {i}")
    with django_assert_num_queries(len(een)):
        response = client.get(reverse("doorgroei_mijn_voorstellen"))
    assert response.content.decode().count('class="card"') == 4


def test_home_invites_a_participant_and_shows_their_proposals(client, deelnemer, coordinator):
    client.force_login(deelnemer)
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert NIEUW in html
    assert "Bring something yourself" in html
    voorstel = _voorstel(deelnemer)
    voorstellen.in_gesprek(voorstel, voorstel.versie, coordinator, "Praten?")
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert "Samen schilderen" in html
    assert "would like to talk it over" in html


def test_home_shows_nothing_to_someone_who_may_not_propose(client, outsider):
    client.force_login(outsider)
    assert NIEUW not in client.get(reverse("mijn_overzicht")).content.decode()


def _home_blok(user):
    """The proposals block as the participant's home asks for it (doorgroei/home.py)."""
    return home.voor_deelnemer(user, [], rollen_van(user)).voorstellen


def test_home_block_is_one_query_with_the_latest_proposals(deelnemer, django_assert_num_queries):
    rollen_van(deelnemer)  # the menu's roles: known before the home asks
    with django_assert_num_queries(1):
        assert _home_blok(deelnemer) == {"voorstellen": []}
    for i in range(5):
        _voorstel(deelnemer, titel=f"Idee {i}")
    voorstellen.trek_in(Activiteitvoorstel.objects.get(titel="Idee 4"))
    with django_assert_num_queries(1):
        blok = _home_blok(deelnemer)
    assert [(v.titel, v.status) for v in blok["voorstellen"]] == [
        ("Idee 3", Status.INGEDIEND),
        ("Idee 2", Status.INGEDIEND),
        ("Idee 1", Status.INGEDIEND),
    ]


def test_home_block_for_someone_who_took_part_before_or_never(deelnemer, outsider):
    Lidmaatschap.objects.filter(user=deelnemer).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    assert not rollen_van(deelnemer).deelnemer  # so the one query asks
    assert _home_blok(deelnemer) == {"voorstellen": []}
    assert _home_blok(outsider) is None
    _voorstel(outsider)  # made while they could: still shown
    assert [v.titel for v in _home_blok(outsider)["voorstellen"]] == ["Samen schilderen"]


def test_a_volunteer_with_a_group_role_sees_the_invitation(db):
    vrijwilliger = UserFactory()
    rollen.start_rol(vrijwilliger, Vrijwilligersrol.Soort.COFACILITATOR, groep=GroepFactory())
    assert _home_blok(vrijwilliger) == {"voorstellen": []}
