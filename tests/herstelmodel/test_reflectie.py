"""Writing a reflection: the form, its failure paths, editing and deleting your own."""

import datetime

import factory
import pytest
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from herstelmodel.models import TEKST_MAX, Leesmoment, Reflectie, Stap, Zichtbaarheid
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

NIEUW = reverse("reflectie_nieuw")


class ReflectieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflectie

    auteur = factory.SubFactory(UserFactory)
    stap = Stap.HERKENNING
    tekst = factory.Sequence(lambda n: f"Wat mij raakte, deel {n}.")
    zichtbaarheid = Zichtbaarheid.ALLEEN_IK


def gedeeld(bijeenkomst, auteur, zichtbaarheid=Zichtbaarheid.FACILITATORS, **kwargs):
    return ReflectieFactory(
        auteur=auteur,
        bijeenkomst=bijeenkomst,
        groep=bijeenkomst.groep,
        zichtbaarheid=zichtbaarheid,
        gedeeld_op=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def geweest(groep):
    """A meeting of the fixtures' group, two days ago."""
    return BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=2))


def data(**overrides):
    values = {
        "stap": Stap.HERKENNING.value,
        "tekst": "Ik hoorde mijn eigen verhaal in dat van Noor.",
        "gevoel": "",
        "bijeenkomst": "",
        "zichtbaarheid": Zichtbaarheid.ALLEEN_IK,
    }
    values.update(overrides)
    return values


def keuzes(response):
    return [value for value, _label in response.context["form"].fields["bijeenkomst"].choices]


# --- Writing -----------------------------------------------------------------------------


def test_write_a_private_reflection_without_a_meeting(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(NIEUW, data(gevoel="hoopvol"))
    reflectie = Reflectie.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reflectie_detail", args=[reflectie.pk])
    assert reflectie.auteur == deelnemer
    assert reflectie.zichtbaarheid == Zichtbaarheid.ALLEEN_IK
    assert reflectie.groep is None
    assert reflectie.gedeeld_op is None
    assert reflectie.gevoel == "hoopvol"
    page = client.get(response.url)
    assert "Dank je wel dat je dit opschreef" in page.content.decode()
    # The browser's draft of this form may be forgotten now.
    assert f'data-concept-wissen="{NIEUW}"' in page.content.decode()
    # ...only once.
    again = client.get(response.url).content.decode()
    assert "data-concept-wissen" not in again


def test_share_with_the_facilitators_takes_the_group_from_the_meeting(client, deelnemer, geweest):
    client.force_login(deelnemer)
    client.post(NIEUW, data(bijeenkomst=geweest.pk, zichtbaarheid=Zichtbaarheid.FACILITATORS))
    reflectie = Reflectie.objects.get()
    assert reflectie.bijeenkomst == geweest
    assert reflectie.groep == geweest.groep
    assert reflectie.gedeeld_op is not None


def test_empty_text_gets_a_message_and_nothing_is_saved(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(NIEUW, data(tekst="   "))
    assert response.status_code == 200
    assert "tekst" in response.context["form"].errors
    assert not Reflectie.objects.exists()


def test_a_step_must_be_chosen_and_the_text_is_kept(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(NIEUW, data(stap=""))
    assert "stap" in response.context["form"].errors
    assert "Ik hoorde mijn eigen verhaal in dat van Noor." in response.content.decode()


def test_too_long_text_is_kept_whole_with_a_clear_message(client, deelnemer):
    client.force_login(deelnemer)
    tekst = "a" * (TEKST_MAX - 1) + "\u00e9z"  # 10,001 characters, the last ones matter
    response = client.post(NIEUW, data(tekst=tekst), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    fouten = response.context["form"].errors["tekst"]
    assert "10,001" in fouten[0]
    assert "10,000" in fouten[0]
    html = response.content.decode()
    assert tekst in html  # nothing cut off
    assert 'aria-invalid="true"' in html
    assert not Reflectie.objects.exists()


def test_exactly_the_limit_fits_and_line_breaks_count_once(client, deelnemer):
    client.force_login(deelnemer)
    tekst = ("a" * 99 + "\r\n") * 99 + "a" * 100  # 10,000 characters as typed
    response = client.post(NIEUW, data(tekst=tekst))
    assert response.status_code == 302
    assert len(Reflectie.objects.get().tekst) == TEKST_MAX


def test_the_textarea_never_cuts_off_typing(client, deelnemer):
    client.force_login(deelnemer)
    html = client.get(NIEUW).content.decode()
    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert "maxlength" not in textarea
    assert "data-concept" in textarea
    assert "novalidate" in html
    assert "js/concept.js" in html


def test_a_meeting_of_another_group_is_refused_and_the_text_kept(client, deelnemer):
    ander = BijeenkomstFactory(begint_om=timezone.now() - datetime.timedelta(days=1))
    client.force_login(deelnemer)
    response = client.post(NIEUW, data(bijeenkomst=ander.pk))
    assert response.status_code == 200
    assert "bijeenkomst" in response.context["form"].errors
    assert "Ik hoorde mijn eigen verhaal in dat van Noor." in response.content.decode()
    assert not Reflectie.objects.exists()


def test_sharing_without_a_meeting_gets_a_message_next_to_the_choice(client, deelnemer):
    client.force_login(deelnemer)
    for zichtbaarheid in (Zichtbaarheid.FACILITATORS, Zichtbaarheid.GROEP):
        response = client.post(NIEUW, data(zichtbaarheid=zichtbaarheid))
        assert list(response.context["form"].errors) == ["zichtbaarheid"]
        html = response.content.decode()
        assert "Ik hoorde mijn eigen verhaal in dat van Noor." in html
        assert 'id="id_zichtbaarheid_error"' in html
    assert not Reflectie.objects.exists()


def test_sharing_with_a_group_you_left_is_refused_and_the_text_kept(client, deelnemer, geweest):
    Lidmaatschap.objects.filter(user=deelnemer).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    client.force_login(deelnemer)
    response = client.post(NIEUW, data(bijeenkomst=geweest.pk, zichtbaarheid=Zichtbaarheid.GROEP))
    assert list(response.context["form"].errors) == ["zichtbaarheid"]
    assert "Ik hoorde mijn eigen verhaal in dat van Noor." in response.content.decode()
    assert not Reflectie.objects.exists()
    # Keeping it for yourself is fine: you were there.
    response = client.post(NIEUW, data(bijeenkomst=geweest.pk))
    assert response.status_code == 302


def test_the_meeting_choice_holds_your_own_meetings_of_the_last_two_weeks(client, deelnemer, groep):
    nu = timezone.now()
    vandaag = BijeenkomstFactory(groep=groep, begint_om=nu - datetime.timedelta(minutes=5))
    recent = BijeenkomstFactory(groep=groep, begint_om=nu - datetime.timedelta(days=13))
    te_oud = BijeenkomstFactory(groep=groep, begint_om=nu - datetime.timedelta(days=16))
    volgende_week = BijeenkomstFactory(groep=groep, begint_om=nu + datetime.timedelta(days=7))
    afgelast = BijeenkomstFactory(
        groep=groep, begint_om=nu - datetime.timedelta(days=3), geannuleerd=True
    )
    andere = BijeenkomstFactory(begint_om=nu - datetime.timedelta(days=1))
    wachtlijst = GroepFactory()
    LidmaatschapFactory(groep=wachtlijst, user=deelnemer, status=Lidmaatschap.Status.WACHTLIJST)
    op_wachtlijst = BijeenkomstFactory(groep=wachtlijst, begint_om=nu - datetime.timedelta(days=1))
    client.force_login(deelnemer)
    gekozen = keuzes(client.get(NIEUW))
    assert gekozen[0] == ""  # "not about a meeting" first
    assert gekozen[1:] == [vandaag.pk, recent.pk]
    for niet in (te_oud, volgende_week, afgelast, andere, op_wachtlijst):
        assert niet.pk not in gekozen


def test_a_meeting_in_the_address_is_preselected_only_when_it_is_yours(client, deelnemer, geweest):
    client.force_login(deelnemer)
    response = client.get(NIEUW, {"bijeenkomst": geweest.pk})
    assert response.context["form"]["bijeenkomst"].value() == geweest.pk
    ander = BijeenkomstFactory(begint_om=timezone.now() - datetime.timedelta(days=1))
    response = client.get(NIEUW, {"bijeenkomst": ander.pk})
    assert response.context["form"]["bijeenkomst"].value() is None
    assert client.get(NIEUW, {"bijeenkomst": "x"}).status_code == 200


def test_text_never_appears_in_the_page_title(client, deelnemer):
    reflectie = ReflectieFactory(auteur=deelnemer, tekst="Heel persoonlijk")
    client.force_login(deelnemer)
    for url in (
        reverse("reflectie_detail", args=[reflectie.pk]),
        reverse("reflectie_bewerken", args=[reflectie.pk]),
        reverse("reflectie_verwijderen", args=[reflectie.pk]),
    ):
        html = client.get(url).content.decode()
        title = html[html.index("<title>") : html.index("</title>")]
        assert "persoonlijk" not in title


# --- Editing and deleting --------------------------------------------------------------------


def test_edit_your_own_keeps_an_older_meeting(client, deelnemer, groep):
    oud = BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=40))
    reflectie = ReflectieFactory(auteur=deelnemer, bijeenkomst=oud, groep=groep)
    client.force_login(deelnemer)
    url = reverse("reflectie_bewerken", args=[reflectie.pk])
    response = client.get(url)
    assert oud.pk in keuzes(response)
    assert response.context["form"]["tekst"].value() == reflectie.tekst
    response = client.post(url, data(bijeenkomst=oud.pk, tekst="Anders gezegd.", stap=5))
    assert response.status_code == 302
    reflectie.refresh_from_db()
    assert (reflectie.tekst, reflectie.stap, reflectie.bijeenkomst) == ("Anders gezegd.", 5, oud)


@pytest.mark.parametrize("wie", ["facilitator", "medecursist", "coordinator", "outsider"])
def test_someone_elses_reflection_cannot_be_changed_not_even_by_a_reader(
    client, request, deelnemer, groep, geweest, wie
):
    if wie == "medecursist":
        lezer = UserFactory()
        LidmaatschapFactory(groep=groep, user=lezer)
    else:
        lezer = request.getfixturevalue(wie)
    reflectie = gedeeld(geweest, deelnemer, Zichtbaarheid.GROEP)
    client.force_login(lezer)
    expected_read = 200 if wie in ("facilitator", "medecursist") else 404
    assert client.get(reverse("reflectie_detail", args=[reflectie.pk])).status_code == (
        expected_read
    )
    for name in ("reflectie_bewerken", "reflectie_verwijderen"):
        url = reverse(name, args=[reflectie.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, data(tekst="overschreven")).status_code == 404
    url = reverse("reflectie_delen", args=[reflectie.pk])
    assert client.post(url, {"zichtbaarheid": "alleen_ik"}).status_code == 404
    reflectie.refresh_from_db()
    assert reflectie.tekst != "overschreven"
    assert reflectie.zichtbaarheid == Zichtbaarheid.GROEP


def test_delete_your_own_after_confirming(client, deelnemer):
    reflectie = ReflectieFactory(auteur=deelnemer)
    client.force_login(deelnemer)
    url = reverse("reflectie_verwijderen", args=[reflectie.pk])
    assert client.get(url).status_code == 200
    assert Reflectie.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Reflectie.objects.exists()


def test_changing_the_text_marks_it_new_again_for_readers(client, deelnemer, facilitator, geweest):
    reflectie = gedeeld(geweest, deelnemer)
    Leesmoment.objects.create(reflectie=reflectie, lezer=facilitator)
    client.force_login(deelnemer)
    client.post(
        reverse("reflectie_bewerken", args=[reflectie.pk]),
        data(bijeenkomst=geweest.pk, zichtbaarheid=Zichtbaarheid.FACILITATORS, tekst="Meer."),
    )
    client.force_login(facilitator)
    response = client.get(reverse("gedeelde_reflecties", args=[geweest.groep.pk]))
    [r] = [r for blok in response.context["blokken"] for r in blok.reflecties]
    assert r.nieuw
