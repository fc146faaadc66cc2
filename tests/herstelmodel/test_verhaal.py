"""Mijn verhaal: the guided editor, versions, restoring, and sharing as getuigenis."""

import json
import logging
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groepen.models import Lidmaatschap
from herstelmodel import verhaal
from herstelmodel.models import Verhaal, VerhaalVersie
from herstelmodel.stappen import VERHAAL_DELEN

from ..factories import GroepFactory, LidmaatschapFactory, UserFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
EERSTE, TWEEDE = VERHAAL_DELEN[0].sleutel, VERHAAL_DELEN[1].sleutel


def formulier(titel="", **delen):
    data = {"titel": titel}
    data.update({f"deel_{d.sleutel}": delen.get(d.sleutel, "") for d in VERHAAL_DELEN})
    return data


def versies_van(user):
    return VerhaalVersie.objects.filter(verhaal__auteur=user).order_by("aangemaakt_op", "pk")


def schrijf(user, tekst="Het begon op een dinsdag.", titel=""):
    versie, _nieuw = verhaal.opslaan(user, titel, {EERSTE: tekst})
    return versie


def titel_van(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


@pytest.fixture
def als_deelnemer(client, deelnemer):
    client.force_login(deelnemer)
    return client


# --- The editor --------------------------------------------------------------------------


def test_editor_explains_privacy_and_shows_every_part(als_deelnemer):
    response = als_deelnemer.get(reverse("verhaal"), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Everything you write here is private" in html
    assert "Things you could write about" in html
    for deel in VERHAAL_DELEN:
        assert f'name="deel_{deel.sleutel}"' in html
        assert str(deel.titel) in html
        assert str(deel.vragen[0]) in html
    assert "maxlength" not in html.split('name="titel"')[1].split(">")[0]
    assert not re.search(r"<textarea[^>]*maxlength", html)


def test_saving_keeps_a_version_and_the_editor_opens_with_it(als_deelnemer, deelnemer):
    data = formulier("Mijn weg", **{EERSTE: "Alles viel stil.", TWEEDE: "Ik probeerde veel."})
    response = als_deelnemer.post(reverse("verhaal"), data)
    assert response.status_code == 302
    assert response.url == reverse("verhaal")

    versie = versies_van(deelnemer).get()
    assert versie.titel == "Mijn weg"
    assert json.loads(versie.inhoud) == {EERSTE: "Alles viel stil.", TWEEDE: "Ik probeerde veel."}

    html = als_deelnemer.get(reverse("verhaal")).content.decode()
    assert "Alles viel stil." in html
    assert "Ik probeerde veel." in html
    assert 'value="Mijn weg"' in html


def test_every_changed_save_adds_a_version(als_deelnemer, deelnemer):
    als_deelnemer.post(reverse("verhaal"), formulier(**{EERSTE: "Eerste versie."}))
    als_deelnemer.post(reverse("verhaal"), formulier(**{EERSTE: "Tweede versie."}))
    assert [verhaal.delen_van(v)[EERSTE] for v in versies_van(deelnemer)] == [
        "Eerste versie.",
        "Tweede versie.",
    ]


def test_no_new_version_when_nothing_changed(als_deelnemer, deelnemer):
    data = formulier("Titel", **{EERSTE: "Regel een\r\nRegel twee"})
    als_deelnemer.post(reverse("verhaal"), data)
    response = als_deelnemer.post(reverse("verhaal"), data, follow=True, **EN)
    assert versies_van(deelnemer).count() == 1
    assert "Nothing changed" in response.content.decode()
    # A changed title alone is a change.
    als_deelnemer.post(reverse("verhaal"), {**data, "titel": "Andere titel"})
    assert versies_van(deelnemer).count() == 2


@pytest.mark.parametrize("leeg", ["", "   \r\n  "])
def test_an_empty_story_gets_a_clear_message(als_deelnemer, deelnemer, leeg):
    response = als_deelnemer.post(
        reverse("verhaal"), formulier("Een titel", **{EERSTE: leeg}), **EN
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your story is still empty" in html
    assert 'value="Een titel"' in html
    assert not Verhaal.objects.filter(auteur=deelnemer).exists()


def test_an_oversized_part_keeps_everything_that_was_typed(als_deelnemer, deelnemer):
    lang = "woord " * 900 + "EINDE"  # > 5000 characters
    ander = "Dit deel is prima."
    response = als_deelnemer.post(
        reverse("verhaal"), formulier("Titel", **{EERSTE: lang, TWEEDE: ander}), **EN
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [f"deel_{EERSTE}"]
    assert "the limit is 5000" in form.errors[f"deel_{EERSTE}"][0]
    html = response.content.decode()
    assert lang.strip() in html  # all of it, not cut off
    assert ander in html
    assert not VerhaalVersie.objects.exists()


def test_an_oversized_title_keeps_the_story(als_deelnemer):
    response = als_deelnemer.post(
        reverse("verhaal"), formulier("t" * 151, **{EERSTE: "Mijn tekst."})
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["titel"]
    assert "Mijn tekst." in response.content.decode()
    assert not VerhaalVersie.objects.exists()


# --- Versions ----------------------------------------------------------------------------


def test_versions_newest_first_with_word_counts(als_deelnemer, deelnemer):
    schrijf(deelnemer, "een twee drie", titel="Oud")
    schrijf(deelnemer, "een twee drie vier vijf", titel="Nieuw")
    response = als_deelnemer.get(reverse("verhaal_versies"), **EN)
    assert response.status_code == 200
    versies = list(response.context["pagina"])
    assert [v.titel for v in versies] == ["Nieuw", "Oud"]
    assert [v.woorden for v in versies] == [5, 3]
    assert "5 words" in response.content.decode()


def test_versions_are_paginated(als_deelnemer, deelnemer):
    for i in range(23):
        schrijf(deelnemer, f"versie {i}")
    eerste = als_deelnemer.get(reverse("verhaal_versies"))
    assert len(eerste.context["pagina"]) == 20
    tweede = als_deelnemer.get(reverse("verhaal_versies"), {"pagina": 2})
    assert len(tweede.context["pagina"]) == 3


def test_versions_list_query_count_does_not_grow(
    als_deelnemer, deelnemer, django_assert_num_queries
):
    for i in range(3):
        schrijf(deelnemer, f"versie {i}")
    with CaptureQueriesContext(connection) as klein:
        assert als_deelnemer.get(reverse("verhaal_versies")).status_code == 200
    for i in range(40):
        schrijf(deelnemer, f"meer {i}")
    with django_assert_num_queries(len(klein.captured_queries)):
        assert als_deelnemer.get(reverse("verhaal_versies")).status_code == 200


def test_reading_one_version(als_deelnemer, deelnemer):
    oud = schrijf(deelnemer, "Eerste regel\n\nTweede <b>alinea</b>", titel="Mijn titel")
    schrijf(deelnemer, "Later")
    response = als_deelnemer.get(reverse("verhaal_versie", args=[oud.pk]), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Eerste regel</p>" in html
    assert "Tweede &lt;b&gt;alinea&lt;/b&gt;" in html  # escaped, never markup
    assert "Use this version again" in html
    titel = titel_van(response)
    assert "Mijn titel" not in titel
    assert "Eerste" not in titel


def test_restore_makes_an_old_version_the_latest_again(als_deelnemer, deelnemer):
    oud = schrijf(deelnemer, "Zoals het eerst was.", titel="Eerst")
    schrijf(deelnemer, "Zoals het later werd.", titel="Later")
    response = als_deelnemer.post(reverse("verhaal_herstellen", args=[oud.pk]))
    assert response.status_code == 302
    assert response.url == reverse("verhaal")
    versies = list(versies_van(deelnemer))
    assert len(versies) == 3  # nothing is overwritten
    assert versies[-1].titel == "Eerst"
    assert verhaal.delen_van(versies[-1]) == {EERSTE: "Zoals het eerst was."}
    assert "Zoals het eerst was." in als_deelnemer.get(reverse("verhaal")).content.decode()
    # Restoring the latest again changes nothing.
    als_deelnemer.post(reverse("verhaal_herstellen", args=[versies[-1].pk]))
    assert versies_van(deelnemer).count() == 3


def test_restore_needs_post(als_deelnemer, deelnemer):
    versie = schrijf(deelnemer)
    assert als_deelnemer.get(reverse("verhaal_herstellen", args=[versie.pk])).status_code == 405


def test_someone_elses_version_does_not_exist(client, deelnemer, facilitator):
    versie = schrijf(deelnemer, "Van Sam alleen.")
    client.force_login(facilitator)
    assert client.get(reverse("verhaal_versie", args=[versie.pk])).status_code == 404
    assert client.post(reverse("verhaal_herstellen", args=[versie.pk])).status_code == 404
    assert not Verhaal.objects.filter(auteur=facilitator).exists()
    assert "Van Sam alleen." not in client.get(reverse("verhaal_versies")).content.decode()


# --- Sharing -----------------------------------------------------------------------------


def test_sharing_with_my_group(als_deelnemer, deelnemer, groep):
    versie = schrijf(deelnemer)
    response = als_deelnemer.post(reverse("verhaal_delen"), {"groep": groep.pk})
    assert response.status_code == 302
    mijn = Verhaal.objects.get(auteur=deelnemer)
    assert mijn.gedeeld_met == groep
    assert mijn.gedeelde_versie == versie
    assert mijn.gedeeld_op is not None
    assert mail.outbox == []  # sharing never mails anyone the text


def test_the_share_form_offers_only_my_active_groups(als_deelnemer, deelnemer, groep):
    schrijf(deelnemer)
    oud = GroepFactory()
    LidmaatschapFactory(groep=oud, user=deelnemer, status=Lidmaatschap.Status.UITGESCHREVEN)
    GroepFactory()
    keuzes = als_deelnemer.get(reverse("verhaal")).context["delen_form"].fields["groep"].queryset
    assert list(keuzes) == [groep]


def test_sharing_with_a_group_i_am_not_in(als_deelnemer, deelnemer):
    schrijf(deelnemer)
    vreemd = GroepFactory()
    response = als_deelnemer.post(reverse("verhaal_delen"), {"groep": vreemd.pk}, **EN)
    assert response.status_code == 200
    assert "only share your story with a group you take part in now" in (response.content.decode())
    assert Verhaal.objects.get(auteur=deelnemer).gedeeld_met is None


def test_sharing_with_a_group_i_left(als_deelnemer, deelnemer, groep):
    schrijf(deelnemer)
    Lidmaatschap.objects.filter(user=deelnemer, groep=groep).update(
        status=Lidmaatschap.Status.UITGESCHREVEN
    )
    response = als_deelnemer.post(reverse("verhaal_delen"), {"groep": groep.pk}, **EN)
    assert response.status_code == 200
    assert "groep" in response.context["delen_form"].errors
    assert Verhaal.objects.get(auteur=deelnemer).gedeeld_met is None


def test_sharing_without_choosing_a_group(als_deelnemer, deelnemer):
    schrijf(deelnemer)
    response = als_deelnemer.post(reverse("verhaal_delen"), {}, **EN)
    assert response.status_code == 200
    assert "Choose the group" in response.content.decode()


def test_sharing_before_writing_anything(als_deelnemer, deelnemer, groep):
    response = als_deelnemer.post(reverse("verhaal_delen"), {"groep": groep.pk}, **EN)
    assert response.status_code == 200
    assert "Save your story first" in response.content.decode()
    assert not Verhaal.objects.filter(auteur=deelnemer, gedeeld_met__isnull=False).exists()


def test_the_logic_refuses_a_foreign_group_too(deelnemer):
    schrijf(deelnemer)
    with pytest.raises(PermissionError):
        verhaal.delen(deelnemer, GroepFactory())


def test_stop_sharing_at_once(als_deelnemer, client, deelnemer, facilitator, groep):
    schrijf(deelnemer, "Gedeeld, en dan niet meer.")
    als_deelnemer.post(reverse("verhaal_delen"), {"groep": groep.pk})
    response = als_deelnemer.post(reverse("verhaal_delen"), {"stoppen": "1"})
    assert response.status_code == 302
    mijn = Verhaal.objects.get(auteur=deelnemer)
    assert (mijn.gedeeld_met, mijn.gedeelde_versie, mijn.gedeeld_op) == (None, None, None)
    client.force_login(facilitator)
    pagina = client.get(reverse("getuigenissen", args=[groep.pk]))
    assert "Gedeeld, en dan niet meer." not in pagina.content.decode()


def test_later_drafts_are_not_shared_automatically(
    als_deelnemer, client, deelnemer, facilitator, groep
):
    gedeeld = schrijf(deelnemer, "De gedeelde versie.")
    verhaal.delen(deelnemer, groep)
    schrijf(deelnemer, "Een nieuwer concept.")

    editor = als_deelnemer.get(reverse("verhaal"), **EN).content.decode()
    assert "You have a newer draft" in editor

    client.force_login(facilitator)
    html = client.get(reverse("getuigenissen", args=[groep.pk])).content.decode()
    assert "De gedeelde versie." in html
    assert "Een nieuwer concept." not in html

    # Sharing the newer draft (the button on the editor posts the same group).
    client.force_login(deelnemer)
    client.post(reverse("verhaal_delen"), {"groep": groep.pk})
    assert Verhaal.objects.get(auteur=deelnemer).gedeelde_versie != gedeeld
    client.force_login(facilitator)
    html = client.get(reverse("getuigenissen", args=[groep.pk])).content.decode()
    assert "Een nieuwer concept." in html


def test_editor_says_when_the_group_was_left(als_deelnemer, deelnemer, groep):
    schrijf(deelnemer)
    verhaal.delen(deelnemer, groep)
    Lidmaatschap.objects.filter(user=deelnemer, groep=groep).update(
        status=Lidmaatschap.Status.UITGESCHREVEN
    )
    html = als_deelnemer.get(reverse("verhaal"), **EN).content.decode()
    assert "You no longer take part in" in html


# --- Getuigenissen -----------------------------------------------------------------------


def test_getuigenissen_for_the_members_only(client, deelnemer, facilitator, coordinator, groep):
    schrijf(deelnemer, "Wat ik wil doorgeven.", titel="Over moed")
    verhaal.delen(deelnemer, groep)
    lid = UserFactory()
    LidmaatschapFactory(groep=groep, user=lid)
    url = reverse("getuigenissen", args=[groep.pk])

    for lezer in (deelnemer, facilitator, lid):
        client.force_login(lezer)
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Wat ik wil doorgeven." in html
        assert "Over moed" in html
        assert deelnemer.roepnaam in html
        assert "Over moed" not in titel_van(response)

    andere = UserFactory()
    LidmaatschapFactory(groep=GroepFactory(), user=andere)
    client.force_login(andere)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 403


def test_getuigenissen_not_shown_in_another_group(client, deelnemer, groep):
    schrijf(deelnemer, "Alleen voor de eerste groep.")
    verhaal.delen(deelnemer, groep)
    andere = GroepFactory()
    LidmaatschapFactory(groep=andere, user=deelnemer)
    lid = UserFactory()
    LidmaatschapFactory(groep=andere, user=lid)
    client.force_login(lid)
    html = client.get(reverse("getuigenissen", args=[andere.pk])).content.decode()
    assert "Alleen voor de eerste groep." not in html


def test_a_story_disappears_when_its_author_leaves_the_group(client, deelnemer, facilitator, groep):
    schrijf(deelnemer, "Mijn getuigenis.")
    verhaal.delen(deelnemer, groep)
    Lidmaatschap.objects.filter(user=deelnemer, groep=groep).update(
        status=Lidmaatschap.Status.UITGESCHREVEN
    )
    client.force_login(facilitator)
    response = client.get(reverse("getuigenissen", args=[groep.pk]))
    assert response.status_code == 200
    assert response.context["verhalen"] == []
    assert "Mijn getuigenis." not in response.content.decode()


def test_getuigenissen_escape_what_people_wrote(client, deelnemer, facilitator, groep):
    schrijf(deelnemer, "<script>alert(1)</script>")
    verhaal.delen(deelnemer, groep)
    client.force_login(facilitator)
    html = client.get(reverse("getuigenissen", args=[groep.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_getuigenissen_query_count_does_not_grow(
    client, facilitator, groep, django_assert_num_queries
):
    def deel_een_verhaal(i):
        lid = UserFactory()
        LidmaatschapFactory(groep=groep, user=lid)
        schrijf(lid, f"Verhaal {i}")
        verhaal.delen(lid, groep)

    deel_een_verhaal(0)
    client.force_login(facilitator)
    url = reverse("getuigenissen", args=[groep.pk])
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    for i in range(1, 12):
        deel_een_verhaal(i)
    with django_assert_num_queries(len(klein.captured_queries)):
        response = client.get(url)
    assert len(response.context["verhalen"]) == 12


def test_editor_query_count_does_not_grow(
    als_deelnemer, deelnemer, groep, django_assert_num_queries
):
    schrijf(deelnemer, "Eerste")
    verhaal.delen(deelnemer, groep)
    with CaptureQueriesContext(connection) as klein:
        assert als_deelnemer.get(reverse("verhaal")).status_code == 200
    for i in range(30):
        schrijf(deelnemer, f"Versie {i}")
    with django_assert_num_queries(len(klein.captured_queries)):
        assert als_deelnemer.get(reverse("verhaal")).status_code == 200


# --- The text stays private ---------------------------------------------------------------


def test_story_text_is_never_logged_mailed_or_in_a_url(als_deelnemer, deelnemer, groep, caplog):
    canary = "KANARIE-verhaal-7f3a"
    caplog.set_level(logging.DEBUG)
    antwoorden = [
        als_deelnemer.post(reverse("verhaal"), formulier(canary, **{EERSTE: canary})),
        als_deelnemer.post(reverse("verhaal"), formulier(canary, **{EERSTE: canary + "!"})),
        als_deelnemer.post(reverse("verhaal_delen"), {"groep": groep.pk}),
        als_deelnemer.post(reverse("verhaal"), formulier(**{EERSTE: "x" * 5001 + canary})),
    ]
    versie = versies_van(deelnemer).first()
    antwoorden.append(als_deelnemer.get(reverse("verhaal_versie", args=[versie.pk])))
    antwoorden.append(als_deelnemer.get(reverse("getuigenissen", args=[groep.pk])))
    antwoorden.append(als_deelnemer.get(reverse("verhaal_versies")))
    for response in antwoorden:
        assert canary not in response.get("Location", "")
        if response.status_code == 200:
            assert canary not in titel_van(response)
    assert canary not in caplog.text
    assert all(canary not in str(m.body) + str(m.subject) for m in mail.outbox)
    assert canary not in str(versie)
    assert canary not in str(Verhaal.objects.get(auteur=deelnemer))
