"""What the migrations publish as the privacy statement, and that they never overwrite a
coordinator's own text (privacy/migrations/0003_privacyverklaring_v2.py)."""

import importlib

import pytest
from django.apps import apps as django_apps

from privacy.models import Privacyverklaring

pytestmark = pytest.mark.django_db

V1 = importlib.import_module("privacy.migrations.0002_privacyverklaring_v1")
V2 = importlib.import_module("privacy.migrations.0003_privacyverklaring_v2")


def test_version_two_is_in_force_and_tells_what_is_new():
    geldend = Privacyverklaring.objects.geldend()
    assert geldend.versie == 2
    for nieuw in ("steunplan", "versleuteld", "pauze", "cookie", "nadat die facilitator"):
        assert nieuw in geldend.tekst
    # Every change is an addition to version 1: nothing it promised was dropped silently.
    assert len(geldend.tekst) > len(V1.TEKST)
    assert geldend.samenvatting


def test_every_replacement_found_its_sentence():
    # A replace() that finds nothing leaves version 1's sentence: count the changed lines.
    oud = set(V1.TEKST.splitlines())
    nieuw = [regel for regel in V2.TEKST.splitlines() if regel not in oud]
    assert len(nieuw) == 8


def test_a_coordinators_own_text_is_never_overwritten():
    Privacyverklaring.objects.filter(versie__gt=1).delete()
    Privacyverklaring.objects.filter(versie=1).update(tekst="Onze eigen verklaring.")
    V2.publiceer(django_apps, None)
    assert list(Privacyverklaring.objects.values_list("versie", flat=True)) == [1]


def test_publishing_twice_makes_one_version():
    V2.publiceer(django_apps, None)  # already published by the migration: nothing happens
    assert Privacyverklaring.objects.filter(versie=2).count() == 1
