"""The coordinator's roles pages and "Mijn rollen": finding a person, starting and ending
roles with clear messages for bad input, and a co-facilitator whose access goes with the
role."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap, Vrijwilligersrol
from groepen.rollen import beeindig_rol, start_rol
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Soort = Vrijwilligersrol.Soort
VANDAAG = timezone.localdate


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


def fout(response, veld) -> str:
    """The message shown next to a field."""
    html = response.content.decode()
    match = re.search(rf'<label for="id_{veld}">.*?<div class="errors">(.*?)</div>', html, re.S)
    assert match, f"no message next to {veld}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def start(c, persoon, **velden):
    data = {"soort": "buddy", "begint_op": VANDAAG().isoformat(), **velden}
    return c.post(reverse("vrijwilliger_rollen", args=[persoon.pk]), data)


def test_coordinator_finds_people_who_took_part_and_nobody_else(c, deelnemer):
    UserFactory(roepnaam="Samira")  # an account only: not findable
    pagina = c.get(reverse("vrijwilligers"), {"zoek": "sam"}).content.decode()
    assert reverse("vrijwilliger_rollen", args=[deelnemer.pk]) in pagina
    assert "Samira" not in pagina
    niemand = c.get(reverse("vrijwilligers"), {"zoek": "Samira"}, HTTP_ACCEPT_LANGUAGE="nl")
    html = niemand.content.decode()
    assert 'id="id_zoek_error"' in html
    assert "We vonden niemand" in html
    assert 'value="Samira"' in html  # what was typed stays


def test_unknown_person_is_404(c):
    buiten = UserFactory()
    assert c.get(reverse("vrijwilliger_rollen", args=[buiten.pk])).status_code == 404
    assert c.get(reverse("vrijwilliger_rollen", args=[999999])).status_code == 404


def test_only_coordinators_manage_roles(client, facilitator, deelnemer):
    client.force_login(facilitator)
    assert client.get(reverse("vrijwilligers")).status_code == 403
    assert start(client, deelnemer).status_code == 403
    assert not Vrijwilligersrol.objects.exists()


def test_bad_input_is_said_next_to_the_field_and_nothing_is_lost(c, deelnemer):
    r = start(
        c,
        deelnemer,
        soort="cofacilitator",
        begint_op="2026-03-10",
        eindigt_op="2026-03-01",
        omschrijving="Zet koffie op donderdag",
    )
    assert r.status_code == 400
    assert "kies de groep" in fout(r, "groep")
    assert "10 maart 2026" in fout(r, "eindigt_op")
    html = r.content.decode()
    assert 'value="2026-03-01"' in html
    assert "Zet koffie op donderdag" in html
    r = start(c, deelnemer, soort="vrijwilliger")
    assert "in een paar woorden" in fout(r, "omschrijving")
    r = start(c, deelnemer, soort="gastheer", groep=GroepFactory().pk)
    assert "inloop" in fout(r, "groep")
    r = start(c, deelnemer, begint_op="2206-01-01")
    assert r.status_code == 400
    assert fout(r, "begint_op")
    assert not Vrijwilligersrol.objects.exists()


def test_start_and_end_a_role_with_dates(c, deelnemer, coordinator):
    volgende_maand = VANDAAG() + datetime.timedelta(days=30)
    r = start(c, deelnemer, soort="buddy", eindigt_op=volgende_maand.isoformat())
    assert r.status_code == 302
    rol = Vrijwilligersrol.objects.get()
    assert (rol.soort, rol.begint_op, rol.eindigt_op, rol.gestart_door) == (
        "buddy",
        VANDAAG(),
        volgende_maand,
        coordinator,
    )
    url = reverse("vrijwilliger_rol_beeindigen", args=[deelnemer.pk, rol.pk])
    te_vroeg = c.post(url, {f"rol{rol.pk}-eindigt_op": "2020-01-01"})
    assert te_vroeg.status_code == 400
    assert "op zijn vroegst" in fout(te_vroeg, f"rol{rol.pk}-eindigt_op")
    assert c.post(url, {f"rol{rol.pk}-eindigt_op": VANDAAG().isoformat()}).status_code == 302
    rol.refresh_from_db()
    assert rol.eindigt_op == VANDAAG()
    assert not rol.is_actief()
    # Ended roles cannot be ended again, and another person's role is not found here.
    assert c.post(url, {f"rol{rol.pk}-eindigt_op": VANDAAG().isoformat()}).status_code == 404
    ander = start_rol(UserFactory(), Soort.BUDDY)
    andere_url = reverse("vrijwilliger_rol_beeindigen", args=[deelnemer.pk, ander.pk])
    assert c.post(andere_url, {f"rol{ander.pk}-eindigt_op": "x"}).status_code == 404


def test_an_ended_co_facilitator_gets_403_on_the_facilitator_pages(client, c, groep):
    sam = UserFactory(roepnaam="Sam", mfa=True)  # facilitators need two-step verification
    LidmaatschapFactory(groep=groep, user=sam, rol=Lidmaatschap.Rol.DEELNEMER)
    cursus = GroepFactory(aanbod=AanbodFactory(soort="cursus"))
    geweest = BijeenkomstFactory(groep=cursus, begint_om=timezone.now() - datetime.timedelta(2))
    assert start(c, sam, soort="cofacilitator", groep=cursus.pk).status_code == 302
    rol = Vrijwilligersrol.objects.get(soort=Soort.COFACILITATOR)
    assert Lidmaatschap.objects.facilitators().filter(user=sam, groep=cursus).exists()

    client.force_login(sam)
    paginas = [
        reverse("aanwezigheid", args=[geweest.pk]),
        reverse("sessielog", args=[geweest.pk]),
    ]
    for url in paginas:
        assert client.get(url).status_code == 200, url

    beeindig_rol(rol)
    for url in paginas:
        assert client.get(url).status_code == 403, url
    # Someone who never helped in the group still learns nothing about it.
    client.force_login(UserFactory())
    assert client.get(paginas[0]).status_code == 404


def test_mijn_rollen_lists_roles_in_plain_words_and_the_menu_links_only_then(client, deelnemer):
    client.force_login(deelnemer)
    home = client.get(reverse("mijn_overzicht")).content.decode()
    assert reverse("mijn_rollen") not in home
    start_rol(deelnemer, Soort.GASTHEER)
    oud = start_rol(deelnemer, Soort.BUDDY, begint_op=VANDAAG() - datetime.timedelta(days=60))
    beeindig_rol(oud, VANDAAG() - datetime.timedelta(days=10))
    home = client.get(reverse("mijn_overzicht")).content.decode()
    assert reverse("mijn_rollen") in home
    pagina = client.get(reverse("mijn_rollen"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You count visitors there" in pagina
    assert "every walk-in" in pagina
    assert "<details>" in pagina
    assert "Ended role (1)" in pagina


def test_the_volunteers_list_does_not_grow_in_queries(c, django_assert_num_queries):
    def vrijwilligers(n):
        for _ in range(n):
            mens = UserFactory()
            start_rol(mens, Soort.BUDDY, groep=GroepFactory())
            beeindig_rol(start_rol(mens, Soort.GASTHEER), VANDAAG())

    vrijwilligers(1)
    with CaptureQueriesContext(connection) as klein:
        assert c.get(reverse("vrijwilligers")).status_code == 200
    vrijwilligers(3)
    with django_assert_num_queries(len(klein.captured_queries)):
        pagina = c.get(reverse("vrijwilligers"))
    assert len(pagina.context["vrijwilligers"]) == 4
