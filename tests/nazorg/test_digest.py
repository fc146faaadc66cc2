"""Weekly digest: only new visible unmuted threads, titles only, idempotent; preference page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nazorg.digest import verstuur_digest, verstuur_digest_taak
from nazorg.models import Bericht, Demping, DigestVoorkeur, Draad, Ruimte, Status
from tests.factories import GroepFactory, UserFactory


@pytest.fixture
def ruimte(groep):
    return Ruimte.objects.create(groep=groep, naam="Cohort")


def draad(ruimte, titel, status=Status.ZICHTBAAR, tekst="Geheime posttekst", dagen=1):
    d = Draad.objects.create(
        ruimte=ruimte,
        titel=titel,
        auteur=UserFactory(),
        status=status,
        aangemaakt_op=timezone.now() - datetime.timedelta(days=dagen),
    )
    Bericht.objects.create(draad=d, tekst=tekst, status=status)
    return d


def test_digest_only_new_visible_unmuted_titles(ruimte, deelnemer):
    DigestVoorkeur.objects.create(user=deelnemer, wekelijks=True)
    draad(ruimte, "Nieuw en zichtbaar")
    draad(ruimte, "Verborgen draad", status=Status.VERBORGEN)
    draad(ruimte, "Vastgehouden draad", status=Status.VASTGEHOUDEN)
    draad(ruimte, "Oude draad", dagen=10)
    Demping.objects.create(user=deelnemer, draad=draad(ruimte, "Gedempte draad"))
    elders = Ruimte.objects.create(groep=GroepFactory(), naam="Elders")
    draad(elders, "Andere groep")

    assert verstuur_digest() == 1
    (bericht,) = mail.outbox
    html = bericht.alternatives[0][0]
    for tekst in (bericht.body, html):
        assert "Nieuw en zichtbaar" in tekst
        for niet in ("Verborgen", "Vastgehouden", "Oude", "Gedempte", "Andere groep", "Geheime"):
            assert niet not in tekst
    assert bericht.to == [deelnemer.email]
    assert DigestVoorkeur.objects.get(user=deelnemer).laatst_verstuurd is not None


def test_digest_idempotent_within_week(ruimte, deelnemer):
    DigestVoorkeur.objects.create(user=deelnemer, wekelijks=True)
    draad(ruimte, "Iets nieuws")
    verstuur_digest_taak.delay()
    verstuur_digest()
    assert len(mail.outbox) == 1
    # Next week: only what is new since the last one.
    volgende_week = timezone.now() + datetime.timedelta(days=7)
    assert verstuur_digest(nu=volgende_week) == 0
    draad(ruimte, "Week twee", dagen=-1)
    assert verstuur_digest(nu=volgende_week) == 1
    assert "Week twee" in mail.outbox[1].body
    assert "Iets nieuws" not in mail.outbox[1].body


def test_no_digest_without_opt_in_or_news(ruimte, deelnemer, facilitator):
    DigestVoorkeur.objects.create(user=deelnemer, wekelijks=True)
    DigestVoorkeur.objects.create(user=facilitator, wekelijks=False)
    assert verstuur_digest() == 0
    draad(ruimte, "Nieuw")
    assert verstuur_digest() == 1
    assert [m.to for m in mail.outbox] == [[deelnemer.email]]


def test_digest_preference_page(client, deelnemer):
    client.force_login(deelnemer)
    url = reverse("digest")
    assert client.get(url).status_code == 200
    assert client.post(url, {"wekelijks": "on"}).status_code == 302
    assert DigestVoorkeur.objects.get(user=deelnemer).wekelijks
    client.post(url, {})
    assert not DigestVoorkeur.objects.get(user=deelnemer).wekelijks
