"""The quick herkenning capture: saving in a few taps, and every way it can go wrong."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from herstelmodel.models import NOTITIE_MAX, Herkenningsmoment
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/herkenning/nieuw/"


def geleden(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


@pytest.fixture
def gisteren(groep):
    return BijeenkomstFactory(groep=groep, begint_om=geleden(days=1))


@pytest.fixture
def vorige_week(groep):
    return BijeenkomstFactory(groep=groep, begint_om=geleden(days=8))


@pytest.fixture
def deelnemer_client(client, deelnemer):
    client.force_login(deelnemer)
    return client


def test_url_name_and_path():
    assert reverse("herkenning_nieuw") == URL
    assert reverse("herkenning_verwijderen", kwargs={"pk": 3}) == "/herkenning/3/verwijderen/"


def test_form_preselects_the_most_recent_past_meeting(deelnemer_client, gisteren, vorige_week):
    BijeenkomstFactory(groep=gisteren.groep)  # tomorrow: not offered yet
    BijeenkomstFactory(groep=gisteren.groep, begint_om=geleden(days=20))  # too long ago
    response = deelnemer_client.get(URL)
    assert response.status_code == 200
    veld = response.context["form"]["bijeenkomst"]
    assert str(veld.value()) == str(gisteren.pk)
    aangeboden = [waarde for waarde, _ in veld.field.widget.choices]
    assert aangeboden == ["", gisteren.pk, vorige_week.pk]


def test_meeting_from_the_address_is_preselected(deelnemer_client, gisteren, vorige_week):
    response = deelnemer_client.get(URL, {"bijeenkomst": vorige_week.pk})
    assert str(response.context["form"]["bijeenkomst"].value()) == str(vorige_week.pk)


def test_older_own_meeting_from_the_address_is_added(deelnemer_client, groep, gisteren):
    oud = BijeenkomstFactory(groep=groep, begint_om=geleden(days=30))
    response = deelnemer_client.get(URL, {"bijeenkomst": oud.pk})
    veld = response.context["form"]["bijeenkomst"]
    assert str(veld.value()) == str(oud.pk)
    assert oud.pk in [waarde for waarde, _ in veld.field.widget.choices]


def test_foreign_meeting_in_the_address_is_ignored(deelnemer_client, gisteren):
    vreemd = BijeenkomstFactory(groep=GroepFactory(), begint_om=geleden(days=1))
    response = deelnemer_client.get(URL, {"bijeenkomst": vreemd.pk})
    veld = response.context["form"]["bijeenkomst"]
    assert str(veld.value()) == str(gisteren.pk)
    assert vreemd.pk not in [waarde for waarde, _ in veld.field.widget.choices]
    assert vreemd.groep.naam not in response.content.decode()


def test_recognised_is_saved_with_meeting_and_group(deelnemer_client, deelnemer, gisteren):
    response = deelnemer_client.post(
        URL,
        {"soort": "herkend", "bijeenkomst": gisteren.pk, "oorzaak": "houding", "notitie": "Mooi"},
    )
    assert response.status_code == 302
    assert response.url == reverse("herstelpad")
    moment = Herkenningsmoment.objects.get()
    assert (moment.auteur, moment.bijeenkomst, moment.groep) == (
        deelnemer,
        gisteren,
        gisteren.groep,
    )
    assert (moment.soort, moment.oorzaak, moment.notitie) == ("herkend", "houding", "Mooi")


def test_reason_that_does_not_fit_the_choice_is_dropped(deelnemer_client, gisteren):
    deelnemer_client.post(
        URL,
        {
            "soort": "herkend",
            "bijeenkomst": gisteren.pk,
            "oorzaak": "sfeer",
            "belemmering": "te_anders",
        },
    )
    deelnemer_client.post(
        URL,
        {
            "soort": "niet_herkend",
            "bijeenkomst": "",
            "oorzaak": "sfeer",
            "belemmering": "niet_veilig",
        },
    )
    herkend, niet = (
        Herkenningsmoment.objects.get(soort="herkend"),
        Herkenningsmoment.objects.get(soort="niet_herkend"),
    )
    assert (herkend.oorzaak, herkend.belemmering) == ("sfeer", "")
    assert (niet.oorzaak, niet.belemmering) == ("", "niet_veilig")
    assert niet.bijeenkomst is None
    assert niet.groep is None


def test_only_the_choice_is_needed(deelnemer_client):
    response = deelnemer_client.post(URL, {"soort": "herkend", "bijeenkomst": ""})
    assert response.status_code == 302
    moment = Herkenningsmoment.objects.get()
    assert (moment.oorzaak, moment.belemmering, moment.notitie) == ("", "", "")


def test_too_long_note_keeps_the_text(deelnemer_client, gisteren):
    lang = "Ik herkende mij in het verhaal. " * 40
    assert len(lang.strip()) > NOTITIE_MAX
    response = deelnemer_client.post(
        URL,
        {"soort": "herkend", "bijeenkomst": gisteren.pk, "oorzaak": "verhaal", "notitie": lang},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not Herkenningsmoment.objects.exists()
    html = response.content.decode()
    assert lang.strip() in html
    assert "Your text is still here" in html
    form = response.context["form"]
    assert list(form.errors) == ["notitie"]
    # The other choices are kept too.
    assert form["soort"].value() == "herkend"
    assert form["oorzaak"].value() == "verhaal"
    assert str(form["bijeenkomst"].value()) == str(gisteren.pk)
    assert "maxlength" not in str(form["notitie"])  # the browser never cuts off a paste


def test_meeting_of_another_group_is_refused_and_input_kept(deelnemer_client):
    vreemd = BijeenkomstFactory(groep=GroepFactory(), begint_om=geleden(days=1))
    response = deelnemer_client.post(
        URL,
        {"soort": "niet_herkend", "bijeenkomst": vreemd.pk, "notitie": "Mijn eigen woorden"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not Herkenningsmoment.objects.exists()
    assert list(response.context["form"].errors) == ["bijeenkomst"]
    html = response.content.decode()
    assert "Mijn eigen woorden" in html
    assert "This is not a meeting of one of your groups" in html


def test_meeting_of_a_group_you_left_is_refused(deelnemer_client, deelnemer, gisteren):
    Lidmaatschap.objects.filter(user=deelnemer).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    response = deelnemer_client.post(URL, {"soort": "herkend", "bijeenkomst": gisteren.pk})
    assert response.status_code == 200
    assert not Herkenningsmoment.objects.exists()


def test_future_meeting_is_refused(deelnemer_client, groep):
    morgen = BijeenkomstFactory(groep=groep)
    response = deelnemer_client.post(URL, {"soort": "herkend", "bijeenkomst": morgen.pk})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["bijeenkomst"]


def test_missing_choice_gets_a_message_and_keeps_the_note(deelnemer_client):
    response = deelnemer_client.post(
        URL, {"bijeenkomst": "", "notitie": "Nog niet gekozen"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["soort"]
    assert "Nog niet gekozen" in response.content.decode()
    assert not Herkenningsmoment.objects.exists()


def test_unknown_reason_gets_a_message(deelnemer_client):
    response = deelnemer_client.post(URL, {"soort": "herkend", "oorzaak": "diagnose"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["oorzaak"]


def test_safe_next_is_followed_and_unsafe_next_ignored(deelnemer_client, gisteren):
    groep_url = reverse("groep_detail", kwargs={"pk": gisteren.groep.pk})
    response = deelnemer_client.post(
        URL + f"?next={groep_url}", {"soort": "herkend", "bijeenkomst": gisteren.pk}
    )
    assert response.url == groep_url
    for slecht in ("https://elders.example/", "//elders.example/", "javascript:alert(1)"):
        response = deelnemer_client.post(URL, {"soort": "herkend", "next": slecht})
        assert response.url == reverse("herstelpad"), slecht


def test_the_page_says_it_stays_private(deelnemer_client):
    html = deelnemer_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "only you see it" in html
    assert "novalidate" in html


def test_facilitator_can_note_a_moment_in_their_own_group(client, facilitator, gisteren):
    client.force_login(facilitator)
    response = client.post(URL, {"soort": "herkend", "bijeenkomst": gisteren.pk})
    assert response.status_code == 302
    assert Herkenningsmoment.objects.get().auteur == facilitator


# --- Deleting -----------------------------------------------------------------------


def test_author_deletes_after_confirming(deelnemer_client, deelnemer):
    moment = Herkenningsmoment.objects.create(auteur=deelnemer, soort="herkend", notitie="Weg")
    url = reverse("herkenning_verwijderen", kwargs={"pk": moment.pk})
    assert deelnemer_client.get(url).status_code == 200
    assert Herkenningsmoment.objects.exists()
    response = deelnemer_client.post(url)
    assert response.url == reverse("herstelpad")
    assert not Herkenningsmoment.objects.exists()


@pytest.mark.parametrize("wie", ["facilitator", "outsider", "coordinator"])
def test_someone_elses_moment_is_404(client, request, deelnemer, wie):
    moment = Herkenningsmoment.objects.create(auteur=deelnemer, soort="herkend", notitie="Van mij")
    client.force_login(request.getfixturevalue(wie))
    url = reverse("herkenning_verwijderen", kwargs={"pk": moment.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Herkenningsmoment.objects.filter(pk=moment.pk).exists()


def test_other_member_of_the_same_group_cannot_delete(client, deelnemer, groep):
    moment = Herkenningsmoment.objects.create(auteur=deelnemer, groep=groep, soort="herkend")
    ander = UserFactory()
    LidmaatschapFactory(groep=groep, user=ander)
    client.force_login(ander)
    response = client.post(reverse("herkenning_verwijderen", kwargs={"pk": moment.pk}))
    assert response.status_code == 404
    assert Herkenningsmoment.objects.filter(pk=moment.pk).exists()
