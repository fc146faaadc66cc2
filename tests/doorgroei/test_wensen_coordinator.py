"""The coordinator's side of wishes to help: the list, inviting, recording the outcome
(starting a role), the notices to the person, two coordinators at once, query counts."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorgroei import wensen, wensen_melding
from doorgroei.models import Meehelpwens
from groepen.models import Lidmaatschap, Vrijwilligersrol
from nazorg.models import Melding, NazorgVoorkeur
from tests.factories import GroepFactory, UserFactory

LIJST = "/coordinator/meehelpen/"
S = Meehelpwens.Status


@pytest.fixture
def wens(deelnemer):
    return Meehelpwens.objects.create(user=deelnemer, manieren=["gastheer"], wanneer="vrijdag")


@pytest.fixture
def inge(client, coordinator):
    client.force_login(coordinator)
    return client


def detail(wens):
    return reverse("meehelpwens", args=[wens.pk])


def uitnodigen(client, wens, versie=1, notitie=""):
    return client.post(
        reverse("meehelpwens_uitnodigen", args=[wens.pk]),
        {"uitnodigen-versie": versie, "uitnodigen-notitie": notitie},
        follow=True,
    )


def besluit(client, wens, versie=1, **velden):
    data = {f"besluit-{k}": v for k, v in {"versie": versie, **velden}.items()}
    return client.post(reverse("meehelpwens_besluit", args=[wens.pk]), data, follow=True)


def test_the_address():
    assert reverse("meehelpwensen") == LIJST


def test_the_list_shows_open_wishes_newest_first(inge, deelnemer):
    nu = timezone.now()
    oud = Meehelpwens.objects.create(
        user=UserFactory(roepnaam="Oud"), anders="Koken", aangemaakt_op=nu - datetime.timedelta(2)
    )
    nieuw = Meehelpwens.objects.create(user=deelnemer, manieren=["buddy"], aangemaakt_op=nu)
    Meehelpwens.objects.create(user=UserFactory(roepnaam="Weg"), status=S.INGETROKKEN)
    Meehelpwens.objects.create(user=UserFactory(roepnaam="Gestart"), status=S.GESTART)
    Meehelpwens.objects.create(user=UserFactory(roepnaam="Straks"), status=S.LATER)
    html = inge.get(LIJST).content.decode()
    assert html.index(">Sam<") < html.index(">Oud<")
    for naam in ("Weg", "Gestart", "Straks"):
        assert f">{naam}<" not in html
    assert "Buddy voor iemand die nieuw is" in html
    assert "Koken" in html
    assert [w.pk for w in wensen.open_wensen()] == [nieuw.pk, oud.pk]
    later = inge.get(LIJST, {"toon": "later"}).content.decode()
    assert ">Straks<" in later
    assert ">Sam<" not in later


def test_the_list_pages_and_survives_odd_page_numbers(inge):
    for i in range(27):
        Meehelpwens.objects.create(user=UserFactory(roepnaam=f"Mens{i:02d}"), anders="x")
    eerste = inge.get(LIJST).content.decode()
    assert "Mens26" in eerste
    assert "Mens01" not in eerste
    tweede = inge.get(LIJST, {"pagina": 2}).content.decode()
    assert "Mens01" in tweede
    assert "Mens26" not in tweede
    for onzin in ("x", "-1", "999", "1.5"):
        assert inge.get(LIJST, {"pagina": onzin}).status_code == 200


def _maak(n):
    for _ in range(n):
        Meehelpwens.objects.create(
            user=UserFactory(),
            manieren=["buddy"],
            status=S.UITGENODIGD,
            beslist_door=UserFactory(),
            beslist_op=timezone.now(),
        )


def test_list_queries_do_not_grow_with_wishes(inge, django_assert_num_queries):
    _maak(1)
    with CaptureQueriesContext(connection) as een:
        inge.get(LIJST)
    _maak(2)
    with django_assert_num_queries(len(een)):
        inge.get(LIJST)


def test_coordinator_home_counts_the_open_wishes(inge, wens):
    Meehelpwens.objects.create(user=UserFactory(), anders="x", status=S.UITGENODIGD)
    Meehelpwens.objects.create(user=UserFactory(), anders="x", status=S.LATER)
    html = inge.get(reverse("coordinator_home")).content.decode()
    assert "2 mensen willen graag meehelpen" in html
    assert f'href="{LIJST}"' in html


def test_inviting_sends_a_notice_and_a_mail(
    inge, wens, coordinator, django_capture_on_commit_callbacks
):
    # The mail is queued once the decision is committed.
    with django_capture_on_commit_callbacks(execute=True) as na_commit:
        antwoord = uitnodigen(inge, wens, notitie="Kom je vrijdag na de inloop even langs?")
    assert len(na_commit) == 1
    assert antwoord.redirect_chain == [(detail(wens), 302)]
    assert "Sam is uitgenodigd en krijgt een melding." in antwoord.content.decode()
    wens.refresh_from_db()
    assert (wens.status, wens.beslist_door, wens.versie) == (S.UITGENODIGD, coordinator, 2)
    assert wens.notitie == "Kom je vrijdag na de inloop even langs?"
    melding = Melding.objects.get(user=wens.user)
    assert melding.titel == "Inge nodigt je uit voor een gesprek over meehelpen."
    assert melding.link == "/meehelpen/"
    [bericht] = mail.outbox
    assert bericht.to == [wens.user.email]
    assert "Inge nodigt je uit voor een gesprek over meehelpen." in bericht.body
    assert "/meehelpen/" in bericht.body
    # The note is for the app only, not for a mailbox.
    assert "na de inloop" not in bericht.body
    assert "na de inloop" not in melding.titel


def test_no_mail_and_no_notice_when_the_person_chose_so(
    inge, wens, django_capture_on_commit_callbacks
):
    NazorgVoorkeur.objects.create(user=wens.user, groep=None, per_email=False, in_app=False)
    with django_capture_on_commit_callbacks(execute=True) as na_commit:
        uitnodigen(inge, wens)
    assert na_commit == []
    assert mail.outbox == []
    assert not Melding.objects.exists()
    wens.refresh_from_db()
    assert wens.status == S.UITGENODIGD  # the page still says where it stands


def test_a_mail_for_an_older_step_is_not_sent(wens, coordinator):
    wensen.nodig_uit(wens.pk, 1, coordinator)
    mail.outbox.clear()
    wensen.beslis(wens.pk, 2, coordinator, uitkomst=S.LATER)
    mail.outbox.clear()
    wensen_melding.stuur(wens.pk, 2)  # the invitation's version: the wish moved on
    assert mail.outbox == []


def test_starting_as_host_starts_the_role(inge, wens, coordinator, deelnemer):
    inge.get(detail(wens))
    antwoord = besluit(inge, wens, uitkomst="gestart", soort="gastheer")
    assert antwoord.status_code == 200
    rol = Vrijwilligersrol.objects.get(user=deelnemer)
    assert (rol.soort, rol.groep, rol.gestart_door) == ("gastheer", None, coordinator)
    assert rol.begint_op == timezone.localdate()
    assert rol.is_actief()
    wens.refresh_from_db()
    assert (wens.status, wens.rol) == (S.GESTART, rol)
    assert "gestart, door Inge op" in antwoord.content.decode()
    assert Melding.objects.get(user=deelnemer).titel == (
        "Je bent gestart als gastvrouw of gastheer van de inloop."
    )
    # Nothing left to decide: the forms are gone.
    assert "Uitkomst opslaan" not in inge.get(detail(wens)).content.decode()


def test_a_co_facilitator_needs_a_group(inge, wens, deelnemer):
    antwoord = besluit(inge, wens, uitkomst="gestart", soort="cofacilitator", notitie="Welkom!")
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Een co-facilitator helpt bij één groep: kies welke." in html
    assert "Welkom!" in html  # nothing typed is lost
    assert not Vrijwilligersrol.objects.exists()
    groep = GroepFactory(naam="WRAP najaar")
    besluit(inge, wens, uitkomst="gestart", soort="cofacilitator", groep=groep.pk)
    rol = Vrijwilligersrol.objects.get(user=deelnemer)
    assert rol.groep == groep
    lid = Lidmaatschap.objects.get(user=deelnemer, groep=groep)
    assert (lid.rol, lid.vrijwilliger) == (Lidmaatschap.Rol.FACILITATOR, True)


def test_a_later_start_date_is_told_as_such(inge, wens, deelnemer):
    begin = timezone.localdate() + datetime.timedelta(days=10)
    besluit(inge, wens, uitkomst="gestart", soort="buddy", begint_op=begin.isoformat())
    wens.refresh_from_db()
    assert wens.rol.begint_op == begin
    assert not wens.rol.is_actief()
    assert wensen.stand(wens).startswith("Je begint op ")


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"uitkomst": "misschien"}, "Kies een van de uitkomsten."),
        ({}, "Kies de uitkomst."),
        ({"uitkomst": "gestart"}, "Kies de rol waarin iemand begint."),
        ({"uitkomst": "gestart", "soort": "koning"}, "Kies een van de rollen."),
        (
            {"uitkomst": "gestart", "soort": "buddy", "begint_op": "2020-01-01"},
            "Kies een datum binnen een jaar van vandaag.",
        ),
        ({"uitkomst": "gestart", "soort": "buddy", "begint_op": "morgen"}, "Vul een datum in"),
        ({"uitkomst": "niet_nu", "notitie": "x" * 501}, "Houd het korter dan 500 tekens."),
    ],
)
def test_bad_decisions_are_explained_and_change_nothing(inge, wens, velden, fout):
    antwoord = besluit(inge, wens, **velden)
    assert antwoord.status_code == 400
    assert fout in antwoord.content.decode()
    wens.refresh_from_db()
    assert (wens.status, wens.versie) == (S.NIEUW, 1)
    assert not Vrijwilligersrol.objects.exists()


def test_a_broken_version_is_a_form_error(inge, wens):
    assert besluit(inge, wens, versie="abc", uitkomst="later").status_code == 400
    assert uitnodigen(inge, wens, versie="").status_code == 400
    wens.refresh_from_db()
    assert wens.status == S.NIEUW


def test_not_now_with_a_note_reaches_the_person(inge, wens, client, deelnemer):
    besluit(inge, wens, uitkomst="niet_nu", notitie="Nu even geen plek bij de inloop.")
    client.force_login(deelnemer)
    html = client.get("/meehelpen/").content.decode()
    assert "Meehelpen past nu even niet. Dank je wel dat je het aanbood." in html
    assert "Inge schreef:" in html
    assert "Nu even geen plek bij de inloop." in html
    # A closed wish: the person may offer again.
    assert "Verstuur mijn wens" in html


def test_two_coordinators_at_once_one_wins_the_other_sees_it(client, wens, coordinator):
    ander = UserFactory(roepnaam="Ahmed", is_coordinator=True, mfa=True)
    client.force_login(coordinator)
    uitnodigen(client, wens, versie=1)
    # Ahmed had the page open at version 1 and decides "not now".
    client.force_login(ander)
    antwoord = besluit(client, wens, versie=1, uitkomst="niet_nu", notitie="Volgend jaar?")
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Iemand anders heeft deze wens net veranderd" in html
    assert "uitgenodigd voor een gesprek, door Inge op" in html
    assert "Volgend jaar?" in html  # what Ahmed typed is still there
    assert 'name="besluit-versie" value="2"' in html  # a second try decides on what is shown
    wens.refresh_from_db()
    assert (wens.status, wens.beslist_door, wens.versie) == (S.UITGENODIGD, coordinator, 2)
    assert Melding.objects.count() == 1


def test_a_losing_start_leaves_no_role(wens, coordinator):
    eerst = wensen.beslis(wens.pk, 1, coordinator, uitkomst=S.NIET_NU)
    tweede = wensen.beslis(wens.pk, 1, coordinator, uitkomst=S.GESTART, soort="gastheer")
    assert eerst.gelukt
    assert not tweede.gelukt
    assert tweede.wens.status == S.NIET_NU
    assert not Vrijwilligersrol.objects.exists()


def test_a_change_by_the_person_also_makes_a_stale_decision_lose(wens, coordinator):
    wensen.wijzig(wens, manieren=["buddy"], anders="", wanneer="")
    assert not wensen.nodig_uit(wens.pk, 1, coordinator).gelukt
    assert wensen.nodig_uit(wens.pk, 2, coordinator).gelukt


def test_a_withdrawn_wish_has_nothing_to_decide(inge, wens):
    wensen.trek_in(wens)
    antwoord = inge.get(detail(wens), follow=True)
    assert antwoord.redirect_chain == [(LIJST, 302)]
    assert "Deze wens is ingetrokken." in antwoord.content.decode()
    antwoord = besluit(inge, wens, versie=2, uitkomst="gestart", soort="gastheer")
    assert antwoord.redirect_chain == [(LIJST, 302)]
    assert not Vrijwilligersrol.objects.exists()


def test_later_can_be_invited_again(inge, wens):
    besluit(inge, wens, uitkomst="later")
    uitnodigen(inge, wens, versie=2)
    wens.refresh_from_db()
    assert wens.status == S.UITGENODIGD


@pytest.mark.parametrize("rol", ["deelnemer", "facilitator", "outsider"])
def test_only_coordinators_see_and_decide(client_for, wens, rol):
    client = client_for(rol)
    assert client.get(LIJST).status_code == 403
    assert client.get(detail(wens)).status_code == 403
    assert besluit(client, wens, uitkomst="later").status_code == 403
    wens.refresh_from_db()
    assert wens.status == S.NIEUW
