"""A participant's wish to help, from their side: the calm invitation on the home, the
form, changing and withdrawing it, and seeing where it stands in plain words."""

import pytest
from django.urls import reverse

from doorgroei import wensen
from doorgroei.models import Meehelpwens
from lib.hulp import HULP_TAG
from tests.factories import UserFactory

URL = "/meehelpen/"
S = Meehelpwens.Status


def wens_van(user, **velden):
    return Meehelpwens.objects.create(user=user, **{"manieren": ["gastheer"], **velden})


def test_the_address():
    assert reverse("meehelpen") == URL


def test_the_home_invites_calmly_and_links_to_the_form(client, deelnemer):
    client.force_login(deelnemer)
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert "Meehelpen" in html
    assert "Er is geen haast." in html
    assert f'href="{URL}"' in html


def test_a_participant_offers_to_host_the_walk_in(client, deelnemer):
    client.force_login(deelnemer)
    assert client.get(URL).status_code == 200
    antwoord = client.post(
        URL, {"manieren": ["gastheer", "buddy"], "wanneer": "  vrijdag\n ochtend  "}, follow=True
    )
    assert antwoord.redirect_chain == [(URL, 302)]
    wens = Meehelpwens.objects.get()
    assert (wens.user, wens.status, wens.versie) == (deelnemer, S.NIEUW, 1)
    assert wens.manieren == ["gastheer", "buddy"]
    assert wens.wanneer == "vrijdag ochtend"
    html = antwoord.content.decode()
    assert "Dank je wel! Je wens is binnen." in html
    assert "Je wens is binnen. De coördinator neemt contact met je op." in html
    assert "Gastvrouw of gastheer bij de inloop" in html
    # The home now says where it stands instead of inviting.
    home = client.get(reverse("mijn_overzicht")).content.decode()
    assert "De coördinator neemt contact met je op." in home
    assert "Er is geen haast." not in home


def test_own_words_alone_are_enough(client, deelnemer):
    client.force_login(deelnemer)
    client.post(URL, {"anders": "Koken voor de nazit"})
    assert Meehelpwens.objects.get().anders == "Koken voor de nazit"


def test_an_empty_wish_says_what_is_missing_and_keeps_what_was_typed(client, deelnemer):
    client.force_login(deelnemer)
    antwoord = client.post(URL, {"anders": "   ", "wanneer": "dinsdagavond"})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Vink minstens één manier aan, of schrijf in je eigen woorden" in html
    assert 'value="dinsdagavond"' in html
    # The message sits with the choices it is about.
    veld = html[html.index("<legend>Hoe zou je willen meehelpen?") :]
    assert veld.index("Vink minstens") < veld.index("</fieldset>")
    assert not Meehelpwens.objects.exists()


def test_too_long_and_unknown_choices_are_refused_with_the_text_kept(client, deelnemer):
    client.force_login(deelnemer)
    lang = "Ik wil graag helpen. " * 20
    antwoord = client.post(URL, {"manieren": ["koffie"], "anders": lang})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Die keuze staat niet in de lijst." in html
    assert "Houd het korter dan 300 tekens." in html
    assert lang.strip() in html
    assert not Meehelpwens.objects.exists()


def test_signal_words_show_help_and_block_nothing(client, deelnemer):
    client.force_login(deelnemer)
    antwoord = client.post(
        URL, {"anders": "Ik zie het soms niet meer zitten, maar wil iets doen"}, follow=True
    )
    assert Meehelpwens.objects.count() == 1
    assert any(HULP_TAG in m.tags for m in antwoord.context["messages"])


def test_changing_the_open_wish_changes_the_same_row(client, deelnemer):
    wens = wens_van(deelnemer)
    client.force_login(deelnemer)
    pagina = client.get(URL).content.decode()
    assert 'value="gastheer"' in pagina
    assert "checked" in pagina
    antwoord = client.post(URL, {"manieren": ["moderator"], "wanneer": "weekend"}, follow=True)
    assert "Je wens is veranderd." in antwoord.content.decode()
    wens.refresh_from_db()
    assert (wens.manieren, wens.wanneer, wens.versie) == (["moderator"], "weekend", 2)
    assert Meehelpwens.objects.count() == 1


def test_an_invited_wish_can_still_change(client, deelnemer, coordinator):
    wens = wens_van(deelnemer, status=S.UITGENODIGD, beslist_door=coordinator)
    client.force_login(deelnemer)
    assert "Inge nodigt je uit voor een gesprek over meehelpen." in client.get(URL).content.decode()
    client.post(URL, {"manieren": ["buddy"]})
    wens.refresh_from_db()
    assert (wens.status, wens.manieren) == (S.UITGENODIGD, ["buddy"])


def test_a_wish_put_off_until_later_shows_no_form_and_refuses_a_change(client, deelnemer):
    wens = wens_van(deelnemer, status=S.LATER, notitie="Na de zomer weer?")
    client.force_login(deelnemer)
    html = client.get(URL).content.decode()
    assert "De coördinator komt er later op terug." in html
    assert "Na de zomer weer?" in html
    assert "Verstuur mijn wens" not in html
    assert "Wijziging opslaan" not in html
    antwoord = client.post(URL, {"manieren": ["buddy"]})
    assert antwoord.status_code == 409
    assert "Je wens kan niet meer veranderd worden" in antwoord.content.decode()
    wens.refresh_from_db()
    assert wens.manieren == ["gastheer"]


def test_withdrawing_leaves_nothing_open_and_the_invitation_returns(client, deelnemer):
    wens = wens_van(deelnemer, status=S.UITGENODIGD)
    client.force_login(deelnemer)
    antwoord = client.post(reverse("meehelpen_intrekken", args=[wens.pk]), follow=True)
    assert "Je wens is ingetrokken." in antwoord.content.decode()
    wens.refresh_from_db()
    assert (wens.status, wens.versie) == (S.INGETROKKEN, 2)
    # Gone from the person's page and home, and from the coordinator's list.
    assert "Mijn wens intrekken" not in antwoord.content.decode()
    assert "Er is geen haast." in client.get(reverse("mijn_overzicht")).content.decode()
    assert list(wensen.open_wensen()) == []
    assert wensen.aantal_open() == 0
    # Offering again later makes a new wish.
    client.post(URL, {"manieren": ["buddy"]})
    assert Meehelpwens.objects.filter(status=S.NIEUW).count() == 1


def test_nobody_else_can_withdraw_a_wish(client, deelnemer):
    wens = wens_van(deelnemer)
    client.force_login(UserFactory())
    assert client.post(reverse("meehelpen_intrekken", args=[wens.pk])).status_code == 404
    wens.refresh_from_db()
    assert wens.status == S.NIEUW


def test_a_started_wish_is_not_withdrawn_but_explained(client, deelnemer, coordinator):
    wens = wens_van(deelnemer)
    wensen.beslis(wens.pk, 1, coordinator, uitkomst=S.GESTART, soort="gastheer")
    client.force_login(deelnemer)
    antwoord = client.post(reverse("meehelpen_intrekken", args=[wens.pk]), follow=True)
    html = antwoord.content.decode()
    assert "Over deze wens is al besloten: Je bent gestart als gastvrouw of gastheer" in html
    wens.refresh_from_db()
    assert wens.status == S.GESTART


def test_a_double_submit_makes_one_wish(deelnemer):
    eerste = wensen.bied_aan(deelnemer, manieren=["buddy"], anders="", wanneer="")
    tweede = wensen.bied_aan(deelnemer, manieren=["gastheer"], anders="", wanneer="maandag")
    assert eerste.pk == tweede.pk
    wens = Meehelpwens.objects.get()
    assert (wens.manieren, wens.wanneer) == (["gastheer"], "maandag")


@pytest.mark.parametrize("rol", ["deelnemer", "facilitator", "coordinator", "outsider"])
def test_everyone_signed_in_may_offer(client_for, rol):
    assert client_for(rol).get(URL).status_code == 200


def test_erasing_an_account_erases_its_wishes_and_unnames_its_decisions(deelnemer, coordinator):
    from privacy import verwijderen

    wens_van(deelnemer, status=S.INGETROKKEN)
    wens_van(deelnemer, status=S.NIET_NU, beslist_door=coordinator)
    ander = wens_van(UserFactory(), status=S.LATER, beslist_door=coordinator)
    assert verwijderen.verwijder_account(deelnemer, "verwijderen", door=deelnemer)
    assert not Meehelpwens.objects.filter(user=deelnemer).exists()
    # A coordinator who leaves is first no longer coordinator (the erasure waits for that).
    coordinator.is_coordinator = False
    coordinator.save(update_fields=["is_coordinator"])
    assert verwijderen.verwijder_account(coordinator, "verwijderen", door=coordinator)
    ander.refresh_from_db()
    assert (ander.status, ander.beslist_door) == (S.LATER, None)
    assert wensen.naam_coordinator(ander) == "De coördinator"
