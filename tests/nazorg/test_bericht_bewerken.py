"""Editing and taking back your own community post (nazorg/bewerken.py), its history for
moderators, and undoing "Herken ik"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nazorg import bewerken, moderatie
from nazorg.models import (
    POST_MAX,
    Bericht,
    BerichtVersie,
    Draad,
    HerkenIk,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
    Status,
)

from .conftest import maak_afgelopen_groep

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
HULP = b"kop-hulp-nu"


@pytest.fixture
def cohort(db):
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=3)
    for user in (*mensen, facilitator):
        RichtlijnAkkoord.objects.get_or_create(user=user)
    ruimte = Ruimte.objects.create(groep=groep, naam=groep.naam)
    return ruimte, mensen, facilitator


@pytest.fixture
def draad(cohort):
    """A thread by mensen[0] with a reply by mensen[1]."""
    ruimte, mensen, _f = cohort
    draad = Draad.objects.create(ruimte=ruimte, titel="Slecht geslapen", auteur=mensen[0])
    eerste = Bericht.objects.create(draad=draad, auteur=mensen[0], tekst="Ik sliep slecht")
    Bericht.objects.create(draad=draad, auteur=mensen[1], tekst="Herkenbaar, sterkte")
    return draad, eerste


def _url(naam, bericht):
    return reverse(naam, args=[bericht.pk])


# --- Editing -------------------------------------------------------------------------------


def test_author_edits_text_and_title_and_others_see_changed(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, eerste = draad
    client.force_login(mensen[0])
    response = client.get(_url("bericht_bewerken", eerste), **EN)
    assert response.status_code == 200
    assert b"Ik sliep slecht" in response.content
    assert b'name="titel"' in response.content  # the first post: the title too
    response = client.post(
        _url("bericht_bewerken", eerste), {"titel": "Beter geslapen", "tekst": "Nu beter"}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#bericht-{eerste.pk}")
    eerste.refresh_from_db()
    draad.refresh_from_db()
    assert (eerste.tekst, draad.titel) == ("Nu beter", "Beter geslapen")
    assert eerste.bewerkt_op is not None
    versie = BerichtVersie.objects.get(bericht=eerste)
    assert (versie.tekst, versie.titel) == ("Ik sliep slecht", "Slecht geslapen")
    # Another member sees the new text marked as changed, not the old one.
    client.force_login(mensen[2])
    response = client.get(reverse("draad", args=[draad.pk]), **EN)
    assert b"Nu beter" in response.content
    assert b'class="bewerkt"' in response.content
    assert b"Ik sliep slecht" not in response.content


def test_reply_edit_has_no_title_and_unchanged_saves_no_version(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, _e = draad
    antwoord = draad.berichten.get(auteur=mensen[1])
    client.force_login(mensen[1])
    response = client.get(_url("bericht_bewerken", antwoord))
    assert b'name="titel"' not in response.content
    client.post(_url("bericht_bewerken", antwoord), {"tekst": "Herkenbaar, sterkte"})
    assert not BerichtVersie.objects.exists()
    antwoord.refresh_from_db()
    assert antwoord.bewerkt_op is None


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [("   ", b"Please write a message."), ("x" * (POST_MAX + 1), b"characters at most")],
)
def test_bad_edit_keeps_what_was_typed(client, cohort, draad, tekst, fout):
    _r, mensen, _f = cohort
    _d, eerste = draad
    client.force_login(mensen[0])
    response = client.post(
        _url("bericht_bewerken", eerste), {"titel": "Mijn nieuwe titel", "tekst": tekst}, **EN
    )
    assert response.status_code == 400
    assert fout in response.content
    assert b"Mijn nieuwe titel" in response.content  # nothing typed is lost
    eerste.refresh_from_db()
    assert eerste.tekst == "Ik sliep slecht"
    assert eerste.bewerkt_op is None
    assert not BerichtVersie.objects.exists()


def test_someone_else_cannot_edit_or_take_back(client, cohort, draad):
    _r, mensen, facilitator = cohort
    _d, eerste = draad
    for user in (mensen[1], facilitator):  # a member, and a moderator of the space
        client.force_login(user)
        assert client.get(_url("bericht_bewerken", eerste)).status_code == 404
        assert client.post(_url("bericht_bewerken", eerste), {"tekst": "Weg"}).status_code == 404
        assert client.post(_url("bericht_terugnemen", eerste)).status_code == 404
    eerste.refresh_from_db()
    assert eerste.tekst == "Ik sliep slecht"
    assert eerste.teruggenomen_op is None


def test_no_edit_links_on_someone_elses_post(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, eerste = draad
    client.force_login(mensen[1])
    content = client.get(reverse("draad", args=[draad.pk])).content.decode()
    assert _url("bericht_bewerken", eerste) not in content
    antwoord = draad.berichten.get(auteur=mensen[1])
    assert _url("bericht_bewerken", antwoord) in content


def test_edit_of_a_hidden_post_is_refused_with_the_reason(client, cohort, draad):
    _r, mensen, facilitator = cohort
    draad, _e = draad
    antwoord = draad.berichten.get(auteur=mensen[1])
    zaak = Moderatiezaak.objects.create(bericht=antwoord, soort=Moderatiezaak.Soort.GEMELD)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, "Namen van anderen")
    client.force_login(mensen[1])
    for response in (
        client.get(_url("bericht_bewerken", antwoord), **EN),
        client.post(_url("bericht_bewerken", antwoord), {"tekst": "Anders"}, **EN),
        client.post(_url("bericht_terugnemen", antwoord), **EN),
    ):
        assert response.status_code == 403
        assert b"Namen van anderen" in response.content
        assert b"A facilitator hid this message" in response.content
    antwoord.refresh_from_db()
    assert antwoord.tekst == "Herkenbaar, sterkte"
    assert antwoord.teruggenomen_op is None


def test_a_held_post_can_be_edited_by_its_author(client, cohort, draad):
    _r, mensen, _f = cohort
    _d, eerste = draad
    Bericht.objects.filter(pk=eerste.pk).update(status=Status.VASTGEHOUDEN)
    client.force_login(mensen[0])
    response = client.post(
        _url("bericht_bewerken", eerste), {"titel": "Slecht geslapen", "tekst": "Anders"}
    )
    assert response.status_code == 302
    eerste.refresh_from_db()
    assert eerste.tekst == "Anders"


def test_history_visible_to_moderator_not_to_members(client, cohort, draad):
    _r, mensen, facilitator = cohort
    draad, eerste = draad
    eerste.eerste = True
    bewerken.bewerk(eerste, "Tweede tekst", "Slecht geslapen")
    bewerken.bewerk(eerste, "Derde tekst", "Slecht geslapen")
    url = reverse("draad", args=[draad.pk])
    for lid in (mensen[0], mensen[1]):  # the author and another member
        client.force_login(lid)
        content = client.get(url, **EN).content
        assert b"Derde tekst" in content
        assert b"Ik sliep slecht" not in content
        assert b"Tweede tekst" not in content
        assert b"earlier versions" not in content
    client.force_login(facilitator)
    content = client.get(url, **EN).content
    assert b"2 earlier versions (only for facilitators)" in content
    assert b"Ik sliep slecht" in content
    assert b"Tweede tekst" in content


# --- Signal words ----------------------------------------------------------------------------


def test_crisis_word_in_an_edit_shows_help_and_opens_a_case(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, _e = draad
    antwoord = draad.berichten.get(auteur=mensen[1])
    client.force_login(mensen[1])
    response = client.post(
        _url("bericht_bewerken", antwoord), {"tekst": "Eigenlijk wil ik dood"}, follow=True
    )
    assert HULP in response.content
    zaak = Moderatiezaak.objects.get(bericht=antwoord)
    assert zaak.soort == Moderatiezaak.Soort.SIGNAAL
    antwoord.refresh_from_db()
    assert antwoord.signaal
    # Fixing a typo next to the same word opens no second case.
    client.post(_url("bericht_bewerken", antwoord), {"tekst": "Eigenlijk wil ik dood."})
    assert Moderatiezaak.objects.filter(bericht=antwoord).count() == 1


def test_crisis_word_in_a_refused_edit_still_shows_help(client, cohort, draad):
    _r, mensen, _f = cohort
    _d, eerste = draad
    client.force_login(mensen[0])
    response = client.post(
        _url("bericht_bewerken", eerste), {"titel": "", "tekst": "Ik wil dood"}, **EN
    )
    assert response.status_code == 400
    assert HULP in response.content
    assert not Moderatiezaak.objects.exists()  # nothing was saved


def test_crisis_word_in_an_edit_is_held_under_the_hold_policy(cohort, draad):
    ruimte, _m, _f = cohort
    ruimte.signaalbeleid = Ruimte.Signaalbeleid.VASTHOUDEN
    ruimte.save()
    draad, eerste = draad
    eerste = bewerken.eigen_bericht_voor(eerste.auteur, eerste.pk)
    bewerken.bewerk(eerste, "Ik sliep slecht", "Ik wil niet meer leven")
    eerste.refresh_from_db()
    draad.refresh_from_db()
    assert eerste.status == Status.VASTGEHOUDEN
    assert draad.status == Status.VASTGEHOUDEN


# --- Taking back -----------------------------------------------------------------------------


def test_take_back_first_post_keeps_thread_and_replies_and_erases_text(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, eerste = draad
    eerste.eerste = True
    bewerken.bewerk(eerste, "GEHEIME TWEEDE TEKST", "Slecht geslapen")
    HerkenIk.objects.create(bericht=eerste, user=mensen[1])
    client.force_login(mensen[0])
    response = client.post(_url("bericht_terugnemen", eerste))
    assert response.status_code == 302
    eerste.refresh_from_db()
    assert eerste.teruggenomen_op is not None
    assert eerste.tekst == ""
    assert not BerichtVersie.objects.filter(bericht=eerste).exists()
    # Raw: no ciphertext left in the row or in a version.
    with connection.cursor() as cursor:
        cursor.execute("SELECT tekst FROM nazorg_bericht WHERE id = %s", [eerste.pk])
        assert cursor.fetchone()[0] == ""
        cursor.execute("SELECT COUNT(*) FROM nazorg_berichtversie")
        assert cursor.fetchone()[0] == 0
    assert Draad.objects.filter(pk=draad.pk, status=Status.ZICHTBAAR).exists()
    assert draad.berichten.count() == 2
    # The title was the writer's words too: a neutral one, as when an account is erased.
    draad.refresh_from_db()
    assert draad.titel == "Gesprek"
    assert "Slecht geslapen" not in str(list(Draad.objects.values_list("titel", flat=True)))
    # Everyone sees it was taken back; the reply stays; no buttons on the empty post.
    client.force_login(mensen[2])
    response = client.get(reverse("draad", args=[draad.pk]), **EN)
    assert b"This person took back their message." in response.content
    assert b"Herkenbaar, sterkte" in response.content
    assert _url("herken_ik", eerste).encode() not in response.content
    assert client.post(_url("herken_ik", eerste)).status_code == 404
    # Taken back is final: no editing afterwards.
    client.force_login(mensen[0])
    assert client.get(_url("bericht_bewerken", eerste)).status_code == 404


def test_taken_back_shows_in_dutch(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, eerste = draad
    client.force_login(mensen[0])
    client.post(_url("bericht_terugnemen", eerste))
    response = client.get(reverse("draad", args=[draad.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Deze persoon heeft het bericht teruggenomen." in response.content.decode()


def test_take_back_needs_post(client, cohort, draad):
    _r, mensen, _f = cohort
    _d, eerste = draad
    client.force_login(mensen[0])
    assert client.get(_url("bericht_terugnemen", eerste)).status_code == 405
    eerste.refresh_from_db()
    assert eerste.teruggenomen_op is None


# --- "Herken ik" -----------------------------------------------------------------------------


def test_herken_ik_press_and_undo_without_js(client, cohort, draad):
    _r, mensen, _f = cohort
    draad, eerste = draad
    client.force_login(mensen[2])
    url = reverse("draad", args=[draad.pk])
    knop = f'action="{_url("herken_ik", eerste)}"'
    content = client.get(url).content.decode()
    assert knop in content  # a plain form: works without JavaScript
    assert 'aria-pressed="false"' in content
    client.post(_url("herken_ik", eerste))
    content = client.get(url).content.decode()
    deel = content[content.index(knop) :]
    assert deel.index('aria-pressed="true"') < deel.index("</form>")
    assert '<span class="herken-aantal">1</span>' in deel
    client.post(_url("herken_ik", eerste))  # again: undone
    assert not HerkenIk.objects.filter(bericht=eerste, user=mensen[2]).exists()
    deel = client.get(url).content.decode()
    deel = deel[deel.index(knop) :]
    assert deel.index('aria-pressed="false"') < deel.index("</form>")
    assert '<span class="herken-aantal">0</span>' in deel


# --- Query count -----------------------------------------------------------------------------


def _vul(draad, mensen, n):
    for i in range(n):
        bericht = Bericht.objects.create(draad=draad, auteur=mensen[i % 3], tekst=f"Tekst {i}")
        bericht.eerste = False
        bewerken.bewerk(bericht, f"Bewerkt {i}")
        HerkenIk.objects.create(bericht=bericht, user=mensen[(i + 1) % 3])
        if i % 2:
            bewerken.neem_terug(bericht)


@pytest.mark.parametrize("wie", ["lid", "moderator"])
def test_thread_query_count_flat_with_edited_and_taken_back_posts(
    client, cohort, draad, django_assert_num_queries, wie
):
    _r, mensen, facilitator = cohort
    draad, _e = draad
    client.force_login(mensen[0] if wie == "lid" else facilitator)
    url = reverse("draad", args=[draad.pk])
    _vul(draad, mensen, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    _vul(draad, mensen, 20)
    with django_assert_num_queries(len(klein.captured_queries)):
        client.get(url)


# --- Privacy -----------------------------------------------------------------------------


@pytest.mark.parametrize("berichten", ["verwijderen", "anoniem"])
def test_erasure_removes_earlier_versions(cohort, draad, berichten):
    from privacy import verwijderen
    from privacy.models import Verwijderverzoek

    _r, mensen, _f = cohort
    _d, eerste = draad
    eerste.eerste = True
    bewerken.bewerk(eerste, "Nieuwe tekst", "Slecht geslapen")
    antwoord = Bericht.objects.get(auteur=mensen[1])
    antwoord.eerste = False
    bewerken.bewerk(antwoord, "Ander antwoord")
    keuze = {
        "verwijderen": Verwijderverzoek.Berichten.VERWIJDEREN,
        "anoniem": Verwijderverzoek.Berichten.ANONIEM,
    }[berichten]
    assert verwijderen.verwijder_account(mensen[0], berichten=keuze)
    assert not BerichtVersie.objects.filter(bericht_id=eerste.pk).exists()
    # Someone else's history stays.
    assert BerichtVersie.objects.filter(bericht=antwoord).exists()


def test_moderation_queue_says_a_post_was_taken_back(client, cohort, draad):
    _r, mensen, facilitator = cohort
    _d, eerste = draad
    Moderatiezaak.objects.create(bericht=eerste, soort=Moderatiezaak.Soort.SIGNAAL)
    client.force_login(mensen[0])
    client.post(_url("bericht_terugnemen", eerste))
    client.force_login(facilitator)
    response = client.get(reverse("moderatie"), **EN)
    assert response.status_code == 200
    assert b"This person took back their message." in response.content
    assert b"Ik sliep slecht" not in response.content
