"""Deleting an account: the request, the cooling-off period, undoing it, blocks, and
the coordinator's page. What is deleted is checked in test_verwijderen_sporen.py."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from groepen.models import Lidmaatschap
from privacy import verwijderen
from privacy.models import Verwijderverzoek
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

WACHTWOORD = "een-lang-wachtwoord-42"
S = Verwijderverzoek.Status


@pytest.fixture(autouse=True)
def engels(settings):
    """Pages and mails in English, so the tests read the source strings."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def sam(groep):
    user = UserFactory(roepnaam="Sam", email="sam@example.org", password=WACHTWOORD)
    LidmaatschapFactory(groep=groep, user=user)
    return user


def vraag_aan_via_formulier(client, user, berichten="verwijderen"):
    client.force_login(user)
    return client.post(
        reverse("account_verwijderen"), {"berichten": berichten, "wachtwoord": WACHTWOORD}
    )


def undo_link(bericht) -> str:
    return re.search(r"https?://\S+/verwijderen/annuleren/\S+/", bericht.body).group(0)


# --- Asking ---------------------------------------------------------------------------


def test_request_waits_and_mails_an_undo_link(client, sam):
    response = vraag_aan_via_formulier(client, sam)
    assert response.status_code == 302
    verzoek = Verwijderverzoek.objects.get(user=sam)
    assert verzoek.status == S.WACHTEND
    assert verzoek.berichten == "verwijderen"
    assert verzoek.uitvoeren_na - verzoek.aangevraagd_op == datetime.timedelta(days=7)
    assert AuditEvent.objects.filter(soort="verwijderverzoek", actor=sam, betreft=sam).exists()
    (bericht,) = mail.outbox
    assert bericht.to == ["sam@example.org"]
    assert "/verwijderen/annuleren/" in bericht.body
    # Nothing is deleted yet, and the page now shows the notice with the undo button.
    sam.refresh_from_db()
    assert sam.is_active and sam.verwijderd_op is None
    page = client.get(reverse("account_verwijderen")).content.decode()
    assert reverse("verwijderen_intrekken") in page


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"berichten": "verwijderen", "wachtwoord": "niet-mijn-wachtwoord"}, "wachtwoord"),
        ({"berichten": "verwijderen", "wachtwoord": ""}, "wachtwoord"),
        ({"wachtwoord": WACHTWOORD}, "berichten"),
        ({"berichten": "alles-weg", "wachtwoord": WACHTWOORD}, "berichten"),
    ],
)
def test_bad_input_is_explained_and_nothing_happens(client, sam, data, veld):
    client.force_login(sam)
    response = client.post(reverse("account_verwijderen"), data)
    assert response.status_code == 200
    assert veld in response.context["form"].errors
    assert not Verwijderverzoek.objects.exists()
    assert not mail.outbox
    # The choice made is kept when only the password was wrong.
    if veld == "wachtwoord":
        assert response.context["form"]["berichten"].value() == "verwijderen"
        assert 'value="verwijderen" id="id_berichten_0" required checked' in (
            response.content.decode()
        )


def test_asking_twice_keeps_one_waiting_request(client, sam):
    vraag_aan_via_formulier(client, sam)
    eerste = verwijderen.vraag_aan(sam, "anoniem")
    assert Verwijderverzoek.objects.filter(user=sam).count() == 1
    assert eerste.berichten == "verwijderen"


def test_facilitator_of_a_running_group_is_blocked(client, facilitator, groep):
    facilitator.set_password(WACHTWOORD)
    facilitator.save()
    client.force_login(facilitator)
    page = client.get(reverse("account_verwijderen"))
    assert "hand the group over" in page.content.decode()
    response = client.post(
        reverse("account_verwijderen"), {"berichten": "verwijderen", "wachtwoord": WACHTWOORD}
    )
    assert response.status_code == 200
    assert "hand the group over" in response.content.decode()
    assert not Verwijderverzoek.objects.exists()


def test_facilitator_of_ended_groups_only_may_ask(client, db):
    geweest = GroepFactory(
        startdatum=timezone.localdate() - datetime.timedelta(days=90),
        einddatum=timezone.localdate() - datetime.timedelta(days=30),
    )
    user = UserFactory(password=WACHTWOORD, mfa=True)
    LidmaatschapFactory(groep=geweest, user=user, rol=Lidmaatschap.Rol.FACILITATOR)
    assert verwijderen.blokkade(user) is None


def test_coordinator_is_blocked_with_an_explanation(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("account_verwijderen")).content.decode()
    assert "technical administrator" in page
    with pytest.raises(verwijderen.Geblokkeerd):
        verwijderen.vraag_aan(coordinator, "verwijderen")


# --- Cooling-off and carrying out ------------------------------------------------------


def test_nothing_happens_during_cooling_off_then_the_command_erases(client, sam):
    vraag_aan_via_formulier(client, sam)
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        call_command("verwijder_accounts")
    sam.refresh_from_db()
    assert sam.verwijderd_op is None
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        call_command("verwijder_accounts")
        # Idempotent: a second run finds nothing more to do and sends nothing.
        call_command("verwijder_accounts")
    sam.refresh_from_db()
    assert sam.verwijderd_op is not None
    assert not sam.is_active and not sam.has_usable_password()
    assert sam.email == f"verwijderd-{sam.pk}@verwijderd.invalid"
    assert str(sam) == "Former member"
    assert Verwijderverzoek.objects.get(user=sam).status == S.UITGEVOERD
    assert AuditEvent.objects.filter(soort="verwijderd", betreft=sam).count() == 1
    # One confirmation, to the old address, before it was scrubbed.
    (bericht,) = mail.outbox
    assert bericht.to == ["sam@example.org"]


def test_open_session_ends_when_the_account_is_erased(client, sam):
    client.force_login(sam)
    assert client.get(reverse("account_verwijderen")).status_code == 200
    verwijderen.verwijder_account(sam, "verwijderen", door=sam)
    response = client.get(reverse("account_verwijderen"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_facilitator_who_takes_a_group_during_cooling_off_is_not_erased(sam):
    verwijderen.vraag_aan(sam, "verwijderen")
    LidmaatschapFactory(groep=GroepFactory(), user=sam, rol=Lidmaatschap.Rol.FACILITATOR)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        uitkomst = verwijderen.voer_verzoeken_uit()
    assert (uitkomst.uitgevoerd, uitkomst.geblokkeerd) == (0, 1)
    sam.refresh_from_db()
    assert sam.verwijderd_op is None
    assert Verwijderverzoek.objects.get(user=sam).status == S.WACHTEND


def test_leaving_a_full_group_gives_the_place_to_the_waiting_list(db):
    vol = GroepFactory(capaciteit=1)
    weg = UserFactory()
    LidmaatschapFactory(groep=vol, user=weg)
    wachtend = LidmaatschapFactory(groep=vol, status=Lidmaatschap.Status.WACHTLIJST)
    verwijderen.verwijder_account(weg, "verwijderen", door=weg)
    assert Lidmaatschap.objects.get(groep=vol, user=weg).status == "uitgeschreven"
    wachtend.refresh_from_db()
    assert wachtend.status == Lidmaatschap.Status.ACTIEF


def test_memberships_of_ended_groups_stay_for_the_history(db):
    geweest = GroepFactory(
        startdatum=timezone.localdate() - datetime.timedelta(days=90),
        einddatum=timezone.localdate() - datetime.timedelta(days=30),
    )
    user = UserFactory()
    lid = LidmaatschapFactory(groep=geweest, user=user, motivatie="Ik wil graag meedoen")
    verwijderen.verwijder_account(user, "verwijderen", door=user)
    lid.refresh_from_db()
    assert lid.status == Lidmaatschap.Status.ACTIEF
    assert lid.motivatie == ""


# --- Undoing -------------------------------------------------------------------------


def test_undo_by_link_then_the_link_is_used_up(client, sam):
    vraag_aan_via_formulier(client, sam)
    link = undo_link(mail.outbox[0])
    client.logout()
    # Opening the link changes nothing: mail scanners open links too.
    page = client.get(link)
    assert page.status_code == 200
    assert Verwijderverzoek.objects.get(user=sam).status == S.WACHTEND
    assert "Keep your account?" in page.content.decode()
    done = client.post(link)
    assert "Your account stays" in done.content.decode()
    assert Verwijderverzoek.objects.get(user=sam).status == S.GEANNULEERD
    assert AuditEvent.objects.filter(soort="verwijdering_geannuleerd", betreft=sam).exists()
    # Used again: a clear page, not an error, and nothing changes.
    for again in (client.get(link), client.post(link)):
        assert again.status_code == 200
        assert "already been used" in again.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        call_command("verwijder_accounts")
    sam.refresh_from_db()
    assert sam.verwijderd_op is None


def test_expired_link_says_so(client, sam):
    vraag_aan_via_formulier(client, sam)
    link = undo_link(mail.outbox[0])
    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, hours=1)):
        page = client.get(link)
        assert "has expired" in page.content.decode()
        client.post(link)
    assert Verwijderverzoek.objects.get(user=sam).status == S.WACHTEND


def test_link_after_erasure_says_the_account_is_gone(client, sam):
    vraag_aan_via_formulier(client, sam)
    link = undo_link(mail.outbox[0])
    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        call_command("verwijder_accounts")
        page = client.get(link)
    assert "already been deleted" in page.content.decode()


@pytest.mark.parametrize("token", ["1:kapot", "onzin", "999999:1tQ2Ab:xyz"])
def test_forged_link_is_a_clear_page(client, db, token):
    page = client.get(reverse("verwijderen_annuleren", kwargs={"token": token}))
    assert page.status_code == 200
    assert "does not work" in page.content.decode()


def test_undo_by_button_after_logging_in(client, sam):
    vraag_aan_via_formulier(client, sam)
    response = client.post(reverse("verwijderen_intrekken"), follow=True)
    assert "Your account stays" in response.content.decode()
    assert Verwijderverzoek.objects.get(user=sam).status == S.GEANNULEERD
    # Pressing it again is harmless.
    again = client.post(reverse("verwijderen_intrekken"), follow=True)
    assert "no deletion request waiting" in again.content.decode()
    assert AuditEvent.objects.filter(soort="verwijdering_geannuleerd").count() == 1


def test_someone_else_cannot_cancel_my_request_by_button(client, sam, outsider):
    verwijderen.vraag_aan(sam, "verwijderen")
    client.force_login(outsider)
    client.post(reverse("verwijderen_intrekken"))
    assert Verwijderverzoek.objects.get(user=sam).status == S.WACHTEND


# --- The coordinator records a request made outside the app ---------------------------


def test_coordinator_records_a_request(client, coordinator, sam):
    client.force_login(coordinator)
    response = client.post(
        reverse("verwijderen_beheer"), {"email": "SAM@example.org ", "berichten": "anoniem"}
    )
    assert response.status_code == 302
    verzoek = Verwijderverzoek.objects.get(user=sam)
    assert verzoek.aangevraagd_door == coordinator
    assert verzoek.berichten == "anoniem"
    assert mail.outbox[0].to == ["sam@example.org"]
    assert "coordinator has recorded" in mail.outbox[0].body
    lijst = client.get(reverse("verwijderen_beheer")).content.decode()
    assert "Sam" in lijst
    # Only the name and the date: never the email address.
    assert "sam@example.org" not in lijst
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        verwijderen.voer_verzoeken_uit()
    assert AuditEvent.objects.filter(soort="verwijderd", actor=coordinator, betreft=sam).exists()


def test_coordinator_cancels_a_waiting_request(client, coordinator, sam):
    verzoek = verwijderen.vraag_aan(sam, "verwijderen")
    client.force_login(coordinator)
    url = reverse("verwijderen_beheer_annuleren", kwargs={"pk": verzoek.pk})
    assert client.post(url).status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == S.GEANNULEERD
    assert client.post(url, follow=True).status_code == 200


@pytest.mark.parametrize(
    ("email", "fout"),
    [
        ("niemand@example.org", "no account with this email"),
        ("geen-adres", "valid email"),
        ("", "Fill in the email address"),
    ],
)
def test_coordinator_typo_is_explained_and_kept(client, coordinator, sam, email, fout):
    client.force_login(coordinator)
    response = client.post(reverse("verwijderen_beheer"), {"email": email, "berichten": "anoniem"})
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert response.context["form"]["email"].value() == email
    assert not Verwijderverzoek.objects.exists()


def test_coordinator_cannot_erase_a_facilitator_who_runs_a_group(client, coordinator, facilitator):
    client.force_login(coordinator)
    response = client.post(
        reverse("verwijderen_beheer"), {"email": facilitator.email, "berichten": "verwijderen"}
    )
    assert response.status_code == 200
    assert "hand the group over" in response.content.decode()
    assert not Verwijderverzoek.objects.exists()


def test_coordinator_page_query_count_does_not_grow(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)

    def maak(n):
        for _ in range(n):
            verwijderen.vraag_aan(UserFactory(), "verwijderen")

    maak(2)
    with django_assert_max_num_queries(12) as klein:
        client.get(reverse("verwijderen_beheer"))
    maak(20)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        client.get(reverse("verwijderen_beheer"))
