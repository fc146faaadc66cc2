"""Help for the writer: herkenning notes, story versions and reflections with signal words.

The help box (templates/_hulp_nu.html) shows after saving; nothing is blocked, nothing
else changes and nobody else is told.
"""

import pytest
from django.urls import reverse

from herstelmodel.models import Herkenningsmoment, VerhaalVersie
from herstelmodel.stappen import VERHAAL_DELEN
from nazorg.models import Melding, Moderatiezaak

pytestmark = pytest.mark.django_db

HULP = "kop-hulp-nu"


@pytest.fixture
def als_deelnemer(client, deelnemer):
    client.force_login(deelnemer)
    return client


def herkenning(client, notitie):
    return client.post(
        reverse("herkenning_nieuw"), {"soort": "niet_herkend", "notitie": notitie}, follow=True
    )


def test_herkenning_note_with_signal_words_shows_help(als_deelnemer):
    response = herkenning(als_deelnemer, "Soms denk ik dat ik er niet meer wil zijn.")
    html = response.content.decode()
    assert HULP in html
    assert "0800-0113" in html
    assert Herkenningsmoment.objects.count() == 1
    assert not Moderatiezaak.objects.exists()
    assert not Melding.objects.exists()
    # Once: the next page is quiet again.
    assert HULP not in als_deelnemer.get(reverse("herstelpad")).content.decode()


def test_herkenning_note_without_signal_words_no_help(als_deelnemer):
    response = herkenning(als_deelnemer, "Ik was doodmoe maar blij")
    assert response.status_code == 200
    assert HULP not in response.content.decode()
    assert Herkenningsmoment.objects.count() == 1


def verhaal(client, tekst, titel="Mijn weg"):
    data = {"titel": titel} | {f"deel_{d.sleutel}": "" for d in VERHAAL_DELEN}
    data[f"deel_{VERHAAL_DELEN[1].sleutel}"] = tekst
    return client.post(reverse("verhaal"), data, follow=True)


def test_story_version_with_signal_words_shows_help(als_deelnemer):
    response = verhaal(als_deelnemer, "Vorig jaar had ik zelfmoordgedachten.")
    assert HULP in response.content.decode()
    assert VerhaalVersie.objects.count() == 1


def test_story_title_counts_too(als_deelnemer):
    response = verhaal(
        als_deelnemer, "Het begon op een dinsdag.", titel="Ik zag het niet meer zitten"
    )
    assert HULP in response.content.decode()


def test_story_version_without_signal_words_no_help(als_deelnemer):
    response = verhaal(als_deelnemer, "Mijn kat is dood en ik mis hem.")
    assert HULP not in response.content.decode()
    assert VerhaalVersie.objects.count() == 1


def test_reflection_with_compound_form_shows_help_to_its_author(client, world):
    reflectie = world.reflectie_facilitators
    reflectie.tekst = "Ik heb weer zelfmoordgedachten, in de groep durfde ik het niet te zeggen"
    reflectie.save()
    url = reverse("reflectie_detail", kwargs={"pk": reflectie.pk})
    client.force_login(world.deelnemer)
    assert HULP in client.get(url).content.decode()
    client.force_login(world.facilitator)
    assert HULP not in client.get(url).content.decode()
