"""Signal words: in posts (both policies) and in reflections (the author only)."""

import pytest
from django.urls import reverse

from nazorg import community, moderatie
from nazorg.models import Bericht, Draad, Melding, Moderatiezaak, RichtlijnAkkoord, Ruimte, Status

HULP = "kop-hulp-nu"


@pytest.fixture
def ruimte(groep):
    return Ruimte.objects.create(groep=groep, naam="Cohort")


@pytest.mark.parametrize(
    ("beleid", "verwacht"),
    [
        (Ruimte.Signaalbeleid.PUBLICEREN, Status.ZICHTBAAR),
        (Ruimte.Signaalbeleid.VASTHOUDEN, Status.VASTGEHOUDEN),
    ],
)
def test_signal_post_policy(ruimte, deelnemer, beleid, verwacht):
    ruimte.signaalbeleid = beleid
    ruimte.save()
    draad = Draad.objects.create(ruimte=ruimte, titel="Zwaar", auteur=deelnemer)
    bericht = Bericht.objects.create(draad=draad, auteur=deelnemer, tekst="Ik wil niet meer leven")
    assert moderatie.na_plaatsen(bericht) is True
    bericht.refresh_from_db()
    draad.refresh_from_db()
    assert bericht.signaal
    assert bericht.status == verwacht
    assert draad.status == verwacht
    zaak = Moderatiezaak.objects.get(bericht=bericht)
    assert zaak.soort == Moderatiezaak.Soort.SIGNAAL


def test_signal_word_in_title(ruimte, deelnemer):
    draad = Draad.objects.create(ruimte=ruimte, titel="Overdosis", auteur=deelnemer)
    bericht = Bericht.objects.create(draad=draad, auteur=deelnemer, tekst="Alleen dit")
    assert moderatie.na_plaatsen(bericht)


def test_no_signal_no_case(ruimte, deelnemer):
    draad = Draad.objects.create(ruimte=ruimte, titel="Fijne dag", auteur=deelnemer)
    bericht = Bericht.objects.create(
        draad=draad, auteur=deelnemer, tekst="Ik zag een dood vogeltje"
    )
    assert moderatie.na_plaatsen(bericht) is False
    bericht.refresh_from_db()
    assert not bericht.signaal
    assert not Moderatiezaak.objects.exists()


def test_held_post_released_by_support_response(client, ruimte, deelnemer, facilitator):
    ruimte.signaalbeleid = Ruimte.Signaalbeleid.VASTHOUDEN
    ruimte.save()
    bericht = community.plaats_bericht(deelnemer, ruimte, "Ik wil dood", titel="Help")
    assert bericht.status == Status.VASTGEHOUDEN
    zaak = Moderatiezaak.objects.get(bericht=bericht)
    client.force_login(facilitator)
    page = client.get(reverse("moderatie"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Needs a supportive response" in page
    client.post(
        reverse("moderatie_besluit", kwargs={"pk": zaak.pk}),
        {f"zaak-{zaak.pk}-keuze": Moderatiezaak.Besluit.GEREAGEERD},
    )
    bericht.refresh_from_db()
    bericht.draad.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR
    assert bericht.draad.status == Status.ZICHTBAAR
    assert Melding.objects.filter(user=deelnemer).count() == 1


def test_writer_sees_help_after_posting(client, ruimte, deelnemer):
    RichtlijnAkkoord.objects.create(user=deelnemer)
    client.force_login(deelnemer)
    response = client.post(
        reverse("ruimte", kwargs={"pk": ruimte.pk}),
        {"titel": "Vandaag", "tekst": "I want to die"},
        follow=True,
    )
    assert HULP in response.content.decode()
    assert Moderatiezaak.objects.filter(soort="signaal").count() == 1


def _reflectie_met_signaal(world):
    r = world.reflectie_facilitators
    r.tekst = "Soms denk ik aan zelfmoord"
    r.save()
    return r


def test_reflection_help_only_for_author(client, world):
    reflectie = _reflectie_met_signaal(world)
    url = reverse("reflectie_detail", kwargs={"pk": reflectie.pk})
    client.force_login(world.deelnemer)
    assert HULP in client.get(url).content.decode()
    client.force_login(world.facilitator)
    response = client.get(url)
    assert response.status_code == 200
    assert HULP not in response.content.decode()
    assert not Moderatiezaak.objects.exists()
    assert not Melding.objects.exists()


def test_reflection_without_signal_no_help(client, world):
    client.force_login(world.deelnemer)
    url = reverse("reflectie_detail", kwargs={"pk": world.reflectie_prive.pk})
    assert HULP not in client.get(url).content.decode()
