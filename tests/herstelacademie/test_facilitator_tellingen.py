"""The facilitator home's two counts (herstelacademie/facilitator.py): the ORM's rules
for unread shared reflections and open moderation cases, compiled once for stand-ins
(lib/gecompileerd.py) with each person's id, the day and the groups filled in. They must
answer exactly what the ORM answers, for every person and situation."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from groepen.models import Lidmaatschap
from herstelacademie import facilitator as tellingen_module
from herstelacademie.facilitator import _TELLINGEN, tellingen
from herstelmodel.models import Leesmoment, Reflectie, Zichtbaarheid
from herstelmodel.reflectie import ongelezen_per_groep
from nazorg import moderatie
from nazorg.models import Bericht, Draad, Ruimte
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory, benoem_moderator

pytestmark = pytest.mark.django_db


def reflectie(auteur, groep, zichtbaarheid=Zichtbaarheid.FACILITATORS, **extra):
    velden = {"gedeeld_op": timezone.now(), **extra}
    return Reflectie.objects.create(
        auteur=auteur, groep=groep, stap=2, tekst="Ik herkende mezelf",
        zichtbaarheid=zichtbaarheid, **velden,
    )  # fmt: skip


def bericht_in(ruimte, auteur):
    draad = Draad.objects.create(ruimte=ruimte, titel="Een draad", auteur=auteur)
    return Bericht.objects.create(draad=draad, auteur=auteur, tekst="Gewoon een bericht")


def groepen_van(user):
    return list(
        Lidmaatschap.objects.filter(user=user, status=Lidmaatschap.Status.ACTIEF).values_list(
            "groep", flat=True
        )
    )


def orm(user, groep_ids):
    return ongelezen_per_groep(user, groep_ids), moderatie.aantal_open_voor(user)


@pytest.fixture
def situaties():
    """Two groups with a facilitator each (one facilitates both, one became facilitator
    after things were shared), participants sharing with the facilitators, the group or
    nobody, some read, one changed after reading, one author who left; community spaces
    with reported and held posts and a moderator role."""
    een, twee = GroepFactory(), GroepFactory()
    ruben = UserFactory(mfa=True)
    mira = UserFactory(mfa=True)
    for groep in (een, twee):
        LidmaatschapFactory(groep=groep, user=ruben, rol=Lidmaatschap.Rol.FACILITATOR)
    sam, noor, ayla = (LidmaatschapFactory(groep=een).user for _ in range(3))
    joep = LidmaatschapFactory(groep=twee).user
    reflectie(sam, een)
    reflectie(noor, een, Zichtbaarheid.GROEP)
    reflectie(ayla, een, Zichtbaarheid.ALLEEN_IK)
    gelezen = reflectie(noor, een)
    Leesmoment.objects.create(reflectie=gelezen, lezer=ruben)
    veranderd = reflectie(sam, een, Zichtbaarheid.GROEP)
    Leesmoment.objects.create(reflectie=veranderd, lezer=ruben)
    Reflectie.objects.filter(pk=veranderd.pk).update(
        gewijzigd_op=timezone.now() + datetime.timedelta(minutes=1)
    )
    reflectie(joep, twee)
    weg = LidmaatschapFactory(groep=twee).user
    reflectie(weg, twee)
    Lidmaatschap.objects.filter(user=weg).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    # Mira became facilitator later: what was shared before is not hers to read.
    later = timezone.now() + datetime.timedelta(minutes=1)
    LidmaatschapFactory(groep=een, user=mira, rol=Lidmaatschap.Rol.FACILITATOR)
    Lidmaatschap.objects.filter(user=mira).update(status_sinds=later)
    reflectie(ayla, een, gedeeld_op=later + datetime.timedelta(minutes=1))

    cohort = Ruimte.objects.create(groep=een, naam="Cohort")
    academie = Ruimte.objects.create(naam="Academie")
    moderatie.meld(bericht_in(cohort, sam), noor, "")
    moderatie.meld(bericht_in(cohort, noor), sam, "")
    moderatie.meld(bericht_in(academie, joep), sam, "")
    benoem_moderator(joep, academie)
    buiten = UserFactory()
    return [ruben, mira, sam, noor, ayla, joep, buiten]


def test_counts_exactly_what_the_orm_counts_for_everyone(situaties):
    ruben, mira, *_ = situaties
    assert orm(ruben, groepen_van(ruben))[0]  # the situation has something to count
    assert orm(ruben, groepen_van(ruben))[1] == 2
    for user in situaties:
        groep_ids = groepen_van(user)
        assert tellingen(user, groep_ids) == orm(user, groep_ids), user
        # A part of the groups, too (the list is compiled per length).
        assert tellingen(user, groep_ids[:1]) == orm(user, groep_ids[:1]), user
    # Reading one lowers the count for that person only.
    een = groepen_van(mira)[0]
    voor = tellingen(ruben, [een])[0][een]
    assert tellingen(mira, [een])[0] == {een: 1}
    nieuwste = Reflectie.objects.filter(groep=een, gedeeld_op__isnull=False).latest("gedeeld_op")
    Leesmoment.objects.create(reflectie=nieuwste, lezer=ruben, gelezen_op=nieuwste.gedeeld_op)
    assert tellingen(ruben, [een])[0].get(een, 0) == voor - 1
    assert tellingen(mira, [een])[0] == {een: 1}


def test_one_query_and_compiled(situaties, django_assert_num_queries):
    """If the rules ever take a day or moment of their own, or lose the person or the
    groups, the compiled query is not used (correct, but slower): this says so."""
    ruben = situaties[0]
    groep_ids = groepen_van(ruben)
    assert _TELLINGEN._sjabloon(connection.alias, len(groep_ids)) is not None
    with django_assert_num_queries(1):
        tellingen(ruben, groep_ids)


def test_without_compiled_sql_the_orm_answers(situaties, monkeypatch):
    ruben = situaties[0]
    monkeypatch.setattr(tellingen_module._TELLINGEN, "rijen", lambda *a, **k: None)
    assert tellingen(ruben, groepen_van(ruben)) == orm(ruben, groepen_van(ruben))


def test_the_giving_back_block_as_groei_home_says(situaties):
    """The block's four answers ride along as bits: each must say what
    doorgroei.groei_home.blok says, for every person, as the situation grows."""
    from doorgroei import getuigenis, groei_home
    from doorgroei.models import Verhaaluitnodiging
    from groepen import rollen
    from groepen.models import Vrijwilligersrol
    from herstelacademie.facilitator import home
    from herstelmodel import verhaal as verhaal_mod
    from tests.factories import BijeenkomstFactory

    ruben, _mira, sam, *_ = situaties

    def vergelijk():
        for user in situaties:
            assert home(user, groepen_van(user))[2] == groei_home.blok(user), user

    vergelijk()
    een = groepen_van(sam)[0]
    verhaal_mod.opslaan(sam, "Mijn weg", {"overweldigd": "Het begon zo."})
    verhaal_mod.delen(sam, Lidmaatschap.objects.get(user=sam, groep=een).groep)
    getuigenis.zet_aanbod(sam, True)
    Verhaaluitnodiging.objects.create(
        user=sam,
        bijeenkomst=BijeenkomstFactory(
            groep_id=een, begint_om=timezone.now() + datetime.timedelta(days=7)
        ),
        uitgenodigd_door=ruben,
    )
    rollen.start_rol(sam, Vrijwilligersrol.Soort.BUDDY)
    blok = groei_home.blok(sam)
    assert blok.deelt_verhaal
    assert blok.open_uitnodiging
    assert blok.heeft_pad
    assert groei_home.blok(ruben).aanbiedingen
    vergelijk()
