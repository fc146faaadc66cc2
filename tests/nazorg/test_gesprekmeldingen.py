"""Conversations that reach people (nazorg/gesprekmeldingen.py): a reply, "Herken ik"
(grouped) and a moderation decision become in-app notifications; never for your own
post, never naming an anonymous writer, never about a hidden post; each kind can be
switched off; the unread count sits in the menu; the page pages with flat query counts."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from nazorg import community, gesprekmeldingen, moderatie, rust
from nazorg.models import Bericht, Melding, Moderatiezaak, RichtlijnAkkoord, Ruimte
from tests.factories import LidmaatschapFactory, UserFactory

from .conftest import maak_afgelopen_groep

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
REACTIE = Melding.Soort.REACTIE
HERKEN = Melding.Soort.HERKEN_IK


@pytest.fixture
def cohort(db):
    """A finished group and its space; Sam, Noor and Ayla past the guidelines."""
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=3)
    for user, naam in zip(mensen, ("Sam", "Noor", "Ayla"), strict=True):
        user.roepnaam = naam
        user.save(update_fields=["roepnaam"])
    for user in (*mensen, facilitator):
        RichtlijnAkkoord.objects.get_or_create(user=user)
    ruimte = Ruimte.objects.create(groep=groep, naam=groep.naam, anoniem_toegestaan=True)
    return ruimte, mensen, facilitator


def start(ruimte, user, titel="Een terugblik", tekst="Hoe gaat het met jullie?"):
    return community.plaats_bericht(user, ruimte, tekst, titel=titel)


def reageer(draad, user, tekst="Herkenbaar, dank je.", anoniem=False):
    return community.plaats_bericht(user, draad, tekst, anoniem=anoniem)


def pagina(client, user):
    client.force_login(user)
    return client.get(reverse("meldingen"), **NL).content.decode()


def meldingen_van(user, soort):
    return Melding.objects.filter(user=user, soort=soort)


# --- Replies -----------------------------------------------------------------------------------


def test_a_reply_reaches_the_starter_and_earlier_repliers_never_the_writer(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    eerste = start(ruimte, sam)
    assert not Melding.objects.exists()  # a new thread tells nobody
    reactie = reageer(eerste.draad, noor)
    assert list(meldingen_van(sam, REACTIE).values_list("bericht", flat=True)) == [reactie.pk]
    assert not meldingen_van(noor, REACTIE).exists()  # not for your own reply
    tweede = reageer(eerste.draad, ayla)
    assert set(Melding.objects.filter(bericht=tweede).values_list("user", flat=True)) == {
        sam.pk,
        noor.pk,
    }
    # Exactly once per reply per person, even when asked twice.
    assert gesprekmeldingen.na_reactie(tweede) == 2
    assert Melding.objects.filter(bericht=tweede).count() == 2

    page = pagina(client, sam)
    assert "Noor reageerde in “Een terugblik”" in page
    assert "Ayla reageerde in “Een terugblik”" in page
    # The stored title has no name and no thread title (those are personal text).
    opgeslagen = Melding.objects.get(user=sam, bericht=reactie).titel
    assert "Noor" not in opgeslagen
    assert "terugblik" not in opgeslagen
    assert "Herkenbaar" not in page  # never the text of a post


def test_a_muted_thread_sends_no_reply_notifications(cohort):
    ruimte, (sam, noor, _a), _f = cohort
    eerste = start(ruimte, sam)
    community.wissel_demping(sam, eerste.draad)
    reageer(eerste.draad, noor)
    assert not Melding.objects.filter(user=sam).exists()


def test_an_anonymous_writer_is_never_named(client, cohort):
    ruimte, (sam, noor, _a), _f = cohort
    eerste = start(ruimte, sam)
    reageer(eerste.draad, noor, tekst="Anoniem gezegd", anoniem=True)
    page = pagina(client, sam)
    assert "Een deelnemer reageerde in “Een terugblik”" in page
    assert "Noor" not in page
    assert "Noor" not in Melding.objects.get(user=sam).titel


def test_opening_marks_read_and_lands_at_the_reply(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    eerste = start(ruimte, sam)
    reactie = reageer(eerste.draad, noor)
    melding = Melding.objects.get(user=sam)
    # Not someone else's: the same 404 as for anything that is not yours.
    client.force_login(ayla)
    assert client.get(reverse("meldingen_open", args=[melding.pk])).status_code == 404
    pagina(client, sam)
    melding.refresh_from_db()
    assert melding.gelezen_op is None  # seeing the list is not opening it
    r = client.get(reverse("meldingen_open", args=[melding.pk]))
    assert r.status_code == 302
    assert r.url == reverse("draad", args=[eerste.draad_id]) + f"#bericht-{reactie.pk}"
    melding.refresh_from_db()
    assert melding.gelezen_op is not None


def test_mark_all_read_is_a_post_and_leaves_what_waits_for_a_break(client, cohort):
    ruimte, (sam, noor, _a), _f = cohort
    reageer(start(ruimte, sam).draad, noor)
    Melding.objects.create(user=sam, titel="Nazit volgende week", link="/nazorg/voorkeuren/")
    client.force_login(sam)
    assert client.get(reverse("meldingen_gelezen")).status_code == 405
    rust.neem_pauze(sam, timezone.now() + datetime.timedelta(days=7))
    client.post(reverse("meldingen_gelezen"))
    assert Melding.objects.get(titel="Nazit volgende week").gelezen_op is not None
    # The community notification waits, unread, until the break is over.
    assert Melding.objects.get(soort=REACTIE).gelezen_op is None
    assert gesprekmeldingen.aantal_ongelezen(type(sam).objects.get(pk=sam.pk)) == 0
    rust.stop_pauze(sam)
    assert gesprekmeldingen.aantal_ongelezen(type(sam).objects.get(pk=sam.pk)) == 1


# --- "Herken ik" -------------------------------------------------------------------------------


def test_herken_ik_is_grouped_into_one_notification_per_post(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    bericht = start(ruimte, sam)
    andere = UserFactory(roepnaam="Kim")
    LidmaatschapFactory(groep=ruimte.groep, user=andere, rol=Lidmaatschap.Rol.DEELNEMER)
    for user in (noor, ayla, andere):
        community.wissel_herken_ik(user, bericht)
    assert community.wissel_herken_ik(sam, bericht) is None  # not on your own post
    melding = meldingen_van(sam, HERKEN).get()
    assert melding.aantal == 3
    assert "3 mensen herkennen je bericht in “Een terugblik”" in pagina(client, sam)
    # Taking one back lowers the count; it never adds a notification.
    community.wissel_herken_ik(andere, bericht)
    assert meldingen_van(sam, HERKEN).get().aantal == 2
    # Once read, a new press starts a new one that counts everyone.
    client.get(reverse("meldingen_open", args=[melding.pk]))
    community.wissel_herken_ik(andere, bericht)
    assert meldingen_van(sam, HERKEN).count() == 2
    assert meldingen_van(sam, HERKEN).get(gelezen_op__isnull=True).aantal == 3
    # All taken back: the unread one goes; the read one stays as it was read (2).
    for user in (noor, ayla, andere):
        community.wissel_herken_ik(user, bericht)
    assert list(meldingen_van(sam, HERKEN).values_list("aantal", flat=True)) == [2]
    assert not meldingen_van(noor, HERKEN).exists()


# --- Moderation --------------------------------------------------------------------------------


def verberg(bericht, facilitator, reden="Buiten de afspraken"):
    zaak = Moderatiezaak.objects.create(bericht=bericht, soort=Moderatiezaak.Soort.GEMELD)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, reden)


def test_a_hidden_post_takes_its_notifications_with_it(client, cohort):
    ruimte, (sam, noor, ayla), facilitator = cohort
    eerste = start(ruimte, sam)
    reactie = reageer(eerste.draad, noor, tekst="Iets dat weg moet")
    community.wissel_herken_ik(ayla, reactie)
    assert gesprekmeldingen.aantal_ongelezen(sam) == 1
    verberg(reactie, facilitator)
    sam = type(sam).objects.get(pk=sam.pk)  # a new request
    assert gesprekmeldingen.aantal_ongelezen(sam) == 0
    page = pagina(client, sam)
    assert "Noor reageerde" not in page
    assert "Iets dat weg moet" not in page
    melding = Melding.objects.get(user=sam, bericht=reactie)
    assert client.get(reverse("meldingen_open", args=[melding.pk])).status_code == 404
    # The writer hears of the decision (moderatie.py), but the "Herken ik" one is gone.
    noor_page = pagina(client, noor)
    assert "Een facilitator heeft je bericht" in noor_page or "hid your post" in noor_page
    assert meldingen_van(noor, Melding.Soort.MODERATIE).count() == 1
    assert "herkent je bericht" not in noor_page


def test_a_hidden_thread_hides_every_notification_in_it(cohort):
    ruimte, (sam, noor, _a), facilitator = cohort
    eerste = start(ruimte, sam)
    reageer(eerste.draad, noor)
    verberg(eerste, facilitator)  # the first post: the whole thread is hidden
    assert gesprekmeldingen.zichtbaar(noor).filter(soort=REACTIE).count() == 0
    assert gesprekmeldingen.aantal_ongelezen(sam) == 1  # the decision about Sam's post
    assert gesprekmeldingen.zichtbaar(sam).get().soort == Melding.Soort.MODERATIE


def test_someone_who_left_the_space_no_longer_sees_its_notifications(cohort):
    ruimte, (sam, noor, _a), _f = cohort
    reageer(start(ruimte, sam).draad, noor)
    assert gesprekmeldingen.aantal_ongelezen(type(sam).objects.get(pk=sam.pk)) == 1
    Lidmaatschap.objects.filter(user=sam).delete()
    assert gesprekmeldingen.aantal_ongelezen(sam) == 0


# --- Choices -----------------------------------------------------------------------------------


def test_each_kind_can_be_switched_off(client, cohort):
    ruimte, (sam, noor, ayla), facilitator = cohort
    client.force_login(sam)
    r = client.get(reverse("meldingen_instellingen"), **NL)
    assert r.status_code == 200
    assert "Als iemand reageert in een gesprek waar ik aan meedoe" in r.content.decode()
    r = client.post(reverse("meldingen_instellingen"), {"moderatie": "on"})
    assert r.status_code == 302
    eerste = start(ruimte, sam)
    reageer(eerste.draad, noor)
    community.wissel_herken_ik(ayla, eerste)
    assert not Melding.objects.filter(user=sam).exists()
    verberg(eerste, facilitator)
    assert meldingen_van(sam, Melding.Soort.MODERATIE).count() == 1
    # Moderation off too; replies on again.
    client.post(reverse("meldingen_instellingen"), {"reacties": "on"})
    tweede = start(ruimte, sam, titel="Nog een")
    reageer(tweede.draad, noor)
    verberg(tweede, facilitator)
    assert meldingen_van(sam, REACTIE).count() == 1
    assert meldingen_van(sam, Melding.Soort.MODERATIE).count() == 1
    # Others are not touched by Sam's choices.
    community.wissel_herken_ik(sam, Bericht.objects.filter(auteur=noor).first())
    assert meldingen_van(noor, HERKEN).count() == 1


# --- The count in the menu ---------------------------------------------------------------------


def melding_queries(queries):
    return [q["sql"] for q in queries if "nazorg_melding" in q["sql"]]


def test_the_menu_shows_the_unread_count_in_one_query(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    eerste = start(ruimte, sam)
    reageer(eerste.draad, noor)
    reageer(eerste.draad, ayla)
    client.force_login(sam)
    with CaptureQueriesContext(connection) as q:
        page = client.get(reverse("mijn_gegevens"), **NL).content.decode()
    assert len(melding_queries(q.captured_queries)) == 1
    # The wide menu, the phone's bell and its Menu show it; a screen reader hears words.
    assert page.count('<span class="melding-teller" aria-hidden="true">2</span>') == 3
    assert page.count(", 2 ongelezen meldingen</span>") == 3
    assert 'class="nav-bel"' in page
    # Nothing unread: no badge.
    gesprekmeldingen.alles_gelezen(sam)
    page = client.get(reverse("mijn_gegevens"), **NL).content.decode()
    assert 'class="melding-teller"' not in page
    assert "nav-bel" not in page  # no bell on the phone's key row, the Menu has the link
    assert len(re.findall(r">Meldingen</a>", page)) == 2


def test_visitors_cost_no_query(client, django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert gesprekmeldingen.aantal_ongelezen(AnonymousUser()) == 0
    with CaptureQueriesContext(connection) as q:
        client.get(reverse("aanbod_lijst"))
    assert melding_queries(q.captured_queries) == []


# --- 500 unread --------------------------------------------------------------------------------


def test_500_unread_pages_by_50_with_flat_queries(client, cohort, django_assert_num_queries):
    ruimte, (sam, noor, _a), _f = cohort
    eerste = start(ruimte, sam)
    reageer(eerste.draad, noor)
    client.force_login(sam)
    url = reverse("meldingen")
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    # 500 replies' notifications (bulk, as the hooks would write them).
    nieuwe = Bericht.objects.bulk_create(
        [Bericht(draad=eerste.draad, auteur=noor, tekst=f"r{i}") for i in range(499)]
    )
    Melding.objects.bulk_create(
        [
            Melding(user=sam, soort=REACTIE, bericht=b, titel="x", link="/community/x/")
            for b in nieuwe
        ]
    )
    assert gesprekmeldingen.zichtbaar(sam).filter(gelezen_op__isnull=True).count() == 500
    with django_assert_num_queries(len(een)):
        r = client.get(url)
    assert len(r.context["items"]) == gesprekmeldingen.PER_PAGINA
    assert r.context["pagina"].paginator.num_pages == 10
    with django_assert_num_queries(len(een)):
        r = client.get(url + "?pagina=10")
    assert len(r.context["items"]) == 50


def test_a_title_with_a_muted_word_is_left_out(client, cohort):
    ruimte, (sam, noor, ayla), _f = cohort
    eerste = start(ruimte, noor, titel="Over drank en mij")
    reageer(eerste.draad, sam)
    reageer(eerste.draad, ayla)
    rust.bewaar_woorden(sam, ["drank"])
    page = pagina(client, sam)
    assert "Ayla reageerde in een gesprek" in page
    assert "drank" not in page.lower()
    # Noor, who muted nothing, reads the title.
    assert "Ayla reageerde in “Over drank en mij”" in pagina(client, noor)


def test_a_held_reply_is_told_only_once_a_facilitator_lets_it_through(cohort):
    ruimte, (sam, noor, _a), facilitator = cohort
    Ruimte.objects.filter(pk=ruimte.pk).update(signaalbeleid=Ruimte.Signaalbeleid.VASTHOUDEN)
    eerste = start(ruimte, sam)
    reactie = reageer(
        type(eerste.draad).objects.get(pk=eerste.draad_id), noor, "Ik wil niet meer leven"
    )
    assert reactie.status == "vastgehouden"
    assert gesprekmeldingen.aantal_ongelezen(type(sam).objects.get(pk=sam.pk)) == 0
    zaak = Moderatiezaak.objects.get(bericht=reactie)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.GEEN_ACTIE)
    assert gesprekmeldingen.aantal_ongelezen(type(sam).objects.get(pk=sam.pk)) == 1


def test_a_reply_taken_back_takes_its_notification_along(cohort):
    from nazorg import bewerken

    ruimte, (sam, noor, _ayla), _f = cohort
    eerste = start(ruimte, sam)
    reactie = reageer(eerste.draad, noor)
    assert gesprekmeldingen.zichtbaar(sam).filter(bericht=reactie).exists()
    reactie.eerste = False
    bewerken.neem_terug(reactie)
    assert not gesprekmeldingen.zichtbaar(sam).filter(bericht=reactie).exists()
