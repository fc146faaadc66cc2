"""The one place that decides who reads a reflection: Reflectie.objects.zichtbaar_voor."""

import pytest

from groepen.models import Lidmaatschap
from herstelmodel.models import Reflectie

pytestmark = pytest.mark.django_db


def zichtbaar(user):
    return set(Reflectie.objects.zichtbaar_voor(user))


def test_who_reads_what(world):
    mijn = {world.reflectie_prive, world.reflectie_facilitators, world.reflectie_groep}
    assert zichtbaar(world.deelnemer) == mijn
    assert zichtbaar(world.facilitator) == {world.reflectie_facilitators, world.reflectie_groep}
    assert zichtbaar(world.coordinator) == set()
    assert zichtbaar(world.outsider) == set()


def test_a_member_sees_only_what_was_shared_with_the_group(world):
    lid = Lidmaatschap.objects.create(
        groep=world.groep, user=world.outsider, rol=Lidmaatschap.Rol.DEELNEMER
    )
    assert zichtbaar(world.outsider) == {world.reflectie_groep}
    lid.status = Lidmaatschap.Status.UITGESCHREVEN
    lid.save()
    assert zichtbaar(world.outsider) == set()


def test_an_author_who_leaves_takes_the_shared_words_along(world):
    Lidmaatschap.objects.filter(user=world.deelnemer, groep=world.groep).update(
        status=Lidmaatschap.Status.UITGESCHREVEN
    )
    assert zichtbaar(world.facilitator) == set()
    assert len(zichtbaar(world.deelnemer)) == 3  # still theirs to read
