"""Naasten (issue 14): a naaste's home shows the offer for naasten and the community, not
the six steps, unless they choose to use them; they turn them on (and off) themselves."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelnemers.models import User
from groepen.models import Aanbod
from herstelacademie import naasten
from tests.factories import AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

ZES_STAPPEN_BLOK = 'id="kop-schrijven"'
NAASTEN_BLOK = 'id="kop-naasten"'
VRAAG = 'id="kop-vraag-zes-stappen"'
HERSTELPAD = reverse("herstelpad")


@pytest.fixture
def naaste(db):
    return UserFactory(roepnaam="Rik", komt_als_naaste=True, zes_stappen=False)


@pytest.fixture
def naastenaanbod(db):
    aanbod = AanbodFactory(titel="Steun voor naasten", voor_naasten=True)
    GroepFactory(aanbod=aanbod)
    return aanbod


def overzicht(client, user):
    client.force_login(user)
    response = client.get(reverse("mijn_overzicht"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_naaste_sees_the_offer_for_naasten_not_the_six_steps(client, naaste, naastenaanbod):
    AanbodFactory(titel="Gewone cursus")  # not for naasten: not on this list
    archief = AanbodFactory(titel="Oud naastenaanbod", voor_naasten=True, gearchiveerd=True)
    GroepFactory(aanbod=archief)
    html = overzicht(client, naaste)
    assert ZES_STAPPEN_BLOK not in html
    assert reverse("reflectie_nieuw") not in html
    assert reverse("steunplan") not in html
    assert NAASTEN_BLOK in html
    assert "Steun voor naasten" in html
    assert "Gewone cursus" not in html
    assert "Oud naastenaanbod" not in html
    assert f"{reverse('aanbod_lijst')}?naasten=1" in html
    # Not pushed, and not in the menu either; the calm way to turn them on is there.
    assert f'href="{HERSTELPAD}"' not in html
    assert "Ik wil de zes stappen ook gebruiken" in html
    # No group yet: no way into the community is suggested.
    assert reverse("community") + '"' not in html.split(NAASTEN_BLOK)[1].split("</section>")[0]


def test_a_naaste_in_a_group_that_started_gets_the_community_link(client, naaste, naastenaanbod):
    LidmaatschapFactory(user=naaste, groep=naastenaanbod.groepen.get())
    blok = overzicht(client, naaste).split(NAASTEN_BLOK)[1].split("</section>")[0]
    assert f'href="{reverse("community")}"' in blok


def test_turning_the_six_steps_on_brings_the_blocks_back(client, naaste, naastenaanbod):
    overzicht(client, naaste)
    response = client.post(
        reverse("zes_stappen"), {"aan": "1", "next": reverse("mijn_overzicht")}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mijn_overzicht")
    html = response.content.decode()
    assert ZES_STAPPEN_BLOK in html
    assert reverse("reflectie_nieuw") in html
    assert f'href="{HERSTELPAD}"' in html
    # Still a naaste: the offer for naasten stays, without the button to turn them on.
    assert NAASTEN_BLOK in html
    assert "Ik wil de zes stappen ook gebruiken" not in html
    naaste.refresh_from_db()
    assert naaste.zes_stappen
    assert naaste.zes_stappen_gekozen_op is not None

    # And off again from "Mijn gegevens".
    response = client.post(reverse("zes_stappen"), {"aan": "0"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mijn_gegevens")
    assert "Ik wil de zes stappen ook gebruiken" in response.content.decode()
    naaste.refresh_from_db()
    assert not naaste.zes_stappen


def test_the_six_step_pages_stay_reachable(client, naaste):
    client.force_login(naaste)
    for naam in ("herstelpad", "reflectie_nieuw", "steunplan"):
        assert client.get(reverse(naam)).status_code == 200


def test_bad_input_changes_nothing_and_says_so(client, naaste):
    client.force_login(naaste)
    response = client.post(reverse("zes_stappen"), {"aan": "misschien"}, follow=True)
    assert "Dat lukte niet" in response.content.decode()
    naaste.refresh_from_db()
    assert not naaste.zes_stappen
    assert naaste.zes_stappen_gekozen_op is None
    assert client.get(reverse("zes_stappen")).status_code == 405


def test_someone_only_in_an_offer_for_naasten_is_asked_once(client, naastenaanbod):
    user = UserFactory()  # signed up without the tick: six steps on by default
    LidmaatschapFactory(user=user, groep=naastenaanbod.groepen.get())
    html = overzicht(client, user)
    assert VRAAG in html
    # While asked, the six steps are not pushed yet; the offer for naasten is there.
    assert ZES_STAPPEN_BLOK not in html
    assert NAASTEN_BLOK in html
    client.post(reverse("zes_stappen"), {"aan": "0", "next": reverse("mijn_overzicht")})
    html = overzicht(client, user)
    assert VRAAG not in html
    assert ZES_STAPPEN_BLOK not in html
    assert "Ik wil de zes stappen ook gebruiken" in html


def test_nobody_else_is_asked(client, deelnemer, naastenaanbod):
    # Sam is in an ordinary group and also joins one for naasten: nothing changes.
    LidmaatschapFactory(user=deelnemer, groep=naastenaanbod.groepen.get())
    html = overzicht(client, deelnemer)
    assert VRAAG not in html
    assert NAASTEN_BLOK not in html
    assert ZES_STAPPEN_BLOK in html
    assert f'href="{HERSTELPAD}"' in html


def test_the_signup_tick_is_stored(client):
    cache.clear()
    data = {
        "email": "rik@example.org",
        "roepnaam": "Rik",
        "password1": "zonnebloem-rivier-7",
        "password2": "zonnebloem-rivier-7",
        "privacy": "on",
    }
    assert client.post(reverse("account_signup"), {**data, "naaste": "on"}).status_code == 302
    rik = User.objects.get(email="rik@example.org")
    assert rik.komt_als_naaste
    assert not rik.zes_stappen
    client.logout()
    data["email"] = "mila@example.org"
    assert client.post(reverse("account_signup"), data).status_code == 302
    mila = User.objects.get(email="mila@example.org")
    assert not mila.komt_als_naaste
    assert mila.zes_stappen
    cache.clear()


def test_the_naaste_tick_can_be_changed_in_my_account(client, naaste):
    client.force_login(naaste)
    response = client.post(reverse("mijn_gegevens"), {"roepnaam": "Rik"})
    assert response.status_code == 302
    naaste.refresh_from_db()
    assert not naaste.komt_als_naaste


def test_a_naaste_home_holds_its_queries(client, naaste, django_assert_num_queries):
    """The flags are on the user row: an ordinary home asks nothing extra (see
    test_homes.py); a naaste's asks two things more (the offer for naasten, and whether
    they are in the community), however much offer there is."""
    for _ in range(2):
        GroepFactory(aanbod=AanbodFactory(voor_naasten=True))
    client.force_login(naaste)
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("mijn_overzicht"))
    for _ in range(4):
        GroepFactory(aanbod=AanbodFactory(voor_naasten=True))
    AanbodFactory(soort=Aanbod.Soort.INLOOP, voor_naasten=True)
    with django_assert_num_queries(len(weinig)):
        response = client.get(reverse("mijn_overzicht"))
    assert len(response.context["aanbod_naasten"]) == 4


def test_an_ordinary_home_asks_no_extra_query(client, deelnemer, monkeypatch):
    """The flags are read from the user row; the naaste's two queries are never made for
    someone else (the home's budget itself is in test_homes.py)."""

    def niet_voor_jou(*_args):
        raise AssertionError("asked for a naaste's home")

    monkeypatch.setattr(naasten, "aanbod_voor_naasten", niet_voor_jou)
    monkeypatch.setattr(naasten, "is_lid", niet_voor_jou)
    assert ZES_STAPPEN_BLOK in overzicht(client, deelnemer)
