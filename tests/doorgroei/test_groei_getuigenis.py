"""Getuigenis as a role: who sees an offer, inviting for a meeting, answering, notices,
bad input and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorgroei import getuigenis
from doorgroei.models import Verhaalaanbod, Verhaaluitnodiging
from groepen.models import Lidmaatschap
from herstelmodel import verhaal as verhaal_mod
from nazorg.models import Melding
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db
FAC = Lidmaatschap.Rol.FACILITATOR


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"


def deel_verhaal(user, groep):
    verhaal_mod.opslaan(user, "Mijn weg", {"overweldigd": "Het begon zo."})
    return verhaal_mod.delen(user, groep)


def komend(groep, dagen=7):
    return BijeenkomstFactory(
        groep=groep, begint_om=timezone.now() + datetime.timedelta(days=dagen)
    )


@pytest.fixture
def sam_biedt_aan(groep, deelnemer):
    deel_verhaal(deelnemer, groep)
    getuigenis.zet_aanbod(deelnemer, True)
    return deelnemer


# --- Who sees an offer --------------------------------------------------------------------------


def test_only_facilitators_who_may_read_the_story_see_the_offer(groep, facilitator, sam_biedt_aan):
    andere_groep = GroepFactory()
    LidmaatschapFactory(groep=andere_groep, user=sam_biedt_aan)
    # Facilitator of another group Sam is in: the story is not shared there.
    ander = UserFactory(mfa=True)
    LidmaatschapFactory(groep=andere_groep, user=ander, rol=FAC)
    # Someone who became facilitator of the group after Sam shared: may not read it.
    laat = UserFactory(mfa=True)
    LidmaatschapFactory(
        groep=groep, user=laat, rol=FAC, status_sinds=timezone.now() + datetime.timedelta(seconds=5)
    )
    medelid = LidmaatschapFactory(groep=groep).user
    coordinator = UserFactory(is_coordinator=True)

    def ziet(user):
        return list(Verhaalaanbod.objects.zichtbaar_voor(user).values_list("user", flat=True))

    assert ziet(facilitator) == [sam_biedt_aan.pk]
    for user in (ander, laat, medelid, coordinator, sam_biedt_aan):
        assert ziet(user) == [], user


def test_the_offer_goes_out_of_sight_when_sharing_stops_or_the_person_leaves(
    groep, facilitator, sam_biedt_aan
):
    verhaal_mod.stoppen_met_delen(sam_biedt_aan)
    assert not Verhaalaanbod.objects.zichtbaar_voor(facilitator).exists()
    deel_verhaal(sam_biedt_aan, groep)
    assert Verhaalaanbod.objects.zichtbaar_voor(facilitator).exists()
    Lidmaatschap.objects.filter(user=sam_biedt_aan).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    assert not Verhaalaanbod.objects.zichtbaar_voor(facilitator).exists()


def test_person_turns_the_offer_on_and_off_and_sees_who_sees_it(client, groep, deelnemer):
    client.force_login(deelnemer)
    url = reverse("doorgroei_verhaal_aanbod")
    client.post(url, {"aanbod": "aan"})
    assert Verhaalaanbod.objects.filter(user=deelnemer).exists()
    assert "Nobody sees your offer right now" in client.get(url).content.decode()
    deel_verhaal(deelnemer, groep)
    html = client.get(url).content.decode()
    assert f"The facilitators of {groep.naam}" in html
    client.post(url, {"aanbod": "uit"})
    assert not Verhaalaanbod.objects.filter(user=deelnemer).exists()


def test_home_links_the_offer_page_for_someone_who_shares_their_story(client, groep, deelnemer):
    client.force_login(deelnemer)
    link = reverse("doorgroei_verhaal_aanbod")
    assert link not in client.get(reverse("mijn_overzicht")).content.decode()
    deel_verhaal(deelnemer, groep)
    assert link in client.get(reverse("mijn_overzicht")).content.decode()


# --- Inviting and answering ----------------------------------------------------------------------


def _uitnodigen(client, sam, **data):
    return client.post(reverse("doorgroei_verteller_uitnodigen", args=[sam.pk]), data)


def test_facilitator_invites_person_answers_and_both_get_a_notice(
    client, groep, facilitator, sam_biedt_aan
):
    bijeenkomst = komend(groep)
    client.force_login(facilitator)
    response = _uitnodigen(
        client, sam_biedt_aan, bijeenkomst=bijeenkomst.pk, bericht="Een half uur?"
    )
    assert response.status_code == 302
    uitnodiging = Verhaaluitnodiging.objects.get()
    assert uitnodiging.uitgenodigd_door == facilitator
    melding = Melding.objects.get(user=sam_biedt_aan)
    assert melding.link == reverse("doorgroei_verhaal_aanbod")
    assert sam_biedt_aan.roepnaam not in melding.titel

    client.force_login(sam_biedt_aan)
    html = client.get(reverse("doorgroei_verhaal_aanbod")).content.decode()
    assert "Een half uur?" in html
    assert groep.naam in html
    assert (
        "You are invited to tell your story"
        in client.get(reverse("mijn_overzicht")).content.decode()
    )
    url = reverse("doorgroei_verhaal_antwoord", args=[uitnodiging.pk])
    client.post(url, {"antwoord": "ja"})
    client.post(url, {"antwoord": "nee"})  # a second answer changes nothing
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == "ja"
    assert Melding.objects.filter(user=facilitator).count() == 1

    client.force_login(facilitator)
    html = client.get(reverse("doorgroei_vertellers")).content.decode()
    assert "Answer: yes" in html


def test_an_invitation_for_a_past_meeting_is_refused_with_a_clear_message(
    client, groep, facilitator, sam_biedt_aan
):
    geweest = BijeenkomstFactory(
        groep=groep, begint_om=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(facilitator)
    response = _uitnodigen(client, sam_biedt_aan, bijeenkomst=geweest.pk, bericht="Mijn bericht")
    assert response.status_code == 400
    assert response.context["form"].errors["bijeenkomst"] == [
        "This meeting has already taken place. Choose one still to come."
    ]
    assert "Mijn bericht" in response.content.decode()
    assert not Verhaaluitnodiging.objects.exists()


def test_empty_choice_and_a_meeting_of_another_group_are_refused(
    client, groep, facilitator, sam_biedt_aan
):
    client.force_login(facilitator)
    response = _uitnodigen(client, sam_biedt_aan, bijeenkomst="", bericht="")
    assert response.context["form"].errors["bijeenkomst"] == [
        "Choose the meeting you invite them for."
    ]
    vreemd = komend(GroepFactory())
    response = _uitnodigen(client, sam_biedt_aan, bijeenkomst=vreemd.pk)
    assert response.context["form"].errors["bijeenkomst"] == [
        "Choose one of the meetings in the list."
    ]
    assert not Verhaaluitnodiging.objects.exists()


def test_inviting_twice_for_one_meeting_says_so(client, groep, facilitator, sam_biedt_aan):
    bijeenkomst = komend(groep)
    client.force_login(facilitator)
    _uitnodigen(client, sam_biedt_aan, bijeenkomst=bijeenkomst.pk)
    response = _uitnodigen(client, sam_biedt_aan, bijeenkomst=bijeenkomst.pk)
    assert response.status_code == 400
    assert response.context["form"].errors["bijeenkomst"] == [
        "Sam is already invited for this meeting."
    ]
    assert Verhaaluitnodiging.objects.count() == 1


def test_a_facilitator_who_may_not_read_the_story_gets_404(client, groep, sam_biedt_aan):
    ander = UserFactory(mfa=True)
    LidmaatschapFactory(groep=GroepFactory(), user=ander, rol=FAC)
    client.force_login(ander)
    url = reverse("doorgroei_verteller_uitnodigen", args=[sam_biedt_aan.pk])
    assert client.get(url).status_code == 404
    assert (
        sam_biedt_aan.roepnaam not in client.get(reverse("doorgroei_vertellers")).content.decode()
    )


def test_a_message_with_signal_words_is_sent_and_shows_help(
    client, groep, facilitator, sam_biedt_aan
):
    client.force_login(facilitator)
    response = _uitnodigen(
        client, sam_biedt_aan, bijeenkomst=komend(groep).pk, bericht="Ik wil er niet meer zijn"
    )
    assert response.status_code == 302
    assert "113" in client.get(response.url).content.decode()


def test_no_answer_after_the_meeting_started(client, groep, facilitator, sam_biedt_aan):
    bijeenkomst = komend(groep)
    uitnodiging = getuigenis.nodig_uit(facilitator, Verhaalaanbod.objects.get(), bijeenkomst, "")
    bijeenkomst.begint_om = timezone.now() - datetime.timedelta(minutes=5)
    bijeenkomst.save()
    client.force_login(sam_biedt_aan)
    client.post(reverse("doorgroei_verhaal_antwoord", args=[uitnodiging.pk]), {"antwoord": "ja"})
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == "open"


# --- Query counts ----------------------------------------------------------------------


def test_facilitator_list_queries_do_not_grow(
    client, groep, facilitator, django_assert_num_queries
):
    def aanbieder():
        user = UserFactory()
        LidmaatschapFactory(groep=groep, user=user)
        deel_verhaal(user, groep)
        getuigenis.zet_aanbod(user, True)
        getuigenis.nodig_uit(facilitator, Verhaalaanbod.objects.get(user=user), komend(groep), "")

    aanbieder()
    client.force_login(facilitator)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("doorgroei_vertellers"))
    for _ in range(3):
        aanbieder()
    with django_assert_num_queries(len(small)):
        response = client.get(reverse("doorgroei_vertellers"))
    assert len(response.context["aanbiedingen"]) == 4


def test_person_page_queries_do_not_grow(
    client, groep, facilitator, sam_biedt_aan, django_assert_num_queries
):
    aanbod = Verhaalaanbod.objects.get()
    getuigenis.nodig_uit(facilitator, aanbod, komend(groep), "")
    client.force_login(sam_biedt_aan)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("doorgroei_verhaal_aanbod"))
    for dagen in (8, 9, 10):
        getuigenis.nodig_uit(facilitator, aanbod, komend(groep, dagen), "")
    with django_assert_num_queries(len(small)):
        client.get(reverse("doorgroei_verhaal_aanbod"))


def test_the_shared_version_text_never_reaches_the_facilitator_list(
    client, groep, facilitator, sam_biedt_aan
):
    client.force_login(facilitator)
    html = client.get(reverse("doorgroei_vertellers")).content.decode()
    assert "Sam" in html
    assert "Het begon zo." not in html
