"""One-click answers and unsubscribe links from the email."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nazorg.models import Herinnering, NazorgVoorkeur
from nazorg.rsvp import maak_afmeld_token, maak_rsvp_token

pytestmark = pytest.mark.django_db
S = Herinnering.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def herinnering(afgelopen):
    return Herinnering.objects.filter(moment__dagen_na_einde=14).order_by("pk").first()


def rsvp_url(h, antwoord="ja"):
    return reverse("rsvp", kwargs={"token": maak_rsvp_token(h.pk, antwoord)})


def test_get_shows_the_answer_preselected_and_changes_nothing(client, herinnering):
    r = client.get(rsvp_url(herinnering, "misschien"), **EN)
    assert r.status_code == 200
    assert b'value="misschien"' in r.content and b"checked" in r.content
    assert r.context["form"]["antwoord"].value() == "misschien"
    herinnering.refresh_from_db()
    assert herinnering.antwoord == ""


def test_post_saves_without_login_and_again_is_idempotent(herinnering):
    client = Client(enforce_csrf_checks=False)
    url = rsvp_url(herinnering, "ja")
    r = client.post(url, {"antwoord": "ja"}, **EN)
    assert r.status_code == 200 and r.context["uitkomst"].gewijzigd
    herinnering.refresh_from_db()
    assert herinnering.antwoord == "ja" and herinnering.beantwoord_op
    eerst = herinnering.beantwoord_op
    r = client.post(url, {"antwoord": "ja"}, **EN)
    assert not r.context["uitkomst"].gewijzigd
    assert b"We already had that answer" in r.content
    herinnering.refresh_from_db()
    assert herinnering.beantwoord_op == eerst
    # Changing your mind just updates.
    client.post(url, {"antwoord": "nee"})
    herinnering.refresh_from_db()
    assert herinnering.antwoord == "nee"


def test_invalid_answer_keeps_the_page_with_a_message(client, herinnering):
    r = client.post(rsvp_url(herinnering), {"antwoord": "altijd"}, **EN)
    assert r.status_code == 400
    assert r.context["form"].errors["antwoord"]
    herinnering.refresh_from_db()
    assert herinnering.antwoord == ""


@pytest.mark.parametrize(
    "token",
    [
        "nep",
        "1:ja:abc",
        # A fixed id: the signed value holds the time of collection, and every xdist
        # worker must collect the same test names.
        pytest.param(signing.TimestampSigner(salt="iets-anders").sign("1:ja"), id="other-salt"),
    ],
)
def test_forged_token_is_a_plain_400(client, herinnering, token):
    r = client.get(reverse("rsvp", kwargs={"token": token}), **EN)
    assert r.status_code == 400
    assert b"This link does not work" in r.content
    assert (
        client.post(reverse("rsvp", kwargs={"token": token}), {"antwoord": "ja"}).status_code == 400
    )


def test_tampered_answer_or_id_is_rejected(client, herinnering):
    pk, antwoord, rest = maak_rsvp_token(herinnering.pk, "ja").split(":", 2)
    for vervalst in (f"{int(pk) + 1}:{antwoord}:{rest}", f"{pk}:nee:{rest}"):
        assert client.get(reverse("rsvp", kwargs={"token": vervalst})).status_code == 400


def test_expired_token_gets_a_kind_page(client, herinnering):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=200)):
        token = maak_rsvp_token(herinnering.pk, "ja")
    r = client.get(reverse("rsvp", kwargs={"token": token}), **EN)
    assert r.status_code == 410
    assert b"no longer valid" in r.content


def test_unsubscribe_get_confirms_post_stops_and_twice_says_already(herinnering):
    client = Client()
    url = reverse("uitschrijven_nazit", kwargs={"token": maak_afmeld_token(herinnering.pk)})
    assert client.get(url).status_code == 200
    assert not NazorgVoorkeur.objects.exists()
    r = client.post(url, **EN)
    assert r.status_code == 200 and r.context["gestopt"]
    assert NazorgVoorkeur.objects.get(user=herinnering.user, groep=herinnering.groep).gestopt
    assert set(
        Herinnering.objects.filter(user=herinnering.user).values_list("status", flat=True)
    ) == {S.AFGEMELD}
    # Other people are untouched.
    assert Herinnering.objects.exclude(user=herinnering.user).filter(status=S.GEPLAND).count() == 6
    r = client.post(url, **EN)
    assert r.status_code == 200 and not r.context["gestopt"]
    assert b"already unsubscribed" in r.content
    assert b"already unsubscribed" in client.get(url, **EN).content


def test_one_click_post_without_csrf_works_other_posts_need_csrf(herinnering):
    client = Client(enforce_csrf_checks=True)
    url = reverse("uitschrijven_nazit", kwargs={"token": maak_afmeld_token(herinnering.pk)})
    assert client.post(url, {"iets": "anders"}).status_code == 403
    assert not NazorgVoorkeur.objects.exists()
    r = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert r.status_code == 200
    assert NazorgVoorkeur.objects.get(user=herinnering.user).gestopt


def test_unsubscribe_forged_token(client, afgelopen):
    r = client.post(reverse("uitschrijven_nazit", kwargs={"token": "1:xyz"}))
    assert r.status_code == 400
    assert not NazorgVoorkeur.objects.exists()


def test_token_holds_no_personal_data(herinnering):
    token = maak_rsvp_token(herinnering.pk, "ja")
    assert herinnering.user.email not in token
    assert herinnering.user.roepnaam not in token
