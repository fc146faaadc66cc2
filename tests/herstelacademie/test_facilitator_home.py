"""The facilitator home: what needs doing, unread shared reflections, next intervisie.

The page's query count does not grow with groups, meetings or reflections.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.aanbod import meld_af
from groepen.aanwezigheid import sla_register_op
from groepen.models import (
    Aanwezigheid,
    Intervisiebijeenkomst,
    Intervisiegroep,
    IntervisieLid,
    Lidmaatschap,
    Sessielog,
)
from herstelmodel.models import Leesmoment, Reflectie, Zichtbaarheid
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("facilitator_home")


def dagen_geleden(n, **extra):
    return timezone.now() - datetime.timedelta(days=n, **extra)


def te_doen(client):
    return {b.pk: b for b in client.get(HOME).context["te_doen"]}


def reflectie(auteur, groep, zichtbaarheid=Zichtbaarheid.FACILITATORS, **extra):
    return Reflectie.objects.create(
        auteur=auteur,
        groep=groep,
        stap=2,
        tekst="Ik herkende mezelf",
        zichtbaarheid=zichtbaarheid,
        gedeeld_op=timezone.now(),
        **extra,
    )


# --- To do -----------------------------------------------------------------------------


def test_past_meeting_without_register_and_log_is_a_to_do_with_both_links(
    client, groep, facilitator, deelnemer
):
    b = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(1))
    client.force_login(facilitator)
    response = client.get(HOME)
    (item,) = response.context["te_doen"]
    assert item == b
    assert item.register_open
    assert item.log_open
    assert not item.vandaag
    html = response.content.decode()
    assert reverse("aanwezigheid", kwargs={"pk": b.pk}) in html
    assert reverse("sessielog", kwargs={"pk": b.pk}) in html


def test_to_do_disappears_step_by_step_when_done(client, groep, facilitator, deelnemer):
    b = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(2))
    client.force_login(facilitator)

    client.post(
        reverse("aanwezigheid", kwargs={"pk": b.pk}), {f"deelnemer_{deelnemer.pk}": "aanwezig"}
    )
    assert Aanwezigheid.objects.filter(bijeenkomst=b).exists()
    item = te_doen(client)[b.pk]
    assert not item.register_open
    assert item.log_open
    html = client.get(HOME).content.decode()
    assert reverse("aanwezigheid", kwargs={"pk": b.pk}) not in html.split('id="kop-week"')[0]

    client.post(reverse("sessielog", kwargs={"pk": b.pk}), {"sfeer": "Rustig", "gezien": ""})
    assert te_doen(client) == {}
    assert 'class="empty"' in client.get(HOME).content.decode()


def test_log_without_register_keeps_the_attendance_to_do(client, groep, facilitator, deelnemer):
    b = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(3))
    Sessielog.objects.create(bijeenkomst=b, sfeer="Goed")
    client.force_login(facilitator)
    item = te_doen(client)[b.pk]
    assert item.register_open
    assert not item.log_open


def test_advance_absence_notice_does_not_count_as_a_filled_in_register(
    client, groep, facilitator, deelnemer
):
    b = BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(hours=1))
    meld_af(deelnemer, b)
    # The meeting has taken place since.
    Aanwezigheid.objects.filter(bijeenkomst=b).update(bijgewerkt_op=dagen_geleden(2))
    b.begint_om, b.eindigt_om = dagen_geleden(1), dagen_geleden(1) + datetime.timedelta(hours=2)
    b.save()
    client.force_login(facilitator)
    assert te_doen(client)[b.pk].register_open

    # Saving the register with everyone "let us know" does count.
    sla_register_op(b, {deelnemer.pk: Aanwezigheid.Status.AFGEMELD})
    assert not te_doen(client)[b.pk].register_open


def test_group_without_participants_needs_only_a_log(client, groep, facilitator):
    b = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(1))
    client.force_login(facilitator)
    item = te_doen(client)[b.pk]
    assert not item.register_open
    assert item.log_open


def test_what_is_not_a_to_do(client, groep, facilitator, deelnemer):
    BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(15))  # too long ago
    BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(hours=2))
    geannuleerd = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(1))
    geannuleerd.geannuleerd = True
    geannuleerd.save()
    inloop = GroepFactory(aanbod=AanbodFactory(soort="inloop"))
    LidmaatschapFactory(groep=inloop, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    BijeenkomstFactory(groep=inloop, begint_om=dagen_geleden(1))
    andere = GroepFactory()
    LidmaatschapFactory(groep=andere, rol=Lidmaatschap.Rol.DEELNEMER)
    BijeenkomstFactory(groep=andere, begint_om=dagen_geleden(1))
    # A group where this person takes part, not facilitates.
    als_deelnemer = GroepFactory()
    LidmaatschapFactory(groep=als_deelnemer, user=facilitator, rol=Lidmaatschap.Rol.DEELNEMER)
    BijeenkomstFactory(groep=als_deelnemer, begint_om=dagen_geleden(1))
    client.force_login(facilitator)
    assert te_doen(client) == {}


def test_meeting_of_today_shows_as_today_once_started(client, groep, facilitator):
    nu = timezone.localtime()
    begin = max(nu - datetime.timedelta(minutes=30), nu.replace(hour=0, minute=0, second=1))
    b = BijeenkomstFactory(groep=groep, begint_om=begin)
    client.force_login(facilitator)
    assert te_doen(client)[b.pk].vandaag


def test_co_facilitators_log_clears_the_to_do_for_both(client, groep, facilitator):
    b = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(1))
    co = UserFactory(mfa=True)
    LidmaatschapFactory(groep=groep, user=co, rol=Lidmaatschap.Rol.FACILITATOR)
    Sessielog.objects.create(bijeenkomst=b, sfeer="Goed", geschreven_door=co)
    client.force_login(facilitator)
    assert te_doen(client) == {}


# --- Unread shared reflections ------------------------------------------------------------


def test_unread_shared_reflections_per_group(client, groep, facilitator, deelnemer):
    tweede = UserFactory()
    LidmaatschapFactory(groep=groep, user=tweede)
    reflectie(deelnemer, groep)
    reflectie(tweede, groep, Zichtbaarheid.GROEP)
    reflectie(deelnemer, groep, Zichtbaarheid.ALLEEN_IK)  # private: never counted
    gelezen = reflectie(tweede, groep)
    Leesmoment.objects.create(reflectie=gelezen, lezer=facilitator)
    # Another group's shared entry does not count here.
    andere = GroepFactory()
    schrijver = LidmaatschapFactory(groep=andere).user
    reflectie(schrijver, andere)

    client.force_login(facilitator)
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["ongelezen"] == [(groep, 2)]
    html = response.content.decode()
    assert reverse("gedeelde_reflecties", kwargs={"pk": groep.pk}) in html
    assert "2 new reflections to read" in html
    assert "Ik herkende mezelf" not in html

    # Changed after it was read: new again.
    Reflectie.objects.filter(pk=gelezen.pk).update(
        gewijzigd_op=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert client.get(HOME).context["ongelezen"] == [(groep, 3)]


def test_opening_the_shared_list_entry_marks_it_read(client, groep, facilitator, deelnemer):
    r = reflectie(deelnemer, groep)
    client.force_login(facilitator)
    assert client.get(HOME).context["ongelezen"] == [(groep, 1)]
    client.get(reverse("reflectie_detail", kwargs={"pk": r.pk}))
    assert client.get(HOME).context["ongelezen"] == []


def test_entries_of_someone_who_left_are_not_counted(client, groep, facilitator, deelnemer):
    reflectie(deelnemer, groep)
    Lidmaatschap.objects.filter(user=deelnemer).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    client.force_login(facilitator)
    assert client.get(HOME).context["ongelezen"] == []


# --- Next intervisie --------------------------------------------------------------------


def test_next_intervisie_of_an_active_membership(client, facilitator):
    groep = Intervisiegroep.objects.create(naam="Intervisie Oost")
    lid = IntervisieLid.objects.create(groep=groep, user=facilitator)
    Intervisiebijeenkomst.objects.create(groep=groep, begint_om=dagen_geleden(3), methode="eigen")
    later = Intervisiebijeenkomst.objects.create(
        groep=groep, begint_om=timezone.now() + datetime.timedelta(days=20), methode="eigen"
    )
    eerst = Intervisiebijeenkomst.objects.create(
        groep=groep, begint_om=timezone.now() + datetime.timedelta(days=6), methode="balint"
    )
    niet_mijn = Intervisiegroep.objects.create(naam="Andere intervisie")
    Intervisiebijeenkomst.objects.create(
        groep=niet_mijn, begint_om=timezone.now() + datetime.timedelta(days=1), methode="eigen"
    )
    client.force_login(facilitator)
    response = client.get(HOME)
    assert response.context["volgende_intervisie"] == eerst
    assert later != eerst
    assert f"/intervisie/{groep.pk}/" in response.content.decode()

    lid.actief = False
    lid.save()
    assert client.get(HOME).context["volgende_intervisie"] is None


# --- Queries ----------------------------------------------------------------------------


def vul(facilitator, groepen):
    """Groups with participants, meetings of the last weeks and this week, some done and
    some not, shared and read reflections, and intervisie meetings."""
    for _ in range(groepen):
        groep = GroepFactory()
        LidmaatschapFactory(groep=groep, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
        leden = [LidmaatschapFactory(groep=groep).user for _ in range(3)]
        for dag in range(1, 12, 2):
            b = BijeenkomstFactory(groep=groep, begint_om=dagen_geleden(dag))
            if dag % 3 == 0:
                Sessielog.objects.create(bijeenkomst=b, sfeer="Goed")
        BijeenkomstFactory(groep=groep)
        for i, lid in enumerate(leden):
            r = reflectie(lid, groep)
            reflectie(lid, groep, Zichtbaarheid.GROEP)
            if i == 0:
                Leesmoment.objects.create(reflectie=r, lezer=facilitator)
    intervisie = Intervisiegroep.objects.create(naam=f"Intervisie {groepen}")
    IntervisieLid.objects.create(groep=intervisie, user=facilitator)
    for dag in range(1, 4):
        Intervisiebijeenkomst.objects.create(
            groep=intervisie,
            begint_om=timezone.now() + datetime.timedelta(days=dag),
            methode="eigen",
        )


def test_home_query_count_does_not_grow(client, django_assert_num_queries):
    user = UserFactory(mfa=True)
    vul(user, 1)
    client.force_login(user)
    with CaptureQueriesContext(connection) as klein:
        response = client.get(HOME)
    assert response.context["te_doen"]
    vul(user, 3)
    with django_assert_num_queries(len(klein)):
        response = client.get(HOME)
    assert response.status_code == 200
    assert len(response.context["groepen"]) == 4
    assert len(response.context["te_doen"]) > 4
    assert len(response.context["ongelezen"]) == 4
