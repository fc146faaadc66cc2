"""Following a space (nazorg/volgen.py): a new thread by someone else becomes one grouped
notification per space ("3 nieuwe gesprekken in …"), updated, not repeated; never for
your own thread or a reply; a held or hidden thread does not count; nothing for someone
who left the space, switched it off or stopped following; flat queries for 500 followers."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groepen.models import Lidmaatschap
from nazorg import community, gesprekmeldingen, moderatie, volgen
from nazorg.models import (
    CommunityWelkom,
    GesprekmeldingVoorkeur,
    GevolgdeRuimte,
    Melding,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
)
from tests.factories import LidmaatschapFactory, UserFactory, benoem_moderator

from .conftest import maak_afgelopen_groep

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
NIEUW = Melding.Soort.NIEUW_GESPREK


@pytest.fixture
def cohort(db):
    """A finished group's space; Sam follows it, Noor and Ayla write."""
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=3)
    for user, naam in zip(mensen, ("Sam", "Noor", "Ayla"), strict=True):
        user.roepnaam = naam
        user.save(update_fields=["roepnaam"])
    for user in (*mensen, facilitator):
        RichtlijnAkkoord.objects.get_or_create(user=user)
    ruimte = Ruimte.objects.create(groep=groep, naam="WRAP voorjaar")
    volgen.volg(mensen[0], ruimte)
    return ruimte, mensen, facilitator


def start(ruimte, user, titel="Een terugblik", tekst="Hoe gaat het met jullie?"):
    return community.plaats_bericht(user, ruimte, tekst, titel=titel)


def pagina(client, user):
    client.force_login(user)
    return client.get(reverse("meldingen"), **NL).content.decode()


def nieuw_van(user):
    return gesprekmeldingen.zichtbaar(user).filter(soort=NIEUW)


def test_new_threads_are_grouped_into_one_notification_per_space(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    eerste = start(ruimte, noor, titel="Slapen lukt niet")
    melding = nieuw_van(sam).get()
    assert "1 nieuw gesprek in “WRAP voorjaar”" in pagina(client, sam)
    # A reply is not a new conversation: Sam, who follows, hears nothing of it.
    community.plaats_bericht(ayla, eerste.draad, "Bij mij ook niet")
    start(ruimte, ayla, titel="Wandelen")
    start(ruimte, noor, titel="Werk")
    assert nieuw_van(sam).get().pk == melding.pk  # updated, not repeated
    page = pagina(client, sam)
    assert "3 nieuwe gesprekken in “WRAP voorjaar”" in page
    for titel in ("Slapen", "Wandelen", "Werk", "Noor", "Ayla"):
        assert titel not in page  # the line names the space and a number, nothing else
    assert "Slapen" not in Melding.objects.get(pk=melding.pk).titel
    # Only the follower; the writers of the threads hear nothing of their own.
    assert not Melding.objects.filter(soort=NIEUW).exclude(user=sam).exists()
    # Opening it reads it and lands in the space; the next thread starts a new one.
    client.force_login(sam)
    r = client.get(reverse("meldingen_open", args=[melding.pk]))
    assert r.url == reverse("ruimte", args=[ruimte.pk])
    start(ruimte, ayla, titel="Nog een")
    assert nieuw_van(sam).count() == 2
    assert "1 nieuw gesprek in “WRAP voorjaar”" in pagina(client, sam)
    assert "3 nieuwe gesprekken in “WRAP voorjaar”" in pagina(client, sam)  # the read one


def test_your_own_thread_tells_you_nothing(cohort):
    ruimte, (sam, _noor, _ayla), _f = cohort
    start(ruimte, sam)
    assert not Melding.objects.exists()


def test_a_held_thread_counts_once_let_through_and_a_hidden_one_drops_out(client, cohort):
    ruimte, (sam, noor, ayla), facilitator = cohort
    Ruimte.objects.filter(pk=ruimte.pk).update(signaalbeleid=Ruimte.Signaalbeleid.VASTHOUDEN)
    ruimte.refresh_from_db()
    vastgehouden = start(ruimte, noor, titel="Zwaar", tekst="Ik wil niet meer leven")
    assert vastgehouden.status == "vastgehouden"
    assert not nieuw_van(sam).exists()  # nothing to count yet
    zaak = Moderatiezaak.objects.get(bericht=vastgehouden)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.GEEN_ACTIE)
    assert "1 nieuw gesprek" in pagina(client, sam)
    tweede = start(ruimte, ayla, titel="Iets dat weg moet")
    assert "2 nieuwe gesprekken" in pagina(client, sam)
    # Hidden by a facilitator: the thread drops out of the count, its title never shows.
    zaak = Moderatiezaak.objects.create(bericht=tweede, soort=Moderatiezaak.Soort.GEMELD)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, "Buiten de afspraken")
    page = pagina(client, sam)
    assert "1 nieuw gesprek in “WRAP voorjaar”" in page
    assert "weg moet" not in page
    zaak = Moderatiezaak.objects.create(bericht=vastgehouden, soort=Moderatiezaak.Soort.GEMELD)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, "Buiten de afspraken")
    # Nothing left to count: the notification is gone, also from the menu and its link.
    sam = type(sam).objects.get(pk=sam.pk)
    assert gesprekmeldingen.aantal_ongelezen(sam) == 0
    assert "nieuw gesprek" not in pagina(client, sam)
    melding = Melding.objects.get(user=sam, soort=NIEUW)
    assert client.get(reverse("meldingen_open", args=[melding.pk])).status_code == 404


def test_someone_who_left_hears_nothing_and_no_longer_sees_it(cohort):
    ruimte, (sam, noor, _ayla), _f = cohort
    start(ruimte, noor)
    assert nieuw_van(sam).count() == 1
    Lidmaatschap.objects.filter(user=sam).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    assert not nieuw_van(sam).exists()
    Melding.objects.all().delete()
    start(ruimte, noor, titel="Tweede")
    assert not Melding.objects.filter(user=sam).exists()


def test_switched_off_or_unfollowed_hears_nothing(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    GesprekmeldingVoorkeur.objects.create(user=sam, nieuwe_gesprekken=False)
    start(ruimte, noor)
    assert not Melding.objects.filter(user=sam).exists()
    GesprekmeldingVoorkeur.objects.filter(user=sam).update(nieuwe_gesprekken=True)
    start(ruimte, noor, titel="Tweede")
    assert nieuw_van(sam).count() == 1
    # Stop following from the settings page: the unread one goes, and nothing new comes.
    client.force_login(sam)
    page = client.get(reverse("meldingen_instellingen"), **NL).content.decode()
    assert "WRAP voorjaar" in page
    assert "Als iemand een gesprek begint in een ruimte die ik volg" in page
    r = client.post(
        reverse("ruimte_volgen", args=[ruimte.pk]),
        {"actie": "stop", "next": reverse("meldingen_instellingen")},
    )
    assert r.url == reverse("meldingen_instellingen")
    assert not GevolgdeRuimte.objects.filter(user=sam).exists()
    assert not Melding.objects.filter(user=sam).exists()
    start(ruimte, ayla, titel="Derde")
    assert not Melding.objects.filter(user=sam).exists()


def test_following_from_the_space_page(client, cohort):
    ruimte, (_sam, noor, _ayla), _f = cohort
    client.force_login(noor)
    page = client.get(reverse("ruimte", args=[ruimte.pk]), **NL).content.decode()
    assert "Volg deze ruimte" in page
    r = client.post(reverse("ruimte_volgen", args=[ruimte.pk]))
    assert r.url == reverse("ruimte", args=[ruimte.pk])
    client.post(reverse("ruimte_volgen", args=[ruimte.pk]))  # twice is once
    assert GevolgdeRuimte.objects.filter(user=noor).count() == 1
    page = client.get(reverse("ruimte", args=[ruimte.pk]), **NL).content.decode()
    assert "Niet meer volgen" in page
    # Someone outside the space cannot follow it: the 404 of "not yours".
    buiten = UserFactory()
    RichtlijnAkkoord.objects.create(user=buiten)
    client.force_login(buiten)
    assert client.post(reverse("ruimte_volgen", args=[ruimte.pk])).status_code == 404
    assert not GevolgdeRuimte.objects.filter(user=buiten).exists()
    # An open redirect is not followed.
    client.force_login(noor)
    r = client.post(reverse("ruimte_volgen", args=[ruimte.pk]), {"next": "https://example.org/"})
    assert r.url == reverse("ruimte", args=[ruimte.pk])


def test_who_hears_follows_the_same_rule_as_who_sees_the_space(cohort):
    """met_toegang (one query for many people) against Ruimte.objects.zichtbaar_voor."""
    ruimte, (sam, noor, _ayla), facilitator = cohort
    academie = community.academieruimte()
    gestopt = UserFactory()
    LidmaatschapFactory(groep=ruimte.groep, user=gestopt, status=Lidmaatschap.Status.UITGESCHREVEN)
    welkom = UserFactory()
    CommunityWelkom.objects.create(user=welkom)
    moderator = UserFactory()
    benoem_moderator(moderator, ruimte)
    inactief = UserFactory(is_active=False)
    LidmaatschapFactory(groep=ruimte.groep, user=inactief)
    buiten = UserFactory()
    mensen = [sam, noor, facilitator, gestopt, welkom, moderator, inactief, buiten]
    User = get_user_model()
    for r in (ruimte, academie):
        verwacht = {u.pk for u in mensen if Ruimte.objects.zichtbaar_voor(u).filter(pk=r.pk)}
        gevonden = set(
            User.objects.filter(volgen.met_toegang(r), pk__in=[u.pk for u in mensen]).values_list(
                "pk", flat=True
            )
        )
        assert gevonden == verwacht


def test_a_new_thread_costs_the_same_queries_for_5_or_500_followers(cohort):
    ruimte, (sam, noor, _ayla), _f = cohort
    User = get_user_model()

    def volgers(n, begin):
        nieuw = User.objects.bulk_create(
            [User(email=f"volger{begin + i}@example.org", roepnaam="V") for i in range(n)]
        )
        Lidmaatschap.objects.bulk_create(
            [
                Lidmaatschap(groep=ruimte.groep, user=u, rol=Lidmaatschap.Rol.DEELNEMER)
                for u in nieuw
            ]
        )
        GevolgdeRuimte.objects.bulk_create([GevolgdeRuimte(user=u, ruimte=ruimte) for u in nieuw])

    def queries(titel):
        with CaptureQueriesContext(connection) as ctx:
            start(ruimte, noor, titel=titel)
        return len(ctx.captured_queries)

    volgers(4, 0)
    queries("Opwarmen")  # every follower has an open notification from here on
    volgers(1, 4)  # one without
    weinig = queries("Vijf")
    volgers(494, 5)
    volgers(1, 999)
    veel = queries("Vijfhonderd")
    assert veel == weinig
    assert GevolgdeRuimte.objects.count() == 501  # Sam and 500 more
    assert Melding.objects.filter(soort=NIEUW).count() == 501
    assert set(Melding.objects.filter(soort=NIEUW).values_list("aantal", flat=True)) >= {1, 3}
    assert nieuw_van(sam).get().aantal == 3
