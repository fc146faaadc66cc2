"""The name warning: a note that names a participant of the writer's groups is not saved
until the writer has checked it. Real names, whole words, case-insensitive."""

import pytest
from django.urls import reverse
from django.utils import translation

from groepen import intervisie
from groepen.models import Intervisiebijeenkomst, IntervisieLid, Lidmaatschap

from ..factories import GroepFactory, LidmaatschapFactory, UserFactory
from .test_intervisie import EN, IntervisiebijeenkomstFactory, IntervisiegroepFactory, notities


@pytest.fixture
def bijeenkomst(facilitator):
    groep = IntervisiegroepFactory()
    IntervisieLid.objects.create(groep=groep, user=facilitator)
    return IntervisiebijeenkomstFactory(groep=groep)


@pytest.fixture
def url(bijeenkomst):
    return reverse("intervisie_bijeenkomst", args=[bijeenkomst.pk])


def test_names_are_whole_words_and_ignore_case():
    namen = {"Sam", "Noor", "Jo"}
    assert intervisie.namen_in("Vandaag was sam stil.", namen) == ["Sam"]
    assert intervisie.namen_in("Samen hebben we het opgelost.", namen) == []
    assert intervisie.namen_in("Sams fiets, Noor's jas", namen) == ["Noor"]
    assert intervisie.namen_in("NOOR en Sam, en weer Noor.", namen) == ["Noor", "Sam"]
    assert intervisie.namen_in("Johan en Jo-Anne", namen) == ["Jo"]
    assert intervisie.namen_in("", namen) == []


def test_only_participants_of_groups_the_writer_facilitates(facilitator, deelnemer, groep):
    LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="Weg"), status="uitgeschreven")
    LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="Wacht"), status="wachtlijst")
    LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="X"))  # too short
    LidmaatschapFactory(groep=GroepFactory(), user=UserFactory(roepnaam="Elders"))
    # A group where the facilitator is a participant themselves: not theirs to protect.
    eigen = GroepFactory()
    LidmaatschapFactory(groep=eigen, user=facilitator, rol=Lidmaatschap.Rol.DEELNEMER)
    LidmaatschapFactory(groep=eigen, user=UserFactory(roepnaam="Medecursist"))
    assert intervisie.deelnemersnamen(facilitator) == {"Sam"}


def test_note_naming_a_participant_is_not_saved_and_keeps_everything(
    client, facilitator, deelnemer, bijeenkomst, url
):
    client.force_login(facilitator)
    data = notities(
        methode="balint",
        vraag="Wat doe ik als Sam steeds te laat komt?",
        thema="grenzen",
        inzichten="Het gaat niet om sam zelf.",
        afspraken="Samen oefenen.",
    )
    response = client.post(url, data, **EN)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.namen == {"vraag": ["Sam"], "inzichten": ["Sam"]}
    assert set(form.errors) == {"vraag", "inzichten", "__all__"}
    with translation.override("en"):
        assert form.errors["vraag"] == [
            "You mention Sam. Could you write it without the name, for example 'a participant'?"
        ]
    html = response.content.decode()
    for tekst in (data["vraag"], data["inzichten"], data["afspraken"]):
        assert tekst in html
    assert 'type="checkbox" name="toch_opslaan"' in html
    assert '<option value="balint" selected>' in html
    assert '<option value="grenzen" selected>' in html
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.vraag, bijeenkomst.methode) == ("", "incident")

    # Anonymised: saved.
    data.update(vraag="Wat doe ik als een deelnemer steeds te laat komt?", inzichten="Rust.")
    assert client.post(url, data).status_code == 302
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.vraag == data["vraag"]


def test_checked_and_ticked_saves_anyway(client, facilitator, deelnemer, url, bijeenkomst):
    client.force_login(facilitator)
    data = notities(vraag="Sam vroeg zelf of dit besproken mocht worden.")
    assert client.post(url, data).status_code == 200
    assert client.post(url, {**data, "toch_opslaan": "on"}).status_code == 302
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.vraag == data["vraag"]


def test_several_names_are_all_mentioned(client, facilitator, deelnemer, groep, url):
    LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="Noor"))
    client.force_login(facilitator)
    response = client.post(url, notities(inzichten="Noor en Sam botsten."), **EN)
    with translation.override("en"):
        assert "You mention Noor and Sam." in response.context["form"].errors["inzichten"][0]


def test_samen_is_not_a_name(client, facilitator, deelnemer, url, bijeenkomst):
    client.force_login(facilitator)
    assert client.post(url, notities(inzichten="Samen kwamen we verder.")).status_code == 302
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.inzichten == "Samen kwamen we verder."


def test_participant_of_a_group_the_writer_does_not_facilitate_does_not_warn(
    client, facilitator, url, bijeenkomst
):
    LidmaatschapFactory(groep=GroepFactory(), user=UserFactory(roepnaam="Sanne"))
    client.force_login(facilitator)
    assert client.post(url, notities(vraag="Sanne zei iets moois.")).status_code == 302


def test_warning_is_about_the_writer_not_the_group(client, deelnemer, bijeenkomst, url):
    """Another member who does not facilitate Sam's group may write 'Sam'."""
    ander = UserFactory(mfa=True)
    LidmaatschapFactory(groep=GroepFactory(), user=ander, rol=Lidmaatschap.Rol.FACILITATOR)
    IntervisieLid.objects.create(groep=bijeenkomst.groep, user=ander)
    client.force_login(ander)
    assert client.post(url, notities(vraag="Sam is een mooie naam.")).status_code == 302
    assert Intervisiebijeenkomst.objects.get(pk=bijeenkomst.pk).vraag == "Sam is een mooie naam."
