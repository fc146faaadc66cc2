"""Facilitators write too: a session log or intervisie note with signal words shows them
the help box after saving (nothing is blocked, nobody else is told)."""

import pytest
from django.urls import reverse

from .test_intervisie import ivbijeenkomst, ivgroep, notities  # noqa: F401 (fixtures)
from .test_sessielog import gegevens, geweest, url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

HULP = "kop-hulp-nu"


def test_session_log_with_signal_words_shows_help(client, facilitator, geweest):  # noqa: F811
    client.force_login(facilitator)
    response = client.post(url(geweest), gegevens(sfeer="Ik zie het zelf ook niet meer zitten"))
    assert response.status_code == 302
    assert HULP in client.get(response.url).content.decode()


def test_session_log_without_signal_words_no_help(client, facilitator, geweest):  # noqa: F811
    client.force_login(facilitator)
    response = client.post(url(geweest), gegevens(sfeer="Fijne sfeer, iedereen doodmoe"))
    assert HULP not in client.get(response.url).content.decode()


def test_intervisie_note_with_signal_words_shows_help(client, facilitator, ivbijeenkomst):  # noqa: F811
    client.force_login(facilitator)
    doel = reverse("intervisie_bijeenkomst", args=[ivbijeenkomst.pk])
    response = client.post(doel, notities(inzichten="Een deelnemer sprak over zelfdoding"))
    assert response.status_code == 302
    assert HULP in client.get(response.url).content.decode()
    response = client.post(doel, notities(inzichten="Goed gesprek over grenzen"))
    assert HULP not in client.get(response.url).content.decode()
