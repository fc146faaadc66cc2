"""A first conversation: a stranger asks, a host picks it up and closes it.

The public form (no account), its bad input and spam defences, the confirmation mail,
the hosts' list and the race between two hosts, and the facilitator home's section.
"""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import kennismaking
from groepen.models import Kennismaking, Lidmaatschap
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

URL = "/kennismaken/"


@pytest.fixture(autouse=True)
def leeg_limiet():
    """The limit per address lives in the cache, shared with other tests' posts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def host(db):
    user = UserFactory(roepnaam="Femke", mfa=True)
    kennismaking.maak_host(user)
    return user


@pytest.fixture
def tweede_host(db):
    user = UserFactory(roepnaam="Jochem", mfa=True)
    kennismaking.maak_host(user)
    return user


def invoer(**anders):
    return {
        "soort": "gesprek",
        "voornaam": "Kim",
        "email": "kim@example.org",
        "telefoon": "",
        "wens": "Ik zoek mensen die het herkennen",
        **anders,
    }


def verzoek(**velden):
    return Kennismaking.objects.create(
        **{"voornaam": "Kim", "telefoon": "06 12345678", "aangemaakt_op": timezone.now(), **velden}
    )


# --- The public form ---------------------------------------------------------------------


def test_reverse_matches_the_public_address():
    assert reverse("kennismaken") == URL


def test_a_stranger_asks_and_gets_a_warm_page_and_a_mail(client, db):
    pagina = client.get(URL)
    assert pagina.status_code == 200
    assert b'name="website"' in pagina.content  # the honeypot is there

    antwoord = client.post(URL, invoer(), follow=True)

    assert antwoord.redirect_chain[-1][0] == reverse("kennismaken_bedankt")
    assert "Dank je, Kim" in antwoord.content.decode()
    k = Kennismaking.objects.get()
    assert (k.voornaam, k.email, k.user, k.is_open) == ("Kim", "kim@example.org", None, True)
    assert k.wens == "Ik zoek mensen die het herkennen"
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["kim@example.org"]
    assert "Hoi Kim" in bericht.body
    assert "2 werkdagen" in bericht.body
    assert "Hoi Kim" in bericht.alternatives[0][0]


def test_phone_only_is_enough_and_sends_no_mail(client, db):
    antwoord = client.post(URL, invoer(email="", telefoon="06-123 456 78"))
    assert antwoord.status_code == 302
    assert Kennismaking.objects.get().telefoon == "06-123 456 78"
    assert mail.outbox == []


def test_walk_in_visit_gets_its_own_words(client, db):
    client.post(URL, invoer(soort="inloop"))
    pagina = client.get(reverse("kennismaken_bedankt"))
    assert "inloop" in pagina.content.decode()
    assert Kennismaking.objects.get().soort == Kennismaking.Soort.INLOOP
    assert client.get(URL + "?soort=inloop").context["form"].initial["soort"] == "inloop"


def test_neither_email_nor_phone_is_explained_next_to_both_fields(client, db):
    antwoord = client.post(URL, invoer(email="", telefoon="", wens="Mijn eigen woorden"))
    assert antwoord.status_code == 400
    form = antwoord.context["form"]
    assert form.errors["email"] == form.errors["telefoon"]
    assert "e-mailadres of je telefoonnummer" in form.errors["email"][0]
    assert b"Mijn eigen woorden" in antwoord.content  # nothing typed is lost
    assert b'value="Kim"' in antwoord.content
    assert not Kennismaking.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("email", "kim@"),
        ("email", "k" * 250 + "@example.org"),
        ("telefoon", "bel me"),
        ("telefoon", "123"),
        ("telefoon", "06<script>"),
    ],
)
def test_a_wrong_email_or_phone_gets_its_own_message(client, db, veld, waarde):
    antwoord = client.post(URL, invoer(**{veld: waarde}))
    assert antwoord.status_code == 400
    fouten = antwoord.context["form"].errors
    assert list(fouten) == [veld]
    assert "herkennen" in fouten[veld][0]
    assert not Kennismaking.objects.exists()


def test_a_filled_honeypot_gets_the_same_thanks_but_nothing_is_stored(client, db):
    antwoord = client.post(URL, invoer(website="http://spam.example"), follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("kennismaken_bedankt")
    assert "Dank je, Kim" in antwoord.content.decode()
    assert not Kennismaking.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, db):
    html = client.get(URL).content.decode()
    blok = html[html.index('aria-hidden="true"') - 60 : html.index('name="website"') + 80]
    assert 'class="visueel-verborgen"' in blok
    assert 'tabindex="-1"' in blok
    assert 'autocomplete="off"' in blok


def test_more_than_five_requests_an_hour_from_one_address_are_refused_keeping_the_text(client, db):
    for i in range(kennismaking.PER_ADRES):
        assert client.post(URL, invoer(voornaam=f"Kim{i}")).status_code == 302
    antwoord = client.post(URL, invoer(voornaam="Zesde", wens="Nog een keer"))
    assert antwoord.status_code == 429
    assert "over een uur" in antwoord.content.decode()
    assert b"Nog een keer" in antwoord.content
    assert Kennismaking.objects.count() == kennismaking.PER_ADRES
    # Another address is not affected.
    anders = client.post(URL, invoer(voornaam="Elders"), REMOTE_ADDR="10.1.2.3")
    assert anders.status_code == 302


def test_bad_input_does_not_use_up_the_limit(client, db):
    for _ in range(kennismaking.PER_ADRES + 2):
        assert client.post(URL, invoer(email="", telefoon="")).status_code == 400
    assert client.post(URL, invoer()).status_code == 302


def test_signed_in_person_gets_a_prefilled_form_and_the_request_links_to_them(client, db):
    sam = UserFactory(roepnaam="Sam", email="sam@example.org")
    client.force_login(sam)
    form = client.get(URL).context["form"]
    assert form.initial["voornaam"] == "Sam"
    assert form.initial["email"] == "sam@example.org"
    client.post(URL, invoer(voornaam="Sam", email="sam@example.org"))
    assert Kennismaking.objects.get().user == sam


def test_words_with_a_signal_show_help_and_flag_the_request_for_hosts(client, db, host):
    antwoord = client.post(URL, invoer(wens="Ik wil niet meer leven"), follow=True)
    assert "0800-0113" in antwoord.content.decode()
    k = Kennismaking.objects.get()
    assert k.signaal
    client.force_login(host)
    lijst = client.get(reverse("kennismakingen")).content.decode()
    assert "heel zwaar" in lijst


def test_the_text_and_the_note_are_encrypted_at_rest(db, host):
    k = verzoek(wens="Geheim verhaal")
    kennismaking.pak_op(k.pk, host, "bellen")
    assert kennismaking.rond_af(k.pk, host, "Geheime notitie")
    with connection.cursor() as cursor:
        cursor.execute("SELECT wens, notitie FROM groepen_kennismaking WHERE id = %s", [k.pk])
        wens, notitie = cursor.fetchone()
    assert "Geheim" not in wens
    assert "Geheim" not in notitie
    k.refresh_from_db()
    assert (k.wens, k.notitie) == ("Geheim verhaal", "Geheime notitie")


# --- Hosts -------------------------------------------------------------------------------


def test_only_hosts_see_the_requests(client, db, host):
    verzoek(voornaam="Kim")
    buiten = UserFactory(mfa=True)
    client.force_login(buiten)
    assert client.get(reverse("kennismakingen")).status_code == 403
    client.force_login(host)
    assert "Kim" in client.get(reverse("kennismakingen")).content.decode()


def test_a_host_without_two_step_verification_is_asked_to_set_it_up(client, db):
    user = UserFactory()
    kennismaking.maak_host(user)
    verzoek(voornaam="Kim")
    client.force_login(user)
    antwoord = client.get(reverse("kennismakingen"))
    assert antwoord.status_code == 403
    assert reverse("mfa_activate_totp") in antwoord.content.decode()
    assert "Kim" not in antwoord.content.decode()


def test_host_picks_up_and_another_host_sees_it_is_taken(client, host, tweede_host):
    k = verzoek(voornaam="Kim")
    client.force_login(host)
    antwoord = client.post(reverse("kennismaking_oppakken", args=[k.pk]), {"via": "bellen"})
    assert antwoord.status_code == 302
    k.refresh_from_db()
    assert (k.opgepakt_door, k.opgepakt_via) == (host, "bellen")
    assert k.opgepakt_op is not None

    client.force_login(tweede_host)
    overzicht = client.get(reverse("kennismakingen")).context["overzicht"]
    assert overzicht.open == []
    assert overzicht.anderen == [k]
    # Tapping the stale button on an old page: a kind word, nothing changes.
    na = client.post(reverse("kennismaking_oppakken", args=[k.pk]), {"via": "mailen"}, follow=True)
    assert "Femke heeft het verzoek van Kim net opgepakt" in na.content.decode()
    k.refresh_from_db()
    assert (k.opgepakt_door, k.opgepakt_via) == (host, "bellen")


def test_two_hosts_at_once_one_wins_by_the_conditional_update(host, tweede_host):
    k = verzoek()
    # Both loaded the open request; both updates run; the database lets one through.
    assert kennismaking.pak_op(k.pk, host, "bellen") is True
    assert kennismaking.pak_op(k.pk, tweede_host, "mailen") is False
    k.refresh_from_db()
    assert k.opgepakt_door == host


def test_the_picker_marks_it_done_with_a_note_only_hosts_see(client, host, tweede_host):
    k = verzoek(voornaam="Kim")
    kennismaking.pak_op(k.pk, host, "bellen")
    url = reverse("kennismaking_afronden", args=[k.pk])

    client.force_login(tweede_host)
    client.post(url, {f"k{k.pk}-notitie": "Niet mijn verzoek"})
    k.refresh_from_db()
    assert not k.is_afgerond  # only the host who picked it up closes it

    client.force_login(host)
    te_lang = client.post(url, {f"k{k.pk}-notitie": "x" * 501})
    assert te_lang.status_code == 400
    assert "x" * 501 in te_lang.content.decode()  # nothing typed is lost
    client.post(url, {f"k{k.pk}-notitie": "Gebeld, komt donderdag naar de inloop"})
    k.refresh_from_db()
    assert k.is_afgerond
    assert k.notitie == "Gebeld, komt donderdag naar de inloop"

    client.force_login(tweede_host)
    overzicht = client.get(reverse("kennismakingen"))
    assert overzicht.context["overzicht"].afgerond == [k]
    assert "komt donderdag" in overzicht.content.decode()


def test_outsiders_cannot_pick_up_or_close(client, db, facilitator):
    k = verzoek()
    client.force_login(facilitator)
    assert (
        client.post(reverse("kennismaking_oppakken", args=[k.pk]), {"via": "bellen"}).status_code
        == 404
    )
    assert client.post(reverse("kennismaking_afronden", args=[k.pk])).status_code == 404
    k.refresh_from_db()
    assert k.is_open


# --- The facilitator home ----------------------------------------------------------------


@pytest.fixture
def facilitator_host(db):
    user = UserFactory(roepnaam="Ruben", mfa=True)
    LidmaatschapFactory(groep=GroepFactory(), user=user, rol=Lidmaatschap.Rol.FACILITATOR)
    kennismaking.maak_host(user)
    return user


def test_facilitator_home_shows_open_requests_to_hosts_only(client, facilitator, facilitator_host):
    verzoek(voornaam="Kim")
    client.force_login(facilitator)
    assert "Kim" not in client.get(reverse("facilitator_home")).content.decode()
    client.force_login(facilitator_host)
    home = client.get(reverse("facilitator_home")).content.decode()
    assert "1 persoon wil graag kennismaken" in home
    assert "Kim" in home
    assert reverse("kennismakingen") in home


def test_picking_up_from_the_home_goes_back_to_the_home(client, facilitator_host):
    k = verzoek()
    client.force_login(facilitator_host)
    antwoord = client.post(
        reverse("kennismaking_oppakken", args=[k.pk]),
        {"via": "bellen", "next": reverse("facilitator_home")},
    )
    assert antwoord.url == reverse("facilitator_home")


def test_host_section_of_the_home_holds_its_query_count(client, facilitator_host):
    client.force_login(facilitator_host)
    verzoek()
    client.get(reverse("facilitator_home"))
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("facilitator_home"))
    n = len(weinig.captured_queries)
    anderen = [UserFactory(mfa=True) for _ in range(3)]
    for i in range(30):
        k = verzoek(voornaam=f"Persoon{i}", wens=f"Wens {i}")
        if i % 3 == 1:
            kennismaking.pak_op(k.pk, anderen[i % 3], "bellen")
        if i % 3 == 2:
            kennismaking.pak_op(k.pk, facilitator_host, "mailen")
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("facilitator_home"))
    assert len(veel.captured_queries) == n


def test_the_host_section_costs_the_home_one_query(client, facilitator, facilitator_host):
    """Whether someone hosts comes with the roles of the request (groepen/roles.py): the
    home asks only for the requests themselves, and nothing for someone who is not a host."""

    def aantal(user):
        client.force_login(user)
        client.get(reverse("facilitator_home"))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("facilitator_home"))
        return len(queries.captured_queries)

    assert aantal(facilitator_host) == aantal(facilitator) + 1


def test_host_list_holds_its_query_count(client, host):
    client.force_login(host)
    verzoek()
    client.get(reverse("kennismakingen"))  # warm: caches filled once per process
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("kennismakingen"))
    n = len(weinig.captured_queries)
    anderen = [UserFactory(mfa=True) for _ in range(3)]
    for i in range(20):
        k = verzoek(voornaam=f"Persoon{i}")
        kennismaking.pak_op(k.pk, anderen[i % 3] if i % 2 else host, "bellen")
        if i % 4 == 0:
            kennismaking.rond_af(k.pk, host, "Gebeld")
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("kennismakingen"))
    assert len(veel.captured_queries) == n


def test_just_now_reads_as_just_now_not_zero_minutes(client, host):
    """Under a minute old: "Zojuist gevraagd" / "zojuist opgepakt", not "0 minuten"."""
    nu = verzoek(voornaam="Kim")
    verzoek(voornaam="Noor", aangemaakt_op=timezone.now() - timezone.timedelta(hours=3))
    client.force_login(host)
    html = client.get(reverse("kennismakingen"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert html.count("Zojuist gevraagd") == 1
    assert "3\xa0uur geleden gevraagd" in html
    assert "0\xa0minuten" not in html

    kennismaking.pak_op(nu.pk, host, "bellen")
    html = client.get(reverse("kennismakingen"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "zojuist opgepakt" in html
    assert "0\xa0minuten" not in html
