"""Sharing, withdrawing, the read log, and what was shared with a group (with figures)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from herstelmodel.models import Herkenningsmoment, Leesmoment, Reflectie, Stap, Zichtbaarheid
from tests.factories import BijeenkomstFactory, LidmaatschapFactory, UserFactory

from .test_reflectie import ReflectieFactory, gedeeld

pytestmark = pytest.mark.django_db

FACILITATORS, GROEP, ALLEEN_IK = (
    Zichtbaarheid.FACILITATORS,
    Zichtbaarheid.GROEP,
    Zichtbaarheid.ALLEEN_IK,
)


@pytest.fixture
def geweest(groep):
    return BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=2))


def deelnemer_van(groep, **kwargs):
    user = UserFactory(**kwargs)
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    return user


def lijst(client, groep, en=False, **params):
    extra = {"HTTP_ACCEPT_LANGUAGE": "en"} if en else {}
    return client.get(reverse("gedeelde_reflecties", args=[groep.pk]), params, **extra)


def getoond(response):
    return [r for blok in response.context["blokken"] for r in blok.reflecties]


# --- Who sees what ----------------------------------------------------------------------


def test_facilitators_see_what_was_shared_with_them_participants_only_the_group(
    client, deelnemer, facilitator, groep, geweest
):
    ander = deelnemer_van(groep)
    voor_facilitators = gedeeld(geweest, ander, FACILITATORS)
    voor_groep = gedeeld(geweest, ander, GROEP)
    ReflectieFactory(auteur=ander, bijeenkomst=geweest, groep=groep)  # only me
    andere_groep = BijeenkomstFactory()
    gedeeld(andere_groep, deelnemer_van(andere_groep.groep), GROEP)

    client.force_login(facilitator)
    assert {r.pk for r in getoond(lijst(client, groep))} == {voor_facilitators.pk, voor_groep.pk}
    client.force_login(deelnemer)
    assert [r.pk for r in getoond(lijst(client, groep))] == [voor_groep.pk]
    url = reverse("reflectie_detail", args=[voor_facilitators.pk])
    assert client.get(url).status_code == 404


def test_coordinator_sees_no_entries(client, coordinator, deelnemer, groep, geweest):
    reflectie = gedeeld(geweest, deelnemer, GROEP)
    client.force_login(coordinator)
    assert lijst(client, groep).status_code == 403
    assert client.get(reverse("reflectie_detail", args=[reflectie.pk])).status_code == 404
    assert not Leesmoment.objects.exists()


def test_withdrawing_a_share_hides_it_from_the_facilitator_at_once(
    client, deelnemer, facilitator, groep, geweest
):
    reflectie = gedeeld(geweest, deelnemer, FACILITATORS)
    detail = reverse("reflectie_detail", args=[reflectie.pk])
    client.force_login(facilitator)
    assert [r.pk for r in getoond(lijst(client, groep))] == [reflectie.pk]
    assert client.get(detail).status_code == 200

    client.force_login(deelnemer)
    response = client.post(
        reverse("reflectie_delen", args=[reflectie.pk]), {"zichtbaarheid": ALLEEN_IK}
    )
    assert response.status_code == 302
    assert response.url == detail
    reflectie.refresh_from_db()
    assert reflectie.zichtbaarheid == ALLEEN_IK
    assert reflectie.gedeeld_op is None

    client.force_login(facilitator)
    assert getoond(lijst(client, groep)) == []
    assert client.get(detail).status_code == 404


def test_withdrawing_through_the_edit_form_works_the_same(
    client, deelnemer, facilitator, groep, geweest
):
    reflectie = gedeeld(geweest, deelnemer, FACILITATORS)
    client.force_login(deelnemer)
    client.post(
        reverse("reflectie_bewerken", args=[reflectie.pk]),
        {
            "stap": 2,
            "tekst": reflectie.tekst,
            "bijeenkomst": geweest.pk,
            "zichtbaarheid": ALLEEN_IK,
        },
    )
    client.force_login(facilitator)
    assert client.get(reverse("reflectie_detail", args=[reflectie.pk])).status_code == 404


def test_quick_share_needs_a_meeting_and_says_so_on_the_page(client, deelnemer):
    reflectie = ReflectieFactory(auteur=deelnemer)
    client.force_login(deelnemer)
    response = client.post(
        reverse("reflectie_delen", args=[reflectie.pk]), {"zichtbaarheid": FACILITATORS}
    )
    assert response.status_code == 200
    assert "zichtbaarheid" in response.context["delen_form"].errors
    assert 'id="id_zichtbaarheid_error"' in response.content.decode()
    reflectie.refresh_from_db()
    assert reflectie.zichtbaarheid == ALLEEN_IK


def test_quick_share_with_a_group_you_left_is_refused(client, deelnemer, geweest):
    reflectie = ReflectieFactory(auteur=deelnemer, bijeenkomst=geweest, groep=geweest.groep)
    Lidmaatschap.objects.filter(user=deelnemer).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    client.force_login(deelnemer)
    response = client.post(
        reverse("reflectie_delen", args=[reflectie.pk]), {"zichtbaarheid": GROEP}
    )
    assert "zichtbaarheid" in response.context["delen_form"].errors
    reflectie.refresh_from_db()
    assert reflectie.zichtbaarheid == ALLEEN_IK


def test_quick_share_sets_when_it_was_shared(client, deelnemer, geweest):
    reflectie = ReflectieFactory(auteur=deelnemer, bijeenkomst=geweest, groep=geweest.groep)
    client.force_login(deelnemer)
    client.post(reverse("reflectie_delen", args=[reflectie.pk]), {"zichtbaarheid": GROEP})
    reflectie.refresh_from_db()
    assert reflectie.zichtbaarheid == GROEP
    assert reflectie.gedeeld_op is not None


# --- The read log ---------------------------------------------------------------------------


def test_every_read_by_someone_else_is_logged_and_shown_to_the_author(
    client, deelnemer, facilitator, geweest
):
    reflectie = gedeeld(geweest, deelnemer, FACILITATORS)
    detail = reverse("reflectie_detail", args=[reflectie.pk])
    client.force_login(facilitator)
    html = client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reflectie.tekst in html
    assert "Reflection by Sam" in html
    assert "bewerken" not in html  # no edit link for a reader
    client.get(detail)
    assert Leesmoment.objects.filter(reflectie=reflectie, lezer=facilitator).count() == 2

    client.force_login(deelnemer)
    html = client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Read by Ruben on" in html
    assert "(2 times)" in html
    assert Leesmoment.objects.count() == 2  # the author's own views are not logged


def test_read_log_shows_each_reader_once_latest_first(
    client, deelnemer, facilitator, groep, geweest
):
    reflectie = gedeeld(geweest, deelnemer, GROEP)
    noor = deelnemer_van(groep, roepnaam="Noor")
    gisteren = timezone.now() - datetime.timedelta(days=1)
    Leesmoment.objects.create(reflectie=reflectie, lezer=facilitator, gelezen_op=gisteren)
    Leesmoment.objects.create(reflectie=reflectie, lezer=noor)
    client.force_login(deelnemer)
    lezers = client.get(reverse("reflectie_detail", args=[reflectie.pk])).context["lezers"]
    assert [(lezer.naam, lezer.aantal) for lezer in lezers] == [("Noor", 1), ("Ruben", 1)]


def test_new_until_opened(client, deelnemer, facilitator, groep, geweest):
    reflectie = gedeeld(geweest, deelnemer, FACILITATORS)
    client.force_login(facilitator)
    response = lijst(client, groep, en=True)
    assert [r.nieuw for r in getoond(response)] == [True]
    assert "card-nieuw" in response.content.decode()
    client.get(reverse("reflectie_detail", args=[reflectie.pk]))
    response = lijst(client, groep)
    assert [r.nieuw for r in getoond(response)] == [False]
    assert "card-nieuw" not in response.content.decode()


def test_entries_are_grouped_per_meeting_newest_first(client, facilitator, groep, geweest):
    ouder = BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=9))
    sam = deelnemer_van(groep)
    a = gedeeld(ouder, sam)
    b = gedeeld(geweest, sam)
    zonder = gedeeld(geweest, sam)
    zonder.bijeenkomst = None  # its meeting was removed; the group stays
    zonder.save()
    client.force_login(facilitator)
    blokken = lijst(client, groep).context["blokken"]
    assert [blok.bijeenkomst for blok in blokken] == [geweest, ouder, None]
    assert [[r.pk for r in blok.reflecties] for blok in blokken] == [[b.pk], [a.pk], [zonder.pk]]


# --- Figures per meeting --------------------------------------------------------------------


def spiegel(client, groep):
    [blok] = lijst(client, groep).context["blokken"]
    return blok.spiegel


def test_figures_need_five_people_the_academys_one_threshold(
    client, facilitator, deelnemer, groep, geweest
):
    """Four people behind a meeting's figures: hidden; the fifth shows them
    (deelnemers.privacy.MIN_AGGREGATE, as on the coordinator side)."""
    een, twee, drie, vier, vijf = (deelnemer_van(groep) for _ in range(5))
    gedeeld(geweest, een, stap=Stap.HERKENNING)
    gedeeld(geweest, een, stap=Stap.PROJECTIE)
    for auteur in (twee, drie, vier):
        Herkenningsmoment.objects.create(
            auteur=auteur, bijeenkomst=geweest, groep=groep, soort="herkend"
        )
    # A private reflection counts neither in the steps nor as a person.
    ReflectieFactory(auteur=vijf, bijeenkomst=geweest, groep=groep, stap=Stap.GETUIGENIS)
    client.force_login(facilitator)
    figuren = spiegel(client, groep)
    assert figuren.deelnemers == 4
    assert not figuren.toonbaar
    html = lijst(client, groep, en=True).content.decode()
    assert "Too few people wrote about this meeting" in html
    assert "from 5 people on" in html
    assert "This meeting in figures" not in html
    assert "did not feel recognised" not in html

    Herkenningsmoment.objects.create(
        auteur=vijf,
        bijeenkomst=geweest,
        groep=groep,
        soort="niet_herkend",
        belemmering="geen_ruimte",
    )
    figuren = spiegel(client, groep)
    assert figuren.toonbaar
    assert figuren.deelnemers == 5
    assert dict(figuren.stappen) == {Stap.HERKENNING: 1, Stap.PROJECTIE: 1}
    assert (figuren.herkend, figuren.niet_herkend) == (3, 1)
    html = lijst(client, groep, en=True).content.decode()
    assert "This meeting in figures" in html
    assert "1 time someone did not feel recognised" in html

    # Participants never get the figures.
    client.force_login(deelnemer)
    gedeeld(geweest, een, GROEP)
    [blok] = lijst(client, groep).context["blokken"]
    assert blok.spiegel is None


# --- Query budget -----------------------------------------------------------------------------


def maak_gedeeld(groep, aantal):
    mensen = [deelnemer_van(groep) for _ in range(3)]
    for i in range(aantal):
        bijeenkomst = BijeenkomstFactory(
            groep=groep, begint_om=timezone.now() - datetime.timedelta(days=i % 5 + 1, hours=i)
        )
        gedeeld(bijeenkomst, mensen[i % 3], GROEP if i % 2 else FACILITATORS)
        Herkenningsmoment.objects.create(
            auteur=mensen[(i + 1) % 3], bijeenkomst=bijeenkomst, groep=groep, soort="herkend"
        )


@pytest.mark.parametrize("wie", ["facilitator", "deelnemer"])
def test_the_list_has_a_fixed_number_of_queries(
    client, request, groep, django_assert_num_queries, wie
):
    user = request.getfixturevalue(wie)
    client.force_login(user)
    maak_gedeeld(groep, 3)
    with CaptureQueriesContext(connection) as klein:
        assert lijst(client, groep).status_code == 200
    maak_gedeeld(groep, 40)
    with django_assert_num_queries(len(klein)):
        response = lijst(client, groep)
    assert len(getoond(response)) == 20
    with django_assert_num_queries(len(klein)):
        response = lijst(client, groep, pagina=2)
    zichtbaar = Reflectie.objects.gedeeld_met(user).count()  # 43 or, for a participant, 21
    assert len(getoond(response)) == min(zichtbaar - 20, 20) > 0
