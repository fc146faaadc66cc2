"""What the migrations publish as the privacy statement, and that they never overwrite a
coordinator's own text (privacy/migrations/0003_privacyverklaring_v2.py and
0004_privacyverklaring_v3.py)."""

import importlib

import pytest
from django.apps import apps as django_apps

from privacy.models import Privacyverklaring

pytestmark = pytest.mark.django_db

V1 = importlib.import_module("privacy.migrations.0002_privacyverklaring_v1")
V2 = importlib.import_module("privacy.migrations.0003_privacyverklaring_v2")
V3 = importlib.import_module("privacy.migrations.0004_privacyverklaring_v3")


def test_version_two_tells_what_is_new():
    v2 = Privacyverklaring.objects.get(versie=2)
    assert v2.tekst == V2.TEKST
    for nieuw in ("steunplan", "versleuteld", "pauze", "cookie", "nadat die facilitator"):
        assert nieuw in v2.tekst
    # Every change is an addition to version 1: nothing it promised was dropped silently.
    assert len(v2.tekst) > len(V1.TEKST)
    assert v2.samenvatting


def test_version_three_is_in_force_and_says_the_nazit_invitation_is_part_of_taking_part():
    geldend = Privacyverklaring.objects.geldend()
    assert geldend.versie == 3
    assert geldend.tekst == V3.TEKST
    for nieuw in (
        "De uitnodiging hoort bij meedoen",
        "per e-mail en in de app",
        "als je je aanmeldt voor een groep",
        "met één klik",
    ):
        assert nieuw in geldend.tekst
    assert "met één klik" in geldend.samenvatting
    assert len(geldend.tekst) > len(V2.TEKST)
    # Still everything version 2 said, except the lines it rewords.
    verdwenen = set(V2.TEKST.splitlines()) - set(V3.TEKST.splitlines())
    assert len(verdwenen) == 3


def test_every_replacement_found_its_sentence():
    # A replace() that finds nothing leaves version 1's sentence: count the changed lines.
    oud = set(V1.TEKST.splitlines())
    nieuw = [regel for regel in V2.TEKST.splitlines() if regel not in oud]
    assert len(nieuw) == 8


def test_every_replacement_of_version_three_found_its_sentence():
    oud = set(V2.TEKST.splitlines())
    nieuw = [regel for regel in V3.TEKST.splitlines() if regel not in oud]
    assert len(nieuw) == 3 + len(V3.NAZIT.strip().splitlines())


def test_a_coordinators_own_text_is_never_overwritten():
    Privacyverklaring.objects.filter(versie__gt=1).delete()
    Privacyverklaring.objects.filter(versie=1).update(tekst="Onze eigen verklaring.")
    V2.publiceer(django_apps, None)
    V3.publiceer(django_apps, None)
    assert list(Privacyverklaring.objects.values_list("versie", flat=True)) == [1]


def test_version_three_comes_only_over_an_untouched_version_two():
    Privacyverklaring.objects.filter(versie=3).delete()
    Privacyverklaring.objects.filter(versie=2).update(tekst="Onze eigen tweede versie.")
    V3.publiceer(django_apps, None)
    assert sorted(Privacyverklaring.objects.values_list("versie", flat=True)) == [1, 2]
    Privacyverklaring.objects.filter(versie=2).update(tekst=V2.TEKST)
    V3.publiceer(django_apps, None)
    assert Privacyverklaring.objects.geldend().tekst == V3.TEKST


def test_a_coordinators_own_third_version_is_never_overwritten():
    Privacyverklaring.objects.filter(versie=3).update(tekst="Onze eigen derde versie.")
    V3.publiceer(django_apps, None)
    assert Privacyverklaring.objects.filter(versie=3).get().tekst == "Onze eigen derde versie."
    assert not Privacyverklaring.objects.filter(versie=4).exists()


def test_publishing_twice_makes_one_version():
    V2.publiceer(django_apps, None)  # already published by the migration: nothing happens
    V3.publiceer(django_apps, None)
    assert Privacyverklaring.objects.filter(versie=2).count() == 1
    assert Privacyverklaring.objects.filter(versie=3).count() == 1
