"""Consent to the privacy statement: at sign-up, again after a new version, the public
statement, "My privacy", and coordinators publishing a version."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from deelnemers.models import User
from nazorg.models import DigestVoorkeur, NazorgVoorkeur
from privacy import toestemming
from privacy.models import Privacyverklaring, Toestemming
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("eigen_cache")


@pytest.fixture(autouse=True)
def engels(settings):
    """Pages in English, so the tests read the source strings."""
    settings.LANGUAGE_CODE = "en"


def aanmelden(client, **extra):
    data = {
        "email": "nieuw@example.org",
        "roepnaam": "Mila",
        "password1": "zonnebloem-rivier-7",
        "password2": "zonnebloem-rivier-7",
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def publiceer_v2(door=None):
    return toestemming.publiceer(
        samenvatting="We bewaren je laatste dag van activiteit.",
        tekst="Versie twee van de verklaring.",
        door=door,
    )


# --- Sign-up ---------------------------------------------------------------------------


def test_signup_shows_the_consent_with_a_link_to_the_statement(client, v1):
    html = client.get(reverse("account_signup")).content.decode()
    assert 'name="privacy"' in html
    assert "required" in html
    assert f'href="{reverse("privacyverklaring")}"' in html
    # At sign-up nobody knows yet what a nazit is: that is told, with an opt-out, at
    # enrolment in a group (tests/nazorg/test_uitnodiging_aanmelden.py).
    assert 'name="nazit_email"' not in html
    assert "nazit" not in html.lower()
    assert 'name="digest"' in html


def test_signup_without_consent_makes_no_account_and_keeps_what_was_typed(client, v1):
    response = aanmelden(client)
    assert response.status_code == 200
    assert "privacy" in response.context["form"].errors
    html = response.content.decode()
    assert "Tick this box to agree to the privacy statement" in html
    assert 'value="nieuw@example.org"' in html
    assert 'value="Mila"' in html
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert not Toestemming.objects.exists()


def test_signup_records_consent_and_the_optional_email_choice(client, v1):
    # A nazit_email field sent by an old page or by hand changes nothing.
    response = aanmelden(client, privacy="on", nazit_email="", digest="on")
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    toestemming_ = Toestemming.objects.get(user=user)
    assert toestemming_.verklaring == v1
    assert toestemming_.geaccepteerd_op is not None
    assert DigestVoorkeur.objects.get(user=user).wekelijks
    event = AuditEvent.objects.get(soort=AuditEvent.Soort.TOESTEMMING, betreft=user)
    assert event.details == {"versie": 1, "digest": True}
    # Nazit reminders keep their defaults: by email and in the app.
    assert not NazorgVoorkeur.objects.filter(user=user).exists()
    assert toestemming.emailkeuzes(user)["nazit_email"] is True


def test_signup_without_the_optional_consent_sends_no_summary(client, v1):
    assert aanmelden(client, privacy="on").status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert Toestemming.objects.filter(user=user, verklaring=v1).exists()
    assert DigestVoorkeur.objects.get(user=user).wekelijks is False
    assert toestemming.emailkeuzes(user) == {"nazit_email": True, "digest": False}


def test_an_earlier_choice_against_nazit_emails_is_kept(client, deelnemer, v1):
    # People who signed up when the box was there and left it empty keep that choice.
    NazorgVoorkeur.objects.create(user=deelnemer, groep=None, per_email=False)
    assert toestemming.emailkeuzes(deelnemer)["nazit_email"] is False


# --- Accepting a new version -----------------------------------------------------------


@pytest.mark.usefixtures("toestemming_verplicht")
def test_person_without_consent_is_sent_to_accept_and_comes_back(client, deelnemer, v1):
    client.force_login(deelnemer)
    response = client.get(reverse("mijn_gegevens") + "?x=1")
    accepteren = reverse("privacy_accepteren")
    assert response.status_code == 302
    assert response.url == f"{accepteren}?next={quote('/mijn-gegevens/?x=1', safe='')}"

    page = client.get(response.url)
    assert page.status_code == 200
    assert v1.samenvatting in page.content.decode()
    response = client.post(accepteren, {"versie": 1, "next": "/mijn-gegevens/?x=1"})
    assert response.status_code == 302
    assert response.url == "/mijn-gegevens/?x=1"
    assert Toestemming.objects.filter(user=deelnemer, verklaring=v1).count() == 1
    assert client.get(reverse("mijn_gegevens")).status_code == 200
    assert AuditEvent.objects.filter(
        soort=AuditEvent.Soort.TOESTEMMING, actor=deelnemer, details={"versie": 1}
    ).exists()


@pytest.mark.usefixtures("toestemming_verplicht")
def test_a_new_version_asks_again_and_shows_what_changed(client, deelnemer, coordinator, v1):
    toestemming.accepteer(deelnemer, v1)
    client.force_login(deelnemer)
    assert client.get(reverse("mijn_gegevens")).status_code == 200  # remembered in session
    v2 = publiceer_v2(door=coordinator)

    response = client.get(reverse("mijn_gegevens"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("privacy_accepteren"))
    html = client.get(response.url).content.decode()
    assert "Our privacy statement has changed" in html
    assert "We bewaren je laatste dag van activiteit." in html
    assert "Versie twee van de verklaring." in html

    client.post(reverse("privacy_accepteren"), {"versie": v2.versie})
    assert client.get(reverse("mijn_gegevens")).status_code == 200
    assert set(
        Toestemming.objects.filter(user=deelnemer).values_list("verklaring__versie", flat=True)
    ) == {1, 2}


@pytest.mark.usefixtures("toestemming_verplicht")
def test_exempt_pages_and_posts_are_not_blocked(client, deelnemer, v1):
    client.force_login(deelnemer)
    for url in (
        reverse("privacyverklaring"),
        reverse("privacy_accepteren"),
        reverse("mijn_privacy"),
        reverse("privacy_export"),
        reverse("account_email"),
        "/healthz",
        # The academy's colour sheet is part of every page, the accept page included.
        reverse("academie_kleur"),
    ):
        assert client.get(url).status_code in (200, 503), url
    # A form being sent at the moment of a new version still goes through: nothing typed
    # is lost. The next page asks for consent.
    response = client.post(reverse("mijn_gegevens"), {"roepnaam": "Sam Nieuw"})
    assert response.status_code == 302
    assert response.url == reverse("mijn_gegevens")
    deelnemer.refresh_from_db()
    assert deelnemer.roepnaam == "Sam Nieuw"


@pytest.mark.usefixtures("toestemming_verplicht")
def test_anonymous_visitors_are_not_asked(client, v1):
    assert client.get(reverse("home")).status_code in (200, 302)
    response = client.get(reverse("mijn_gegevens"))
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.usefixtures("toestemming_verplicht")
@pytest.mark.parametrize(
    "doel", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http:/x"]
)
def test_next_never_leads_to_another_site(client, deelnemer, v1, doel):
    client.force_login(deelnemer)
    response = client.post(reverse("privacy_accepteren"), {"versie": 1, "next": doel})
    assert response.status_code == 302
    assert response.url == reverse("mijn_overzicht")
    html = client.get(reverse("privacy_accepteren") + "?next=" + quote(doel)).content.decode()
    assert "evil.example" not in html  # already accepted: redirected, no form with it


@pytest.mark.usefixtures("toestemming_verplicht")
def test_accepting_an_older_version_shown_before_a_new_one_asks_again(client, deelnemer, v1):
    client.force_login(deelnemer)
    page = client.get(reverse("privacy_accepteren"))
    assert page.status_code == 200
    v2 = publiceer_v2()
    response = client.post(reverse("privacy_accepteren"), {"versie": 1})
    assert response.status_code == 200  # not let through: v2 is not read yet
    assert "There is a newer version" in response.content.decode()
    assert 'name="versie" value="2"' in response.content.decode()
    assert client.get(reverse("mijn_gegevens")).status_code == 302
    assert not Toestemming.objects.filter(user=deelnemer, verklaring=v2).exists()


@pytest.mark.usefixtures("toestemming_verplicht")
@pytest.mark.parametrize("versie", ["", "abc", "99", "-1"])
def test_tampered_version_is_not_accepted(client, deelnemer, v1, versie):
    client.force_login(deelnemer)
    response = client.post(reverse("privacy_accepteren"), {"versie": versie})
    assert response.status_code == 200
    assert not Toestemming.objects.filter(user=deelnemer).exists()


def test_accepting_needs_csrf(deelnemer, v1):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(deelnemer)
    assert client.post(reverse("privacy_accepteren"), {"versie": 1}).status_code == 403
    assert not Toestemming.objects.exists()


@pytest.mark.usefixtures("toestemming_verplicht")
def test_the_check_costs_no_query_once_accepted(client, deelnemer, v1, settings):
    toestemming.accepteer(deelnemer, v1)
    client.force_login(deelnemer)
    url = reverse("mijn_gegevens")
    client.get(url)  # first visit: one query, then remembered in the session
    with CaptureQueriesContext(connection) as met:
        assert client.get(url).status_code == 200
    settings.PRIVACY_TOESTEMMING_VERPLICHT = False
    with CaptureQueriesContext(connection) as zonder:
        assert client.get(url).status_code == 200
    assert len(met) == len(zonder)


@pytest.mark.usefixtures("toestemming_verplicht")
def test_first_check_costs_at_most_one_query_with_the_version_cached(client, deelnemer, v1):
    toestemming.accepteer(deelnemer, v1)
    toestemming.geldende_id()  # cached, as after any earlier request
    client.force_login(deelnemer)
    url = reverse("mijn_gegevens")
    with CaptureQueriesContext(connection) as eerste:
        client.get(url)
    with CaptureQueriesContext(connection) as daarna:
        client.get(url)
    extra = [q["sql"] for q in eerste.captured_queries if "privacy_toestemming" in q["sql"]]
    assert len(extra) == 1
    # The session is saved once to remember it; later requests have no such query.
    assert not any(
        "privacy_" in q["sql"] for q in daarna.captured_queries if "verwijder" not in q["sql"]
    )


def test_publishing_clears_the_cached_version(v1):
    assert toestemming.geldende_id() == v1.pk
    v2 = publiceer_v2()
    assert cache.get(toestemming.CACHE_KEY) is None
    assert toestemming.geldende_id() == v2.pk


def test_demo_accounts_can_be_accepted_in_one_call(deelnemer, v1):
    toestemming.accepteer_geldende(deelnemer)
    toestemming.accepteer_geldende(deelnemer)  # idempotent, like the demo command
    assert Toestemming.objects.filter(user=deelnemer).count() == 1
    assert AuditEvent.objects.filter(soort=AuditEvent.Soort.TOESTEMMING).count() == 1


# --- The public statement --------------------------------------------------------------


def test_statement_is_public_and_older_versions_stay_readable(client, v1):
    publiceer_v2()
    html = client.get(reverse("privacyverklaring")).content.decode()
    assert "Versie twee van de verklaring." in html
    assert reverse("privacyverklaring_versie", args=[1]) in html
    oud = client.get(reverse("privacyverklaring_versie", args=[1])).content.decode()
    assert "Autoriteit Persoonsgegevens" in oud
    assert "This is an older version." in oud
    assert client.get(reverse("privacyverklaring_versie", args=[99])).status_code == 404


def test_version_1_is_honest_about_what_is_kept(v1):
    tekst = v1.tekst
    for woord in (
        "roepnaam",
        "versleuteld",
        "minstens 5",
        "Autoriteit Persoonsgegevens",
        "downloaden",
        "verwijderen",
        "logboek",
        "verkopen",
    ):
        assert woord in tekst, woord


# --- My privacy -------------------------------------------------------------------------


def test_my_privacy_shows_consents_and_email_choices(client, deelnemer, v1):
    toestemming.accepteer(deelnemer, v1)
    DigestVoorkeur.objects.create(user=deelnemer, wekelijks=True)
    NazorgVoorkeur.objects.create(user=deelnemer, groep=None, per_email=False)
    client.force_login(deelnemer)
    response = client.get(reverse("mijn_privacy"))
    html = response.content.decode()
    assert "You agreed to the current version (1)." in html
    assert response.context["digest"] is True
    assert response.context["nazit_email"] is False
    for naam in ("nazorg_voorkeuren", "digest", "privacy_export", "privacyverklaring"):
        assert f'href="{reverse(naam)}"' in html


def test_my_privacy_tells_when_a_new_version_waits(client, deelnemer, v1):
    toestemming.accepteer(deelnemer, v1)
    publiceer_v2()
    client.force_login(deelnemer)
    html = client.get(reverse("mijn_privacy")).content.decode()
    assert "There is a new version (2) you have not agreed to yet." in html


# --- Publishing (coordinators) ---------------------------------------------------------


def test_coordinator_publishes_a_new_version(client, coordinator, v1):
    client.force_login(coordinator)
    page = client.get(reverse("privacy_beheer"))
    assert page.context["form"]["tekst"].value() == v1.tekst  # start from the current text
    response = client.post(
        reverse("privacy_beheer"),
        {"samenvatting": "Nieuw: de nazit.", "tekst": "De hele tekst.", "bevestig": "on"},
    )
    assert response.status_code == 302
    v2 = Privacyverklaring.objects.get(versie=2)
    assert v2.gepubliceerd_door == coordinator
    assert v2.samenvatting == "Nieuw: de nazit."
    assert Privacyverklaring.objects.geldend() == v2


@pytest.mark.parametrize(
    ("data", "velden"),
    [
        ({}, {"samenvatting", "tekst", "bevestig"}),
        ({"samenvatting": "   ", "tekst": "Tekst", "bevestig": "on"}, {"samenvatting"}),
        ({"samenvatting": "...", "tekst": "Tekst", "bevestig": "on"}, {"samenvatting"}),
        ({"samenvatting": "Kort", "tekst": "x" * 40_001, "bevestig": "on"}, {"tekst"}),
        ({"samenvatting": "Kort", "tekst": "Tekst"}, {"bevestig"}),
    ],
)
def test_publishing_with_bad_input_explains_and_keeps_the_text(
    client, coordinator, v1, data, velden
):
    client.force_login(coordinator)
    response = client.post(reverse("privacy_beheer"), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == velden
    if data.get("tekst") == "Tekst":
        assert "Tekst</textarea>" in response.content.decode()
    assert Privacyverklaring.objects.count() == 1


def test_counts_per_version_hide_small_numbers(client, coordinator, v1):
    for user in UserFactory.create_batch(3):
        toestemming.accepteer(user, v1)
    client.force_login(coordinator)
    html = client.get(reverse("privacy_beheer")).content.decode()
    assert '<td class="num">3</td>' not in html
    assert "fewer than 5" in html
    for user in UserFactory.create_batch(3):
        toestemming.accepteer(user, v1)
    html = client.get(reverse("privacy_beheer")).content.decode()
    assert '<td class="num">6</td>' in html


def test_the_versions_page_has_a_fixed_number_of_queries(
    client, coordinator, v1, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(reverse("privacy_beheer"))
    with django_assert_max_num_queries(12) as klein:
        client.get(reverse("privacy_beheer"))
    for _ in range(5):
        publiceer_v2()
    for user in UserFactory.create_batch(6):
        toestemming.accepteer(user, v1)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        client.get(reverse("privacy_beheer"))


def test_only_coordinators_publish(client, deelnemer, facilitator, v1):
    for user in (deelnemer, facilitator):
        client.force_login(user)
        response = client.post(
            reverse("privacy_beheer"), {"samenvatting": "x", "tekst": "y", "bevestig": "on"}
        )
        assert response.status_code == 403
    assert Privacyverklaring.objects.count() == 1


def test_statement_text_becomes_headings_lists_and_paragraphs_and_stays_escaped(client, v1):
    assert toestemming.blokken("Kop\n- een\n- twee\nSlot.\n\nLos.") == [
        {"kop": "Kop", "delen": [{"punten": ["een", "twee"]}, {"alinea": "Slot."}]},
        {"kop": None, "delen": [{"alinea": "Los."}]},
    ]
    toestemming.publiceer(
        samenvatting="<b>nieuw</b>", tekst="Kop <i>\n- <script>x</script>", door=None
    )
    html = client.get(reverse("privacyverklaring")).content.decode()
    assert "<h3>Kop &lt;i&gt;</h3>" in html
    assert "<li>&lt;script&gt;x&lt;/script&gt;</li>" in html
    assert "<b>nieuw</b>" not in html
