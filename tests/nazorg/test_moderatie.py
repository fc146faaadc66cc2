"""Moderation: who moderates, reports, hide/restore with the author's notification, queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groepen.models import Lidmaatschap
from nazorg import moderatie
from nazorg.models import Bericht, Draad, Melding, Moderatiezaak, Ruimte, Status
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory, benoem_moderator

Besluit = Moderatiezaak.Besluit


@pytest.fixture
def ruimte(groep):
    return Ruimte.objects.create(groep=groep, naam="Cohort zomer")


@pytest.fixture
def academie(db):
    return Ruimte.objects.create(naam="Community")


def maak_bericht(ruimte, auteur, tekst="Gewoon een bericht", titel="Een draad", draad=None):
    draad = draad or Draad.objects.create(ruimte=ruimte, titel=titel, auteur=auteur)
    return Bericht.objects.create(draad=draad, auteur=auteur, tekst=tekst)


def post_besluit(client, zaak, keuze, reden=""):
    prefix = f"zaak-{zaak.pk}"
    return client.post(
        reverse("moderatie_besluit", kwargs={"pk": zaak.pk}),
        {f"{prefix}-keuze": keuze, f"{prefix}-reden": reden},
    )


def test_is_moderator_rules(ruimte, academie, deelnemer, facilitator, coordinator):
    ander = UserFactory(mfa=True)
    LidmaatschapFactory(groep=GroepFactory(), user=ander, rol=Lidmaatschap.Rol.FACILITATOR)
    # The academy-wide space has named moderators only (nazorg/moderatie.py says why).
    benoem_moderator(ander, academie)
    assert moderatie.is_moderator(facilitator, ruimte)
    assert not moderatie.is_moderator(facilitator, academie)  # not named
    assert not moderatie.is_moderator(ander, ruimte)  # facilitates another group
    assert moderatie.is_moderator(ander, academie)
    assert not moderatie.is_moderator(deelnemer, ruimte)
    assert not moderatie.is_moderator(deelnemer, academie)
    assert not moderatie.is_moderator(coordinator, academie)
    assert not moderatie.is_moderator(coordinator, ruimte)


def test_meld_once_per_member(ruimte, deelnemer, facilitator):
    bericht = maak_bericht(ruimte, facilitator)
    zaak, nieuw = moderatie.meld(bericht, deelnemer, "Niet aardig")
    zaak2, nieuw2 = moderatie.meld(bericht, deelnemer, "Nog eens")
    assert nieuw
    assert not nieuw2
    assert zaak == zaak2
    assert Moderatiezaak.objects.count() == 1
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR  # stays visible until someone decides


def test_queue_access(client, ruimte, deelnemer, facilitator, coordinator):
    zaak, _ = moderatie.meld(maak_bericht(ruimte, deelnemer), facilitator, "x")
    for user, status in ((deelnemer, 403), (coordinator, 403), (facilitator, 200)):
        client.force_login(user)
        assert client.get(reverse("moderatie")).status_code == status
    # A facilitator of another group: the queue opens, but not this case.
    ander = UserFactory(mfa=True)
    LidmaatschapFactory(groep=GroepFactory(), user=ander, rol=Lidmaatschap.Rol.FACILITATOR)
    client.force_login(ander)
    response = client.get(reverse("moderatie"))
    assert response.status_code == 200
    assert "Gewoon een bericht" not in response.content.decode()
    assert post_besluit(client, zaak, Besluit.VERBORGEN, "Weg").status_code == 404
    client.force_login(coordinator)
    assert post_besluit(client, zaak, Besluit.VERBORGEN, "Weg").status_code == 403
    client.force_login(deelnemer)
    assert post_besluit(client, zaak, Besluit.VERBORGEN, "Weg").status_code == 403
    zaak.refresh_from_db()
    assert zaak.afgehandeld_op is None


def test_hide_first_post_hides_thread_and_tells_author(client, ruimte, deelnemer, facilitator):
    bericht = maak_bericht(ruimte, deelnemer, tekst="Geheime inhoud 123")
    melder = UserFactory()
    zaak, _ = moderatie.meld(bericht, melder, "Kwetsend")
    moderatie.meld(bericht, facilitator, "Ook gezien")
    client.force_login(facilitator)
    page = client.get(reverse("moderatie")).content.decode()
    assert "Geheime inhoud 123" in page
    assert "Kwetsend" in page

    response = post_besluit(client, zaak, Besluit.VERBORGEN, "Dit past niet bij de afspraken")
    assert response.status_code == 302
    bericht.refresh_from_db()
    bericht.draad.refresh_from_db()
    assert bericht.status == Status.VERBORGEN
    assert bericht.draad.status == Status.VERBORGEN
    assert not Moderatiezaak.objects.filter(afgehandeld_op__isnull=True).exists()
    melding = Melding.objects.get(user=deelnemer)
    assert "Dit past niet bij de afspraken" in melding.titel
    assert "Cohort zomer" in melding.titel
    assert "Geheime inhoud" not in melding.titel
    assert not Melding.objects.filter(user=melder).exists()


def test_hide_reply_keeps_thread_and_restore(client, ruimte, deelnemer, facilitator):
    eerste = maak_bericht(ruimte, facilitator)
    antwoord = maak_bericht(ruimte, deelnemer, draad=eerste.draad)
    zaak, _ = moderatie.meld(antwoord, UserFactory(), "")
    client.force_login(facilitator)
    post_besluit(client, zaak, Besluit.VERBORGEN, "Even weg")
    antwoord.refresh_from_db()
    eerste.draad.refresh_from_db()
    assert antwoord.status == Status.VERBORGEN
    assert eerste.draad.status == Status.ZICHTBAAR

    zaak2, _ = moderatie.meld(antwoord, UserFactory(), "Graag terug")
    post_besluit(client, zaak2, Besluit.HERSTELD, "Toch in orde")
    antwoord.refresh_from_db()
    assert antwoord.status == Status.ZICHTBAAR
    assert Melding.objects.filter(user=deelnemer).count() == 2


@pytest.mark.parametrize("keuze", [Besluit.VERBORGEN, Besluit.HERSTELD])
def test_reason_required_keeps_choice(client, ruimte, deelnemer, facilitator, keuze):
    bericht = maak_bericht(ruimte, deelnemer)
    zaak, _ = moderatie.meld(bericht, UserFactory(), "")
    client.force_login(facilitator)
    response = post_besluit(client, zaak, keuze, "   ")
    assert response.status_code == 400
    form = dict(response.context["rijen"])[zaak]
    assert "reden" in form.errors
    assert form["keuze"].value() == keuze
    too_long = "x" * 501
    response = post_besluit(client, zaak, keuze, too_long)
    form = dict(response.context["rijen"])[zaak]
    assert "reden" in form.errors
    assert form["reden"].value() == too_long
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR
    assert not Melding.objects.exists()


def test_no_action_needs_no_reason_and_no_notification(client, ruimte, deelnemer, facilitator):
    zaak, _ = moderatie.meld(maak_bericht(ruimte, deelnemer), UserFactory(), "")
    client.force_login(facilitator)
    assert post_besluit(client, zaak, Besluit.GEEN_ACTIE).status_code == 302
    zaak.refresh_from_db()
    assert zaak.besluit == Besluit.GEEN_ACTIE
    assert zaak.afgehandeld_door == facilitator
    assert not Melding.objects.exists()


def test_queue_signal_first_and_count(ruimte, deelnemer, facilitator):
    moderatie.meld(maak_bericht(ruimte, deelnemer), UserFactory(), "")
    signaal = maak_bericht(ruimte, deelnemer, tekst="Ik wil dood")
    moderatie.na_plaatsen(signaal)
    assert [z.soort for z in moderatie.wachtrij_voor(facilitator)] == ["signaal", "gemeld"]
    assert moderatie.aantal_open_voor(facilitator) == 2
    assert moderatie.aantal_open_voor(deelnemer) == 0
    assert list(moderatie.wachtrij_voor(deelnemer)) == []


def test_aantal_open_is_one_query(ruimte, deelnemer, facilitator, django_assert_num_queries):
    moderatie.meld(maak_bericht(ruimte, deelnemer), UserFactory(), "")
    with django_assert_num_queries(1):
        assert moderatie.aantal_open_voor(facilitator) == 1


def test_queue_query_count_constant(
    client, ruimte, academie, facilitator, django_assert_num_queries
):
    benoem_moderator(facilitator, academie)
    client.force_login(facilitator)

    def vul(n):
        for i in range(n):
            auteur = UserFactory()
            ruimte_i = ruimte if i % 2 else academie
            moderatie.meld(maak_bericht(ruimte_i, auteur, tekst=f"Bericht {i}"), UserFactory(), "r")
            moderatie.na_plaatsen(maak_bericht(ruimte_i, auteur, tekst="kill myself"))

    vul(2)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(reverse("moderatie")).status_code == 200
    vul(8)
    with django_assert_num_queries(len(klein.captured_queries)):
        response = client.get(reverse("moderatie"))
    assert len(response.context["rijen"]) == 20


def test_community_cijfers(ruimte, deelnemer, facilitator):
    import datetime

    from django.utils import timezone

    maak_bericht(ruimte, deelnemer)
    nu = timezone.now()
    cijfers = moderatie.community_cijfers(nu - datetime.timedelta(days=1), nu)
    assert cijfers["draden"] == 1
    assert cijfers["berichten"] == 1
    assert cijfers["herken_ik"] == 0
    assert cijfers["schrijvers"] == 0  # the group of the fixtures has not finished


def test_coordinator_overview_shows_counts(client, coordinator, ruimte, deelnemer):
    maak_bericht(ruimte, deelnemer, tekst="Inhoud die niemand ziet")
    client.force_login(coordinator)
    page = client.get(reverse("nazorg_overzicht"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "kop-community" in page
    assert "Inhoud die niemand ziet" not in page


def test_hidden_post_never_shown_to_members(client, ruimte, deelnemer, facilitator):
    """Through the community pages: a hidden reply and a hidden thread stay out of sight."""
    from nazorg.models import RichtlijnAkkoord

    eerste = maak_bericht(ruimte, facilitator, tekst="Open bericht", titel="Zichtbare draad")
    antwoord = maak_bericht(ruimte, UserFactory(), tekst="Verborgen antwoord", draad=eerste.draad)
    tweede = maak_bericht(ruimte, UserFactory(), tekst="Weg", titel="Verborgen draadtitel")
    for b in (antwoord, tweede):
        zaak, _ = moderatie.meld(b, deelnemer, "")
        moderatie.besluit(zaak, facilitator, Besluit.VERBORGEN, "Reden")
    RichtlijnAkkoord.objects.create(user=deelnemer)
    client.force_login(deelnemer)
    draad_page = client.get(reverse("draad", kwargs={"pk": eerste.draad.pk})).content.decode()
    assert "Open bericht" in draad_page
    assert "Verborgen antwoord" not in draad_page
    ruimte_page = client.get(reverse("ruimte", kwargs={"pk": ruimte.pk})).content.decode()
    assert "Zichtbare draad" in ruimte_page
    assert "Verborgen draadtitel" not in ruimte_page
    assert client.get(reverse("draad", kwargs={"pk": tweede.draad.pk})).status_code == 404
