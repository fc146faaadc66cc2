"""Who can read what, over time: a facilitator reads only what was shared with the
facilitators (or the group) after they became its facilitator, and participants are told
when a new facilitator joins.

The attack found from outside: a coordinator makes themselves facilitator of any group
and reads what was shared there before. Every read path is checked: the detail page
(404), the group's list, the unread count on the facilitator home, the figures, the
shared stories.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import planning
from groepen.models import Lidmaatschap
from herstelmodel import reflectie as logica
from herstelmodel import verhaal as verhaal_logica
from herstelmodel.models import Herkenningsmoment, Reflectie, Stap, Verhaal, Zichtbaarheid
from nazorg.models import Melding
from tests.factories import BijeenkomstFactory, LidmaatschapFactory, UserFactory

from .test_reflectie import ReflectieFactory

pytestmark = pytest.mark.django_db

FACILITATORS, GROEP = Zichtbaarheid.FACILITATORS, Zichtbaarheid.GROEP
UUR = datetime.timedelta(hours=1)
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


@pytest.fixture
def geweest(groep):
    return BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=2))


@pytest.fixture
def facilitator(facilitator, groep):
    """Ruben has facilitated this group since before it began."""
    Lidmaatschap.objects.filter(groep=groep, user=facilitator).update(
        status_sinds=timezone.now() - datetime.timedelta(days=30)
    )
    return facilitator


def deelnemer_van(groep, **kwargs):
    user = UserFactory(**kwargs)
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    return user


def gedeeld(bijeenkomst, auteur, zichtbaarheid=FACILITATORS, op=None, **kwargs):
    return ReflectieFactory(
        auteur=auteur,
        bijeenkomst=bijeenkomst,
        groep=bijeenkomst.groep,
        zichtbaarheid=zichtbaarheid,
        gedeeld_op=op or timezone.now(),
        **kwargs,
    )


def wordt_facilitator(groep, user=None):
    """The coordinator's path: planning.maak_facilitator (as the beheer page does)."""
    user = user or UserFactory(roepnaam="Nieuw", mfa=True)
    planning.maak_facilitator(groep.pk, user, vrijwilliger=False)
    return user


def in_lijst(client, groep):
    response = client.get(reverse("gedeelde_reflecties", args=[groep.pk]))
    assert response.status_code == 200
    return {r.pk for blok in response.context["blokken"] for r in blok.reflecties}


def ongelezen(client, groep):
    return dict(client.get(reverse("facilitator_home")).context["ongelezen"]).get(groep, 0)


# --- Reflections ------------------------------------------------------------------------


def test_a_facilitator_added_later_reads_only_what_was_shared_after_they_joined(
    client, groep, geweest, deelnemer, facilitator
):
    ouder = gedeeld(geweest, deelnemer, FACILITATORS, op=timezone.now() - UUR)
    ouder_groep = gedeeld(geweest, deelnemer, GROEP, op=timezone.now() - UUR)
    nieuw = wordt_facilitator(groep)
    later = gedeeld(geweest, deelnemer, FACILITATORS)
    later_groep = gedeeld(geweest, deelnemer, GROEP)

    client.force_login(nieuw)
    for oud in (ouder, ouder_groep):
        assert client.get(reverse("reflectie_detail", args=[oud.pk])).status_code == 404
    assert client.get(reverse("reflectie_detail", args=[later.pk])).status_code == 200
    assert in_lijst(client, groep) == {later.pk, later_groep.pk}
    assert ongelezen(client, groep) == 1  # `later_groep`; `later` was just opened
    assert set(Reflectie.objects.zichtbaar_voor(nieuw)) == {later, later_groep}
    # Nothing was logged as read for the entries they could not open.
    assert not ouder.leesmomenten.exists()

    # The facilitator who was there all along still reads everything.
    client.force_login(facilitator)
    assert in_lijst(client, groep) == {ouder.pk, ouder_groep.pk, later.pk, later_groep.pk}
    assert ongelezen(client, groep) == 4


def test_the_coordinator_who_makes_themselves_facilitator_reads_nothing_older(
    client, coordinator, groep, geweest, deelnemer
):
    ouder = gedeeld(geweest, deelnemer, FACILITATORS, op=timezone.now() - UUR)
    client.force_login(coordinator)
    response = client.post(
        reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk}),
        {"email": coordinator.email},
    )
    assert response.status_code == 302
    assert Lidmaatschap.objects.facilitators().filter(groep=groep, user=coordinator).exists()

    assert client.get(reverse("reflectie_detail", args=[ouder.pk])).status_code == 404
    assert in_lijst(client, groep) == set()
    assert ongelezen(client, groep) == 0


def test_sharing_again_after_the_facilitator_joined_is_a_new_choice(
    client, groep, geweest, deelnemer
):
    ouder = gedeeld(geweest, deelnemer, GROEP, op=timezone.now() - UUR)
    nieuw = wordt_facilitator(groep)
    client.force_login(nieuw)
    assert in_lijst(client, groep) == set()

    # The author narrows it to the facilitators: a new audience, a new moment of sharing.
    client.force_login(deelnemer)
    client.post(reverse("reflectie_delen", args=[ouder.pk]), {"zichtbaarheid": FACILITATORS})
    client.force_login(nieuw)
    assert in_lijst(client, groep) == {ouder.pk}


def test_editing_an_older_shared_entry_does_not_open_it_to_a_later_facilitator(
    client, groep, geweest, deelnemer
):
    ouder = gedeeld(geweest, deelnemer, FACILITATORS, op=timezone.now() - UUR)
    nieuw = wordt_facilitator(groep)
    client.force_login(deelnemer)
    response = client.post(
        reverse("reflectie_bewerken", args=[ouder.pk]),
        {
            "stap": Stap.ERKENNING,
            "tekst": "Nog een zin erbij.",
            "bijeenkomst": geweest.pk,
            "zichtbaarheid": FACILITATORS,
        },
    )
    assert response.status_code == 302
    ouder.refresh_from_db()
    assert ouder.stap == Stap.ERKENNING
    client.force_login(nieuw)
    assert client.get(reverse("reflectie_detail", args=[ouder.pk])).status_code == 404


def test_who_left_and_came_back_starts_again(client, groep, geweest, deelnemer):
    terug = wordt_facilitator(groep)
    eerste_keer = gedeeld(geweest, deelnemer, FACILITATORS)
    lid = Lidmaatschap.objects.get(groep=groep, user=terug)
    planning.verwijder_facilitator(lid)
    tussendoor = gedeeld(geweest, deelnemer, FACILITATORS)
    # Make sure the moments differ on a fast machine.
    Reflectie.objects.filter(pk__in=[eerste_keer.pk, tussendoor.pk]).update(
        gedeeld_op=timezone.now() - UUR
    )
    wordt_facilitator(groep, terug)
    weer = gedeeld(geweest, deelnemer, FACILITATORS)

    client.force_login(terug)
    assert in_lijst(client, groep) == {weer.pk}
    assert client.get(reverse("reflectie_detail", args=[eerste_keer.pk])).status_code == 404


def test_any_path_that_makes_someone_facilitator_starts_their_reading_now(groep, geweest):
    """Also the admin or a script that flips a row and forgets status_sinds."""
    wie = deelnemer_van(groep)
    lid = Lidmaatschap.objects.get(groep=groep, user=wie)
    Lidmaatschap.objects.filter(pk=lid.pk).update(status_sinds=timezone.now() - 10 * UUR)
    ander = deelnemer_van(groep)
    ouder = gedeeld(geweest, ander, FACILITATORS, op=timezone.now() - UUR)

    lid.refresh_from_db()
    lid.rol = Lidmaatschap.Rol.FACILITATOR
    lid.save(update_fields=["rol"])
    lid.refresh_from_db()
    assert lid.status_sinds > timezone.now() - UUR
    assert ouder not in Reflectie.objects.zichtbaar_voor(wie)

    # Saving an active facilitator again changes nothing.
    begin = lid.status_sinds
    lid.vrijwilliger = True
    lid.save()
    lid.refresh_from_db()
    assert lid.status_sinds == begin


def test_a_shared_entry_always_gets_its_moment_of_sharing(deelnemer, geweest):
    r = ReflectieFactory(
        auteur=deelnemer, bijeenkomst=geweest, groep=geweest.groep, zichtbaarheid=FACILITATORS
    )
    assert r.gedeeld_op is not None
    r.zichtbaarheid = Zichtbaarheid.ALLEEN_IK
    r.save()
    assert r.gedeeld_op is None


# --- Figures and stories -------------------------------------------------------------------


def test_figures_count_only_what_a_later_facilitator_may_see(groep, geweest, facilitator):
    mensen = [deelnemer_van(groep) for _ in range(5)]
    for user in mensen:
        gedeeld(geweest, user, FACILITATORS, op=timezone.now() - UUR)
        Herkenningsmoment.objects.create(
            auteur=user,
            bijeenkomst=geweest,
            groep=groep,
            soort="herkend",
            aangemaakt_op=timezone.now() - UUR,
        )
    nieuw = wordt_facilitator(groep)
    assert logica.spiegels_voor([geweest.pk], facilitator)[geweest.pk].toonbaar
    assert logica.spiegels_voor([geweest.pk], nieuw) == {}


def test_shared_stories_follow_the_same_rule(client, groep, deelnemer):
    verhaal_logica.opslaan(deelnemer, "Mijn weg", {"begin": "Zo begon het."})
    verhaal_logica.delen(deelnemer, groep)
    Verhaal.objects.filter(auteur=deelnemer).update(gedeeld_op=timezone.now() - UUR)
    nieuw = wordt_facilitator(groep)
    url = reverse("getuigenissen", args=[groep.pk])

    client.force_login(nieuw)
    assert client.get(url).context["verhalen"] == []
    ander = deelnemer_van(groep)
    client.force_login(ander)  # participants read what the group shared, as before
    assert [v.auteur for v in client.get(url).context["verhalen"]] == [deelnemer]

    verhaal_logica.delen(deelnemer, groep)  # shared again, after the facilitator joined
    client.force_login(nieuw)
    assert [v.auteur for v in client.get(url).context["verhalen"]] == [deelnemer]


# --- Participants are told ---------------------------------------------------------------


def test_participants_get_exactly_one_notice_when_a_facilitator_joins(
    client, coordinator, groep, deelnemer, facilitator
):
    tweede = deelnemer_van(groep)
    wachtend = UserFactory()
    LidmaatschapFactory(groep=groep, user=wachtend, status=Lidmaatschap.Status.WACHTLIJST)
    nieuw = UserFactory(roepnaam="Fatima", mfa=True)

    client.force_login(coordinator)
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk})
    assert client.post(url, {"email": nieuw.email}).status_code == 302
    # Adding the same person again is refused and tells nobody anything.
    assert client.post(url, {"email": nieuw.email}).status_code == 200
    # Saving the membership again sends nothing either.
    lid = Lidmaatschap.objects.get(groep=groep, user=nieuw)
    lid.vrijwilliger = True
    lid.save()

    meldingen = Melding.objects.order_by("user_id")
    assert sorted(m.user_id for m in meldingen) == sorted([deelnemer.pk, tweede.pk])
    melding = Melding.objects.get(user=deelnemer)
    assert groep.naam in melding.titel
    assert melding.link == reverse("groep_detail", args=[groep.pk])
    assert "Fatima is nu facilitator" in melding.titel


def test_no_notice_when_adding_the_facilitator_fails(groep, deelnemer):
    al = wordt_facilitator(groep)
    Melding.objects.all().delete()
    with pytest.raises(planning.PlanningFout):
        planning.maak_facilitator(groep.pk, al, vrijwilliger=False)
    with pytest.raises(planning.PlanningFout):
        planning.maak_facilitator(groep.pk, deelnemer, vrijwilliger=False)
    assert not Melding.objects.exists()


def test_the_group_page_tells_participants_who_joined_later(client, groep, deelnemer, facilitator):
    nieuw = wordt_facilitator(groep, UserFactory(roepnaam="Fatima", mfa=True))
    zin = "Fatima is sinds"
    client.force_login(deelnemer)
    html = client.get(reverse("groep_detail", args=[groep.pk]), **NL).content.decode()
    assert zin in html
    assert "wat je vanaf nu met de facilitators deelt, kan Fatima lezen" in html
    # Ruben was there from the start (before the group began): no sentence about him.
    assert (
        "Ruben is sinds"
        not in client.get(reverse("groep_detail", args=[groep.pk]), **NL).content.decode()
    )
    # The facilitators themselves do not get the sentence.
    client.force_login(nieuw)
    assert zin not in client.get(reverse("groep_detail", args=[groep.pk]), **NL).content.decode()


# --- Queries stay flat ---------------------------------------------------------------------


def test_a_later_facilitators_list_and_home_have_a_fixed_number_of_queries(
    client, groep, geweest, deelnemer, django_assert_num_queries
):
    nieuw = wordt_facilitator(groep)
    client.force_login(nieuw)
    gedeeld(geweest, deelnemer, FACILITATORS)
    lijst_url = reverse("gedeelde_reflecties", args=[groep.pk])
    home = reverse("facilitator_home")
    with CaptureQueriesContext(connection) as lijst_een:
        client.get(lijst_url)
    with CaptureQueriesContext(connection) as home_een:
        client.get(home)
    for i in range(30):
        gedeeld(geweest, deelnemer_van(groep), FACILITATORS, op=timezone.now() - (i % 2) * 2 * UUR)
    with django_assert_num_queries(len(lijst_een)):
        response = client.get(lijst_url)
    assert len([r for b in response.context["blokken"] for r in b.reflecties]) == 16
    with django_assert_num_queries(len(home_een)):
        client.get(home)


# --- The backfill ---------------------------------------------------------------------------


def test_the_backfill_gives_shared_entries_their_earliest_possible_sharing_moment(
    deelnemer, geweest
):
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("herstelmodel.migrations.0003_gedeeld_op_backfill")
    geschreven = timezone.now() - datetime.timedelta(days=3)
    gedeelde = gedeeld(geweest, deelnemer, FACILITATORS, aangemaakt_op=geschreven)
    prive = ReflectieFactory(auteur=deelnemer, aangemaakt_op=geschreven)
    verhaal_logica.opslaan(deelnemer, "Mijn weg", {"begin": "Zo begon het."})
    verhaal = verhaal_logica.delen(deelnemer, geweest.groep)
    Reflectie.objects.update(gedeeld_op=None)
    Verhaal.objects.update(gedeeld_op=None)

    migratie.vul_gedeeld_op(apps, None)

    gedeelde.refresh_from_db()
    prive.refresh_from_db()
    verhaal.refresh_from_db()
    assert gedeelde.gedeeld_op == geschreven
    assert prive.gedeeld_op is None
    assert verhaal.gedeeld_op == verhaal.gedeelde_versie.aangemaakt_op
