"""The coordinator's side: the paged list, talking it over, not now, and approving a
proposal into a published offer with a first group and the proposer as co-facilitator.
Two decisions at once: one wins, the other is told and nothing of theirs is applied."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorgroei import voorstel_mail, voorstellen
from doorgroei.models import Activiteitvoorstel
from groepen.models import Aanbod, Groep, Lidmaatschap, Locatie, Vrijwilligersrol
from nazorg.models import Melding
from tests.factories import LidmaatschapFactory, UserFactory

Status = Activiteitvoorstel.Status


@pytest.fixture(autouse=True)
def engels(settings):
    """Pages and mails in English, so the tests read the source strings."""
    settings.LANGUAGE_CODE = "en"


LIJST = reverse("doorgroei_voorstellen_beheer")


@pytest.fixture
def voorstel(deelnemer):
    return voorstellen.dien_in(
        deelnemer,
        titel="Samen schilderen",
        beschrijving="Een middag met verf en koffie.",
        voor_wie="Iedereen die wil kliederen.",
        soort="workshop",
        mail=True,
    )


def _url(naam, voorstel):
    return reverse(naam, kwargs={"pk": voorstel.pk})


def _goedkeur_data(voorstel, **extra):
    eerste = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "aanbod-titel": "Samen schilderen",
        "aanbod-soort": "workshop",
        "aanbod-beschrijving": "Een middag met verf en koffie.",
        "aanbod-voor_wie": "Iedereen.",
        "aanbod-duur_minuten": "120",
        "aanbod-voltooiing_percentage": "75",
        "aanbod-nazit": "on",
        "groep-naam": "Schilderen in mei",
        "groep-eerste_datum": eerste.isoformat(),
        "groep-begintijd": "14:00",
        "groep-aantal": "1",
        "groep-elke_n_weken": "1",
        "groep-duur_minuten": "120",
        "groep-capaciteit": "10",
        "besluit-notitie": "Wat fijn, Sam!",
        "besluit-versie": str(voorstel.versie),
        **extra,
    }


# --- The list ----------------------------------------------------------------------------


def test_the_list_shows_open_ones_first_and_its_queries_do_not_grow(
    client, coordinator, deelnemer, django_assert_num_queries
):
    client.force_login(coordinator)
    oud = voorstellen.dien_in(deelnemer, titel="OUD-BESLIST", beschrijving="x")
    voorstellen.niet_nu(oud, oud.versie, coordinator, "Nu niet.")
    voorstellen.dien_in(deelnemer, titel="NIEUW-OPEN", beschrijving="x")
    with CaptureQueriesContext(connection) as twee:
        html = client.get(LIJST).content.decode()
    assert html.index("NIEUW-OPEN") < html.index("OUD-BESLIST")
    assert "New: 1 · In conversation: 0" in html
    for i in range(3):
        voorstellen.dien_in(UserFactory(), titel=f"Idee {i}", beschrijving="x")
    with django_assert_num_queries(len(twee)):
        assert client.get(LIJST).status_code == 200


def test_the_list_is_paged_and_filtered_by_state(client, coordinator, deelnemer):
    client.force_login(coordinator)
    for i in range(voorstellen.PER_PAGINA + 1):
        voorstellen.dien_in(deelnemer, titel=f"Idee {i:02}", beschrijving="x")
    html = client.get(LIJST).content.decode()
    assert "Page 1 of 2" in html
    assert "Idee 20" not in html
    assert "Idee 20" in client.get(LIJST, {"pagina": 2}).content.decode()
    assert "Idee 00" not in client.get(LIJST, {"status": "niet_nu"}).content.decode()
    # A state that does not exist shows everything, never an error.
    assert client.get(LIJST, {"status": "<script>", "pagina": "x"}).status_code == 200


def test_coordinator_home_counts_the_waiting_proposals(client, coordinator, voorstel):
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home")).content.decode()
    assert "1 new proposal waits for you to read it." in html
    assert LIJST in html


# --- Talking it over and not now ---------------------------------------------------------


def test_talking_it_over_needs_a_note_and_nothing_typed_is_lost(client, coordinator, voorstel):
    client.force_login(coordinator)
    url = _url("doorgroei_voorstel_beheer", voorstel)
    response = client.post(url, {"actie": "niet_nu", "niet_nu-notitie": "", "niet_nu-versie": 1})
    assert response.status_code == 400
    assert "about why not now" in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == Status.INGEDIEND


def test_in_gesprek_tells_the_proposer_in_the_app_and_by_mail(
    client, coordinator, voorstel, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = _url("doorgroei_voorstel_beheer", voorstel)
    data = {"actie": "in_gesprek", "in_gesprek-notitie": "Dinsdag na de inloop?"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "in_gesprek-versie": voorstel.versie})
    assert response.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == Status.IN_GESPREK
    assert voorstel.beslist_door == coordinator
    assert voorstel.notitie == "Dinsdag na de inloop?"
    melding = Melding.objects.get(user=voorstel.indiener)
    assert melding.link == _url("doorgroei_voorstel", voorstel)
    [bericht] = mail.outbox
    assert bericht.to == [voorstel.indiener.email]
    assert "Samen schilderen" in bericht.subject
    assert _url("doorgroei_voorstel", voorstel) in bericht.body
    # The note stays behind the login: the mail only says where it stands.
    assert "Dinsdag" not in bericht.body


def test_no_mail_when_the_proposer_did_not_ask_for_one(coordinator, deelnemer):
    voorstel = voorstellen.dien_in(deelnemer, titel="Stil", beschrijving="x", mail=False)
    assert voorstellen.niet_nu(voorstel, voorstel.versie, coordinator, "Nu niet.")
    voorstel_mail.stuur(voorstel.pk)  # what the task would do, were it queued
    assert mail.outbox == []
    assert Melding.objects.filter(user=deelnemer).count() == 1


def test_a_decision_on_a_decided_proposal_changes_nothing(client, coordinator, voorstel):
    voorstellen.niet_nu(voorstel, voorstel.versie, coordinator, "Nu niet.")
    client.force_login(coordinator)
    url = _url("doorgroei_voorstel_beheer", voorstel)
    data = {"actie": "in_gesprek", "in_gesprek-notitie": "Toch?", "in_gesprek-versie": 2}
    assert client.post(url, data).status_code == 409
    voorstel.refresh_from_db()
    assert voorstel.status == Status.NIET_NU
    assert voorstel.notitie == "Nu niet."
    assert client.get(_url("doorgroei_voorstel_goedkeuren", voorstel)).status_code == 302


def test_two_coordinators_at_once_the_second_is_told_who_decided(client, coordinator, voorstel):
    ander = UserFactory(roepnaam="Fatima", is_coordinator=True, mfa=True)
    gezien = voorstel.versie  # both opened the page at this version
    assert voorstellen.in_gesprek(voorstel, gezien, ander, "Ik bel haar.")
    client.force_login(coordinator)
    url = _url("doorgroei_voorstel_beheer", voorstel)
    data = {"actie": "niet_nu", "niet_nu-notitie": "Nu niet.", "niet_nu-versie": gezien}
    response = client.post(url, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Fatima has just decided on this proposal" in html
    assert "Nu niet." in html  # what this coordinator typed is still there
    voorstel.refresh_from_db()
    assert voorstel.status == Status.IN_GESPREK
    assert voorstel.beslist_door == ander


# --- Approving ---------------------------------------------------------------------------


def test_the_approval_form_is_filled_in_from_the_proposal(client, coordinator, voorstel):
    client.force_login(coordinator)
    html = client.get(_url("doorgroei_voorstel_goedkeuren", voorstel)).content.decode()
    assert 'value="Samen schilderen"' in html
    assert '<option value="workshop" selected>' in html
    assert "Een middag met verf en koffie." in html
    assert "Iedereen die wil kliederen." in html
    assert 'name="groep-aantal" value="1"' in html  # a workshop has one meeting


def test_approving_publishes_an_offer_with_the_proposer_as_co_facilitator(
    client, coordinator, voorstel, deelnemer, django_capture_on_commit_callbacks
):
    plek = Locatie.objects.create(naam="De Kantine")
    bezoeker = Client()
    # The public offer is read (and cached) before: approving must make it new.
    assert "Samen schilderen" not in bezoeker.get(reverse("aanbod_lijst")).content.decode()
    client.force_login(coordinator)
    data = _goedkeur_data(voorstel, **{"groep-plek": plek.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("doorgroei_voorstel_goedkeuren", voorstel), data)
    assert response.status_code == 302
    voorstel.refresh_from_db()
    aanbod, groep = voorstel.aanbod, voorstel.groep
    assert voorstel.status == Status.GOEDGEKEURD
    assert voorstel.notitie == "Wat fijn, Sam!"
    assert aanbod.soort == Aanbod.Soort.WORKSHOP
    assert not aanbod.gearchiveerd
    assert groep.aanbod == aanbod
    assert groep.plek == plek
    assert groep.bijeenkomsten.count() == 1
    rol = Vrijwilligersrol.objects.get(user=deelnemer)
    assert rol.soort == Vrijwilligersrol.Soort.COFACILITATOR
    assert rol.groep == groep
    assert rol.gestart_door == coordinator
    lid = Lidmaatschap.objects.get(user=deelnemer, groep=groep)
    assert lid.is_actieve_facilitator
    assert lid.vrijwilliger
    assert Melding.objects.filter(user=deelnemer, titel__contains="approved").exists()
    assert len(mail.outbox) == 1

    assert "Samen schilderen" in bezoeker.get(reverse("aanbod_lijst")).content.decode()
    detail = bezoeker.get(reverse("aanbod_detail", kwargs={"pk": aanbod.pk})).content.decode()
    assert "Facilitated by Sam" in detail


def test_a_wrong_schedule_creates_nothing_and_keeps_everything_typed(client, coordinator, voorstel):
    client.force_login(coordinator)
    data = _goedkeur_data(voorstel, **{"groep-eerste_datum": "", "groep-aantal": "3"})
    response = client.post(_url("doorgroei_voorstel_goedkeuren", voorstel), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the date of the first meeting." in html
    assert "Schilderen in mei" in html
    assert "Wat fijn, Sam!" in html
    assert not Aanbod.objects.filter(titel="Samen schilderen").exists()
    voorstel.refresh_from_db()
    assert voorstel.status == Status.INGEDIEND


def test_groepen_own_rules_apply_a_workshop_has_one_meeting(client, coordinator, voorstel):
    client.force_login(coordinator)
    data = _goedkeur_data(voorstel, **{"groep-aantal": "3"})
    response = client.post(_url("doorgroei_voorstel_goedkeuren", voorstel), data)
    assert response.status_code == 400
    assert "A workshop has one meeting." in response.content.decode()
    assert not Groep.objects.filter(naam="Schilderen in mei").exists()


def test_an_offer_without_a_kind_gets_groepen_message(client, coordinator, voorstel):
    client.force_login(coordinator)
    data = _goedkeur_data(voorstel, **{"aanbod-soort": "", "aanbod-titel": ""})
    response = client.post(_url("doorgroei_voorstel_goedkeuren", voorstel), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the offer a title." in html
    assert "Choose what kind of offer this is." in html


def test_two_coordinators_approving_at_once_create_one_offer(client, coordinator, voorstel):
    """Both opened the approval page at the same version; the first one wins."""
    ander = UserFactory(roepnaam="Fatima", is_coordinator=True, mfa=True)
    url = _url("doorgroei_voorstel_goedkeuren", voorstel)
    tweede = Client()
    tweede.force_login(ander)
    client.force_login(coordinator)
    assert client.post(url, _goedkeur_data(voorstel)).status_code == 302
    response = tweede.post(url, _goedkeur_data(voorstel, **{"groep-naam": "Dubbel"}))
    assert response.status_code == 302
    assert Aanbod.objects.filter(titel="Samen schilderen").count() == 1
    assert not Groep.objects.filter(naam="Dubbel").exists()
    assert Vrijwilligersrol.objects.filter(user=voorstel.indiener).count() == 1
    assert "This proposal has already been decided on." in tweede.get(response.url).content.decode()


def test_approving_a_proposal_its_proposer_just_changed_is_refused(client, coordinator, voorstel):
    gezien = _goedkeur_data(voorstel)  # the coordinator opened the page at this version
    voorstellen.wijzig(voorstel, voorstel.versie, titel="Samen tekenen", beschrijving="Potlood")
    client.force_login(coordinator)
    response = client.post(_url("doorgroei_voorstel_goedkeuren", voorstel), gezien, follow=True)
    assert "changed while you were looking at it" in response.content.decode()
    assert not Aanbod.objects.filter(titel="Samen schilderen").exists()
    voorstel.refresh_from_db()
    assert voorstel.status == Status.INGEDIEND
    assert voorstel.titel == "Samen tekenen"


def test_a_stale_approval_raises_and_creates_nothing(coordinator, voorstel, deelnemer):
    from doorgroei.voorstel_forms import Goedkeuren

    goed = Goedkeuren(voorstel, _goedkeur_data(voorstel))
    assert goed.is_valid()
    voorstellen.in_gesprek(voorstel, voorstel.versie, coordinator, "Eerst praten.")
    with pytest.raises(voorstellen.AlBeslist):
        voorstellen.keur_goed(voorstel, goed.versie, coordinator, goed)
    assert not Aanbod.objects.filter(titel="Samen schilderen").exists()
    assert not Vrijwilligersrol.objects.filter(user=deelnemer).exists()


def test_the_proposer_then_finds_the_group_from_their_proposal(client, coordinator, groep):
    # A co-facilitator reads what facilitators read, so they use two-step verification.
    proposer = UserFactory(roepnaam="Noor", mfa=True)
    LidmaatschapFactory(groep=groep, user=proposer)
    voorstel = voorstellen.dien_in(proposer, titel="Samen schilderen", beschrijving="x")
    client.force_login(coordinator)
    client.post(_url("doorgroei_voorstel_goedkeuren", voorstel), _goedkeur_data(voorstel))
    voorstel.refresh_from_db()
    client.force_login(proposer)
    html = client.get(_url("doorgroei_voorstel", voorstel)).content.decode()
    assert "Approved: it is part of the offer" in html
    assert "Wat fijn, Sam!" in html
    assert reverse("groep_detail", kwargs={"pk": voorstel.groep_id}) in html
    assert "Withdraw" not in html
    assert client.get(reverse("groep_detail", kwargs={"pk": voorstel.groep_id})).status_code == 200
