"""The menu's unread count (nazorg/ongelezen.py): the visibility query compiled once for a
stand-in, with each person's id, the moment and the day filled in. It must count exactly
what the ORM query counts, for every person and situation, and stop at 100 ("99+")."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from nazorg import gesprekmeldingen, ongelezen, rust
from nazorg.models import Bericht, Draad, Melding, Ruimte, Status
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

from .conftest import maak_afgelopen_groep

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def orm_telling(user):
    return gesprekmeldingen.zichtbaar(user).filter(gelezen_op__isnull=True).count()


def melding_over(user, bericht):
    return Melding.objects.create(
        user=user,
        soort=Melding.Soort.REACTIE,
        bericht=bericht,
        titel="x",
        link=reverse("draad", args=[bericht.draad_id]),
    )


def bericht_in(ruimte, auteur, **velden):
    draad = Draad.objects.create(ruimte=ruimte, titel="Een draad", auteur=auteur)
    return Bericht.objects.create(draad=draad, auteur=auteur, tekst="Hallo", **velden)


@pytest.fixture
def situaties(db):
    """A cohort space and the academy-wide one, and people in different situations, each
    with notifications about visible, hidden and taken-back posts, and one without a post."""
    groep, (sam, noor, ayla), facilitator = maak_afgelopen_groep(deelnemers=3)
    cohort = Ruimte.objects.create(groep=groep, naam="Cohort")
    academie = Ruimte.objects.create(naam="Academie")
    buiten = UserFactory()  # no group: sees neither space
    zichtbaar = bericht_in(cohort, noor)
    verborgen = bericht_in(cohort, noor, status=Status.VERBORGEN)
    terug = bericht_in(cohort, noor, teruggenomen_op=timezone.now())
    breed = bericht_in(academie, ayla)
    mensen = [sam, noor, ayla, facilitator, buiten]
    for user in mensen:
        for bericht in (zichtbaar, verborgen, terug, breed):
            melding_over(user, bericht)
        Melding.objects.create(user=user, titel="Nazit volgende week", link="/nazorg/")
    rust.neem_pauze(ayla, timezone.now() + datetime.timedelta(days=7))
    return mensen


def test_counts_exactly_what_the_rules_show_for_everyone(situaties):
    sam, noor, ayla, facilitator, buiten = situaties
    verwacht = {sam: 3, noor: 3, ayla: 1, facilitator: 2, buiten: 1}
    for user, aantal in verwacht.items():
        assert orm_telling(user) == aantal
        assert ongelezen.tel(user) == aantal, user
    # Reading one lowers the count for that person only.
    Melding.objects.filter(user=sam, bericht__isnull=True).update(gelezen_op=timezone.now())
    assert ongelezen.tel(sam) == 2
    assert ongelezen.tel(noor) == 3


def test_the_rules_compile_with_every_day_and_moment_filled_in(db):
    """If the rules ever take a day or moment themselves (not from zichtbaar()'s `nu` and
    `vandaag`), it would be frozen into the compiled query: then the count builds the
    query every time (correct, but ~4 ms slower on every page). This says so."""
    assert ongelezen._sjabloon(connection.alias) is not None


def test_a_day_the_rules_take_themselves_means_no_compiled_query(db, monkeypatch):
    from nazorg import gesprekmeldingen as gm

    echt = gm.zichtbaar
    monkeypatch.setattr(gm, "zichtbaar", lambda user, nu, vandaag: echt(user, nu, None))
    assert ongelezen._sjabloon(connection.alias) is None


def test_one_query_and_the_compiled_query_is_shared(situaties, django_assert_num_queries):
    sam, noor, *_r = situaties
    ongelezen.tel(sam)
    with django_assert_num_queries(1):
        assert ongelezen.tel(noor) == 3


def test_the_day_is_filled_in(db):
    """A place in a group that starts tomorrow does not open the academy-wide space yet."""
    academie = Ruimte.objects.create(naam="Academie")
    schrijver = UserFactory()
    bericht = bericht_in(academie, schrijver)
    nieuw = UserFactory()
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    LidmaatschapFactory(
        groep=GroepFactory(startdatum=morgen), user=nieuw, rol=Lidmaatschap.Rol.DEELNEMER
    )
    melding_over(nieuw, bericht)
    assert ongelezen.tel(nieuw) == orm_telling(nieuw) == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert ongelezen.tel(nieuw) == orm_telling(nieuw) == 1


def test_an_inactive_person_gets_what_the_rules_give(situaties):
    sam = situaties[0]
    sam.is_active = False
    assert ongelezen.tel(sam) == orm_telling(sam) == 1  # only the one without a post


def test_the_count_stops_at_100_and_the_menu_says_99_plus(client, db):
    user = UserFactory()
    Melding.objects.bulk_create(
        [Melding(user=user, titel=f"Bericht {i}", link="/nazorg/") for i in range(120)]
    )
    assert ongelezen.tel(user) == ongelezen.MAX == 100
    client.force_login(user)
    with CaptureQueriesContext(connection) as q:
        page = client.get(reverse("mijn_gegevens"), **NL).content.decode()
    assert len([s for s in q.captured_queries if "nazorg_melding" in s["sql"]]) == 1
    assert page.count('<span class="melding-teller" aria-hidden="true">99+</span>') == 3
    assert page.count(", meer dan 99 ongelezen meldingen</span>") == 3
    # The notifications page knows the exact number, and the menu still says 99+.
    page = client.get(reverse("meldingen"), **NL).content.decode()
    assert page.count('<span class="melding-teller" aria-hidden="true">99+</span>') == 3


def orm_tellingen(user):
    qs = gesprekmeldingen.zichtbaar(user)
    return qs.count(), qs.filter(gelezen_op__isnull=True).count()


def test_the_pages_two_counts_are_what_the_rules_show_for_everyone(situaties):
    """The notifications page's (all, unread), compiled once: the same as the ORM's for
    every person, after reading one, and in one query."""
    sam, *_r = situaties
    assert ongelezen._sjabloon(connection.alias, "alle") is not None
    for user in situaties:
        assert ongelezen.tellingen(user) == orm_tellingen(user), user
        assert gesprekmeldingen.tellingen(user) == orm_tellingen(user), user
    Melding.objects.filter(user=sam, bericht__isnull=True).update(gelezen_op=timezone.now())
    assert ongelezen.tellingen(sam) == orm_tellingen(sam) == (3, 2)
    with CaptureQueriesContext(connection) as queries:
        gesprekmeldingen.tellingen(sam)
    assert len(queries) == 1


def test_the_pages_counts_fall_back_to_the_orm_for_an_inactive_person(situaties):
    sam, *_r = situaties
    sam.is_active = False
    assert ongelezen.tellingen(sam) is None
    assert gesprekmeldingen.tellingen(sam) == orm_tellingen(sam)


# --- A thread's first question (community.draad_voor): compiled like the counts -----------


def test_thread_access_compiles_with_the_person_day_and_thread_filled_in(db):
    assert ongelezen._sjabloon(connection.alias, "draad") is not None


def test_thread_access_is_what_the_rules_say_for_everyone_and_every_thread(situaties):
    """Compiled answer == the ORM's (community.draad_toegang_orm) for each person and each
    thread: visible or not (404), moderator or not; and a moderator role that ended."""
    from groepen.models import Vrijwilligersrol
    from groepen.rollen import beeindig_rol, start_rol
    from nazorg.community import draad_toegang_orm

    sam, _noor, _ayla, facilitator, buiten = situaties
    academie = Ruimte.objects.get(groep__isnull=True)
    rol = start_rol(buiten, Vrijwilligersrol.Soort.MODERATOR)  # the academy-wide space
    vandaag = timezone.localdate()

    def vergelijk():
        for user in situaties:
            for draad in Draad.objects.all():
                orm = draad_toegang_orm(user, vandaag, draad.pk).values_list("is_moderator")
                verwacht = orm.first()
                verwacht = None if verwacht is None else (bool(verwacht[0]),)
                assert ongelezen.draad_toegang(user, draad.pk) == verwacht, (user, draad)

    vergelijk()
    assert ongelezen.draad_toegang(buiten, academie.draden.first().pk) == (True,)
    assert ongelezen.draad_toegang(facilitator, Draad.objects.exclude(ruimte=academie)[0].pk)
    beeindig_rol(rol)
    vergelijk()
    assert ongelezen.draad_toegang(buiten, academie.draden.first().pk) is None
    assert ongelezen.draad_toegang(sam, 10**9) is None
    assert ongelezen.draad_toegang(sam, "x") is None


def test_thread_access_falls_back_to_the_orm_when_it_cannot_compile(situaties, monkeypatch):
    sam, *_r = situaties
    monkeypatch.setattr(ongelezen, "_sjablonen", {})
    monkeypatch.setattr(ongelezen, "_sjabloon", lambda alias, soort="ongelezen": None)
    assert ongelezen.draad_toegang(sam, Draad.objects.first().pk) is ongelezen.NIET_GECOMPILEERD


# --- The notifications page's rows (gesprekmeldingen.Lijst): compiled like the counts -----


def test_the_page_list_compiles(db):
    assert ongelezen._sjabloon(connection.alias, "lijst") is not None


def test_the_page_rows_are_what_the_rules_show_in_order_for_everyone(situaties):
    for user in situaties:
        verwacht = list(gesprekmeldingen.pagina_lijst(user).values_list("pk", flat=True))
        assert ongelezen.lijst(user, 0, 50) == verwacht, user
        assert ongelezen.lijst(user, 1, 2) == verwacht[1:3], user
        rijen = gesprekmeldingen.Lijst(user)[0:50]
        assert [m.pk for m in rijen] == verwacht
        assert all(m.user_id == user.pk for m in rijen)


def test_the_page_rows_fall_back_to_the_orm(situaties, monkeypatch):
    sam, *_r = situaties
    verwacht = list(gesprekmeldingen.pagina_lijst(sam).values_list("pk", flat=True))
    monkeypatch.setattr(ongelezen, "_sjablonen", {})
    monkeypatch.setattr(ongelezen, "_sjabloon", lambda alias, soort="ongelezen": None)
    assert ongelezen.lijst(sam, 0, 50) is None
    assert [m.pk for m in gesprekmeldingen.Lijst(sam)[0:50]] == verwacht
