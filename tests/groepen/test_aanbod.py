"""Participants browse the offer, sign up, cancel and report absence: the pages."""

import datetime

import pytest
from django.core import mail as django_mail
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from groepen import aanbod as aanbod_overzicht
from groepen import openbaar
from groepen.aanbod_forms import AanmeldForm
from groepen.models import Aanbod, Aanwezigheid, Lidmaatschap
from groepen.views import aanbod as aanbod_views
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def vandaag():
    return timezone.localdate()


def afgerond_groep(**kwargs):
    gisteren = vandaag() - datetime.timedelta(days=1)
    return GroepFactory(
        startdatum=gisteren - datetime.timedelta(days=60), einddatum=gisteren, **kwargs
    )


@pytest.fixture
def sam(client):
    user = UserFactory(roepnaam="Sam")
    client.force_login(user)
    return user


# --- The offer -------------------------------------------------------------------------


def test_offer_shows_what_is_coming_and_not_what_is_over_or_archived(client, sam):
    komend = GroepFactory(
        aanbod=AanbodFactory(titel="Kennismaken"),
        startdatum=vandaag() + datetime.timedelta(days=10),
        einddatum=vandaag() + datetime.timedelta(days=40),
    )
    lopend = GroepFactory(aanbod=AanbodFactory(titel="WRAP"), einddatum=None)
    afgerond_groep(aanbod=AanbodFactory(titel="Voorbij"))
    GroepFactory(aanbod=AanbodFactory(titel="Gearchiveerd", gearchiveerd=True))
    AanbodFactory(titel="Zonder groep")

    response = client.get(reverse("aanbod_lijst"))
    assert response.status_code == 200
    titels = [a.titel for a in response.context["aanbod_lijst"]]
    assert titels == ["WRAP", "Kennismaken"]  # running first, then by start date
    html = response.content.decode()
    assert komend.naam in html
    assert lopend.naam in html
    for weg in ("Voorbij", "Gearchiveerd", "Zonder groep"):
        assert weg not in html


def test_offer_shows_places_left_and_my_own_status(client, sam):
    aanbod = AanbodFactory(titel="WRAP")
    ruim = GroepFactory(aanbod=aanbod, naam="Ruim", capaciteit=5)
    LidmaatschapFactory(groep=ruim)
    LidmaatschapFactory(groep=ruim, rol=Lidmaatschap.Rol.FACILITATOR)  # takes no place
    vol = GroepFactory(aanbod=aanbod, naam="Vol", capaciteit=1)
    LidmaatschapFactory(groep=vol)
    LidmaatschapFactory(groep=vol, status=Lidmaatschap.Status.WACHTLIJST)
    LidmaatschapFactory(groep=vol, user=sam, status=Lidmaatschap.Status.WACHTLIJST)
    vrij = GroepFactory(aanbod=aanbod, naam="Vrij", capaciteit=None)
    LidmaatschapFactory(groep=vrij, user=sam)

    response = client.get(reverse("aanbod_lijst"), **EN)
    (a,) = response.context["aanbod_lijst"]
    groepen = {g.naam: g for g in a.open_groepen}
    assert groepen["Ruim"].plaatsen.vrij == 4
    assert groepen["Vol"].plaatsen.vol
    assert groepen["Vrij"].plaatsen.onbeperkt
    # The list is kept for everyone; the person's own places are laid over it.
    eigen = aanbod_overzicht.eigen_in_open_groepen(sam)
    assert eigen[vol.pk].positie == 2
    assert eigen[vrij.pk].status == Lidmaatschap.Status.ACTIEF
    assert ruim.pk not in eigen
    html = response.content.decode()
    assert "4 places left" in html
    assert "Full: you can join the waiting list" in html
    # Each in its own group's item.
    assert "You are" not in groep_item(html, "Ruim")
    assert "You are on the waiting list: number 2." in groep_item(html, "Vol")
    assert "You are signed up." in groep_item(html, "Vrij")
    assert "<!--eigen-plek" not in html


def groep_item(html, naam) -> str:
    """A group's item in the offer list."""
    begin = html.index(f"<p><strong>{naam}</strong></p>")
    return html[begin : html.index("</li>", begin)]


def test_my_place_never_reaches_the_kept_list_or_anyone_else(client, sam):
    groep = GroepFactory(aanbod=AanbodFactory(titel="WRAP"), naam="Dinsdag", capaciteit=3)
    LidmaatschapFactory(groep=groep, user=sam)
    url = reverse("aanbod_lijst")
    assert "You are signed up." in groep_item(client.get(url, **EN).content.decode(), "Dinsdag")
    # The list signed-in people share holds only the mark where a place goes.
    with translation.override("en"):
        gedeeld = aanbod_views._lijst_inhoud(openbaar.Filter(), met_eigen_plek=True)
    assert f"<!--eigen-plek:{groep.pk}-->" in gedeeld
    assert "You are" not in gedeeld
    client.force_login(UserFactory())
    html = client.get(url, **EN).content.decode()
    assert "2 places left" in html
    assert "You are" not in html
    client.logout()
    html = client.get(url, **EN).content.decode()
    assert "2 places left" in html
    assert "You are" not in html
    assert "eigen-plek" not in html


def test_the_kept_list_with_my_places_is_the_list_drawn_for_me(sam):
    maak_aanbod(2, sam)
    eigen = GroepFactory(aanbod=AanbodFactory(titel="Intervisie"))
    LidmaatschapFactory(groep=eigen, user=sam, rol=Lidmaatschap.Rol.FACILITATOR)
    LidmaatschapFactory(groep=GroepFactory(), user=sam, status=Lidmaatschap.Status.UITGESCHREVEN)
    with translation.override("en"):
        voor_mij = render_to_string(aanbod_views.LIJST_INHOUD, aanbod_overzicht.overzicht(sam))
        gedeeld = aanbod_views._lijst_inhoud(openbaar.Filter(), met_eigen_plek=True)
        assert aanbod_views._met_eigen_plek(gedeeld, sam) == voor_mij
    assert voor_mij.count("You are on the waiting list: number 1.") == 2
    assert "You are a facilitator of this group." in voor_mij


def test_the_walk_in_is_shown_without_sign_up_with_its_days(client, sam):
    inloop = AanbodFactory(soort=Aanbod.Soort.INLOOP, titel="Inloop")
    groep = GroepFactory(aanbod=inloop, capaciteit=None)
    volgende_dinsdag = vandaag() + datetime.timedelta(days=(1 - vandaag().weekday()) % 7 or 7)
    tz = timezone.get_current_timezone()
    for week in range(3):  # three Tuesdays: one opening time
        begin = datetime.datetime.combine(
            volgende_dinsdag + datetime.timedelta(weeks=week), datetime.time(10), tzinfo=tz
        )
        BijeenkomstFactory(groep=groep, begint_om=begin)
    response = client.get(reverse("aanbod_lijst"), **EN)
    assert response.context["aanbod_lijst"] == []
    (a,) = response.context["inloop_lijst"]
    assert len(a.inloop_momenten) == 1
    html = response.content.decode()
    assert "No need to sign up." in html
    assert "Tuesday 10:00" in html
    assert reverse("aanmelden", args=[groep.pk]) not in html


def test_an_empty_offer_invites(client, sam):
    response = client.get(reverse("aanbod_lijst"))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


def maak_aanbod(n, user):
    """n aanbod with two groups each, members, a waiting list and meetings; `user` is
    signed up in one group and waiting in another of each aanbod."""
    for _ in range(n):
        aanbod = AanbodFactory()
        for capaciteit in (2, None):
            groep = GroepFactory(aanbod=aanbod, capaciteit=capaciteit)
            for _ in range(3):
                LidmaatschapFactory(groep=groep)
            BijeenkomstFactory(groep=groep)
            BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(days=8))
            status = Lidmaatschap.Status.WACHTLIJST if capaciteit else Lidmaatschap.Status.ACTIEF
            LidmaatschapFactory(groep=groep, user=user, status=status)
        inloop = GroepFactory(aanbod=AanbodFactory(soort=Aanbod.Soort.INLOOP))
        BijeenkomstFactory(groep=inloop)


@pytest.mark.parametrize("url_name", ["aanbod_lijst", "mijn_aanmeldingen"])
def test_list_pages_use_a_fixed_number_of_queries(client, sam, django_assert_num_queries, url_name):
    maak_aanbod(1, sam)
    url = reverse(url_name)
    client.get(url)  # warm up (session, translations)
    openbaar.vergeet()  # the offer list is kept: measure it made anew
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    maak_aanbod(6, sam)
    openbaar.vergeet()
    with django_assert_num_queries(len(klein.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_kept_offer_list_reads_only_my_own_places(client, sam):
    maak_aanbod(1, sam)
    url = reverse("aanbod_lijst")
    client.get(url, **EN)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url, **EN).status_code == 200
    # The offer itself comes from the cache: nothing reads its aanbod or meetings.
    offer = [q["sql"] for q in klein.captured_queries if "groepen_aanbod" in q["sql"]]
    assert offer == []
    assert "groepen_bijeenkomst" not in str(klein.captured_queries)
    maak_aanbod(6, sam)
    client.get(url, **EN)
    with CaptureQueriesContext(connection) as groot:
        response = client.get(url, **EN)
    assert len(groot.captured_queries) == len(klein.captured_queries)
    html = response.content.decode()
    assert html.count("You are signed up.") == 7
    assert html.count("You are on the waiting list") == 7


def test_detail_shows_the_offer_and_first_meetings_of_each_group(client, sam):
    aanbod = AanbodFactory(
        titel="WRAP", voor_wie="Voor iedereen.", meenemen="Een pen.", aantal_bijeenkomsten=8
    )
    groep = GroepFactory(aanbod=aanbod, capaciteit=10)
    for dag in range(1, 6):
        BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(days=dag))
    BijeenkomstFactory(
        groep=groep, begint_om=timezone.now() + datetime.timedelta(hours=5), geannuleerd=True
    )
    afgerond_groep(aanbod=aanbod, naam="Oude groep")
    response = client.get(reverse("aanbod_detail", args=[aanbod.pk]), **EN)
    assert response.status_code == 200
    (g,) = response.context["groepen"]
    assert len(g.eerste_bijeenkomsten) == 3
    assert not any(b.geannuleerd for b in g.eerste_bijeenkomsten)
    html = response.content.decode()
    assert "Voor iedereen." in html
    assert "Een pen." in html
    assert "Oude groep" not in html
    assert reverse("aanmelden", args=[groep.pk]) in html


def test_detail_shows_my_place_with_a_cancel_link(client, sam):
    groep = GroepFactory()
    LidmaatschapFactory(groep=groep, user=sam)
    html = client.get(reverse("aanbod_detail", args=[groep.aanbod.pk])).content.decode()
    assert reverse("uitschrijven", args=[groep.pk]) in html
    assert reverse("aanmelden", args=[groep.pk]) not in html


def test_archived_offer_is_not_found(client, sam):
    groep = GroepFactory(aanbod=AanbodFactory(gearchiveerd=True))
    assert client.get(reverse("aanbod_detail", args=[groep.aanbod.pk])).status_code == 404
    assert client.get(reverse("aanmelden", args=[groep.pk])).status_code == 404
    assert client.post(reverse("aanmelden", args=[groep.pk])).status_code == 404
    assert not Lidmaatschap.objects.filter(groep=groep).exists()


# --- Signing up ------------------------------------------------------------------------


def test_the_form_asks_only_an_optional_motivation():
    form = AanmeldForm()
    assert list(form.fields) == ["motivatie"]
    assert not form.fields["motivatie"].required
    assert form.fields["motivatie"].max_length == 1000
    assert AanmeldForm({}).is_valid()


def test_sign_up_page_has_the_form_and_no_health_questions(client, sam):
    groep = GroepFactory(capaciteit=3)
    response = client.get(reverse("aanmelden", args=[groep.pk]), **EN)
    html = response.content.decode()
    assert 'name="motivatie"' in html
    assert "novalidate" in html
    assert html.count("<textarea") == 1
    assert "<select" not in html.split("<main", 1)[1].split("</main>")[0]
    for woord in ("diagnos", "patient", "treatment", "client"):
        assert woord not in html.lower()


def test_signing_up_gives_a_place_and_a_mail(client, sam):
    groep = GroepFactory(capaciteit=3)
    url = reverse("aanmelden", args=[groep.pk])
    response = client.post(url, {"motivatie": "Ik wil graag leren."}, **EN)
    assert response.status_code == 302
    assert response.url == reverse("mijn_aanmeldingen")
    lid = Lidmaatschap.objects.get(user=sam, groep=groep)
    assert lid.status == Lidmaatschap.Status.ACTIEF
    assert lid.motivatie == "Ik wil graag leren."
    assert [m.to for m in django_mail.outbox] == [[sam.email]]
    page = client.get(response.url, **EN).content.decode()
    assert "You&#x27;re in!" in page or "You're in!" in page
    assert groep.naam in page


def test_signing_up_for_a_full_group_puts_you_on_the_waiting_list(client, sam):
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    page = client.get(reverse("aanmelden", args=[groep.pk]), **EN).content.decode()
    assert "Put me on the waiting list" in page
    response = client.post(reverse("aanmelden", args=[groep.pk]), {"motivatie": ""}, follow=True)
    assert Lidmaatschap.objects.get(user=sam, groep=groep).status == Lidmaatschap.Status.WACHTLIJST
    (lid,) = response.context["wachtlijst"]
    assert lid.positie == 1


def assert_fout_en_tekst_bewaard(response, tekst):
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors()
    assert tekst in response.content.decode()
    assert 'class="form-errors"' in response.content.decode()


def test_signing_up_twice_shows_a_clear_error_and_keeps_the_text(client, sam):
    groep = GroepFactory(capaciteit=3)
    LidmaatschapFactory(groep=groep, user=sam, motivatie="eerder")
    response = client.post(reverse("aanmelden", args=[groep.pk]), {"motivatie": "Nog eens"}, **EN)
    assert_fout_en_tekst_bewaard(response, "Nog eens")
    assert "already signed up" in response.content.decode()
    assert Lidmaatschap.objects.get(user=sam, groep=groep).motivatie == "eerder"


def facilitator_groep(client):
    """A group the logged-in person facilitates (facilitators have two-step login)."""
    lid = LidmaatschapFactory(user=UserFactory(mfa=True), rol=Lidmaatschap.Rol.FACILITATOR)
    client.force_login(lid.user)
    return lid.groep


@pytest.mark.parametrize(
    "maak",
    [
        pytest.param(lambda client: afgerond_groep(), id="finished"),
        pytest.param(
            lambda client: GroepFactory(aanbod=AanbodFactory(soort=Aanbod.Soort.INLOOP)),
            id="inloop",
        ),
        pytest.param(facilitator_groep, id="facilitator"),
    ],
)
def test_cannot_sign_up_shows_why_and_keeps_the_text(client, sam, maak):
    groep = maak(client)
    url = reverse("aanmelden", args=[groep.pk])
    get = client.get(url)
    assert get.status_code == 200
    assert get.context["belemmering"]  # the reason, instead of a form that cannot succeed
    assert 'name="motivatie"' not in get.content.decode()
    response = client.post(url, {"motivatie": "Mijn woorden"})
    assert_fout_en_tekst_bewaard(response, "Mijn woorden")
    assert not Lidmaatschap.objects.filter(groep=groep, rol=Lidmaatschap.Rol.DEELNEMER).exists()


def test_a_too_long_motivation_keeps_what_was_typed(client, sam):
    groep = GroepFactory()
    tekst = "woord " * 200
    response = client.post(reverse("aanmelden", args=[groep.pk]), {"motivatie": tekst})
    assert response.status_code == 200
    assert response.context["form"].errors["motivatie"]
    assert tekst.strip() in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Lidmaatschap.objects.filter(groep=groep, user=sam).exists()


# --- Cancelling ------------------------------------------------------------------------


def test_cancel_asks_first_then_cancels_and_promotes_the_first_waiting(client, sam):
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep, user=sam)
    wachtend = LidmaatschapFactory(groep=groep, status=Lidmaatschap.Status.WACHTLIJST)
    url = reverse("uitschrijven", args=[groep.pk])
    assert client.get(url).status_code == 200
    assert Lidmaatschap.objects.get(user=sam).status == Lidmaatschap.Status.ACTIEF

    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("mijn_aanmeldingen")
    assert Lidmaatschap.objects.get(user=sam).status == Lidmaatschap.Status.UITGESCHREVEN
    wachtend.refresh_from_db()
    assert wachtend.status == Lidmaatschap.Status.ACTIEF
    assert sorted(m.to[0] for m in django_mail.outbox) == sorted([sam.email, wachtend.user.email])
    # Not signed up any more: nothing to cancel.
    assert client.get(url).status_code == 404


def test_leaving_the_waiting_list(client, sam):
    groep = GroepFactory(capaciteit=1)
    LidmaatschapFactory(groep=groep)
    LidmaatschapFactory(groep=groep, user=sam, status=Lidmaatschap.Status.WACHTLIJST)
    response = client.post(reverse("uitschrijven", args=[groep.pk]))
    assert response.status_code == 302
    assert Lidmaatschap.objects.get(user=sam).status == Lidmaatschap.Status.UITGESCHREVEN


def test_cancel_is_not_found_when_not_signed_up(client, sam):
    groep = GroepFactory()
    assert client.get(reverse("uitschrijven", args=[groep.pk])).status_code == 404
    eigen = facilitator_groep(client)
    assert client.post(reverse("uitschrijven", args=[eigen.pk])).status_code == 404
    assert client.get(reverse("uitschrijven", args=[999999])).status_code == 404


def test_cancel_a_finished_group_explains_and_changes_nothing(client, sam):
    groep = afgerond_groep()
    LidmaatschapFactory(groep=groep, user=sam)
    response = client.post(reverse("uitschrijven", args=[groep.pk]))
    assert response.status_code == 200
    assert response.context["fout"]
    assert Lidmaatschap.objects.get(user=sam).status == Lidmaatschap.Status.ACTIEF


# --- My enrolments and "I can't come" --------------------------------------------------


def test_my_enrolments_lists_places_waiting_lists_and_next_meetings(client, sam):
    mijn = GroepFactory(naam="Mijn groep")
    LidmaatschapFactory(groep=mijn, user=sam)
    b = BijeenkomstFactory(groep=mijn)
    BijeenkomstFactory(groep=mijn, geannuleerd=True)
    BijeenkomstFactory(groep=mijn, begint_om=timezone.now() - datetime.timedelta(days=1))
    vol = GroepFactory(naam="Volle groep", capaciteit=1)
    LidmaatschapFactory(groep=vol)
    LidmaatschapFactory(groep=vol, status=Lidmaatschap.Status.WACHTLIJST)
    LidmaatschapFactory(groep=vol, user=sam, status=Lidmaatschap.Status.WACHTLIJST)
    weg = GroepFactory(naam="Uitgeschreven groep")
    LidmaatschapFactory(groep=weg, user=sam, status=Lidmaatschap.Status.UITGESCHREVEN)
    BijeenkomstFactory(groep=vol)  # waiting: not my meeting yet

    response = client.get(reverse("mijn_aanmeldingen"))
    assert [lid.groep for lid in response.context["aanmeldingen"]] == [mijn]
    assert [(lid.groep, lid.positie) for lid in response.context["wachtlijst"]] == [(vol, 2)]
    assert response.context["bijeenkomsten"] == [b]
    html = response.content.decode()
    assert "Uitgeschreven groep" not in html
    assert reverse("uitschrijven", args=[mijn.pk]) in html
    assert reverse("uitschrijven", args=[vol.pk]) in html
    assert reverse("bijeenkomst_afmelden", args=[b.pk]) in html
    assert reverse("aanbod_lijst") in html


def test_my_enrolments_without_any_invites_to_the_offer(client, sam):
    html = client.get(reverse("mijn_aanmeldingen")).content.decode()
    assert 'class="empty"' in html
    assert reverse("aanbod_lijst") in html


def afmelden(client, bijeenkomst, **data):
    return client.post(reverse("bijeenkomst_afmelden", args=[bijeenkomst.pk]), data)


def test_i_cant_come_and_undo(client, deelnemer, groep):
    client.force_login(deelnemer)
    b = BijeenkomstFactory(groep=groep)
    response = afmelden(client, b)
    assert response.url == reverse("mijn_aanmeldingen")
    assert Aanwezigheid.objects.get(bijeenkomst=b, user=deelnemer).status == "afgemeld"
    afmelden(client, b)  # twice is fine: still one record
    assert Aanwezigheid.objects.filter(bijeenkomst=b).count() == 1
    page = client.get(reverse("mijn_aanmeldingen"))
    assert page.context["bijeenkomsten"][0].afgemeld
    assert 'name="ongedaan"' in page.content.decode()

    afmelden(client, b, ongedaan="1")
    assert not Aanwezigheid.objects.filter(bijeenkomst=b).exists()


def test_undo_never_removes_recorded_attendance(client, deelnemer, groep):
    client.force_login(deelnemer)
    b = BijeenkomstFactory(groep=groep)
    Aanwezigheid.objects.create(bijeenkomst=b, user=deelnemer, status="aanwezig")
    afmelden(client, b, ongedaan="1")
    assert Aanwezigheid.objects.get(bijeenkomst=b).status == "aanwezig"


@pytest.mark.parametrize(
    "bijeenkomst",
    [
        pytest.param({"begint_om_delta": -1}, id="past"),
        pytest.param({"geannuleerd": True}, id="cancelled"),
    ],
)
def test_i_cant_come_only_for_future_meetings(client, deelnemer, groep, bijeenkomst):
    client.force_login(deelnemer)
    delta = bijeenkomst.pop("begint_om_delta", 1)
    b = BijeenkomstFactory(
        groep=groep, begint_om=timezone.now() + datetime.timedelta(hours=delta), **bijeenkomst
    )
    response = afmelden(client, b)
    assert response.status_code == 302
    assert not Aanwezigheid.objects.filter(bijeenkomst=b).exists()
    page = client.get(response.url)
    assert 'class="message message-error"' in page.content.decode()


def test_i_cant_come_returns_to_a_safe_next_only(client, deelnemer, groep):
    client.force_login(deelnemer)
    b = BijeenkomstFactory(groep=groep)
    assert afmelden(client, b, next="/aanbod/").url == "/aanbod/"
    assert afmelden(client, b, next="https://elders.example/").url == reverse("mijn_aanmeldingen")
    assert afmelden(client, b, next="//elders.example/").url == reverse("mijn_aanmeldingen")


def test_i_cant_come_is_only_for_the_groups_participants(client, world):
    url = reverse("bijeenkomst_afmelden", args=[world.andere_bijeenkomst.pk])
    client.force_login(world.deelnemer)
    assert client.post(url).status_code == 404
    client.force_login(world.facilitator)
    assert (
        client.post(reverse("bijeenkomst_afmelden", args=[world.bijeenkomst.pk])).status_code == 403
    )
    assert (
        client.get(reverse("bijeenkomst_afmelden", args=[world.bijeenkomst.pk])).status_code == 405
    )
    # Someone who cancelled is no longer a participant.
    Lidmaatschap.objects.filter(user=world.deelnemer).update(
        status=Lidmaatschap.Status.UITGESCHREVEN
    )
    client.force_login(world.deelnemer)
    assert (
        client.post(reverse("bijeenkomst_afmelden", args=[world.bijeenkomst.pk])).status_code == 404
    )
    assert not Aanwezigheid.objects.exists()
