"""Session logs: only the group's facilitators write and read them; nothing typed is lost."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from groepen.models import NOTITIE_MAX, Lidmaatschap, Sessielog
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")

pytestmark = pytest.mark.django_db

GEHEIM = "Er was spanning tussen twee mensen bij de koffie"


@pytest.fixture
def geweest(groep):
    return BijeenkomstFactory(groep=groep, begint_om=timezone.now() - datetime.timedelta(days=1))


@pytest.fixture
def co_facilitator(groep):
    user = UserFactory(roepnaam="Mira", mfa=True)
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.FACILITATOR)
    return user


def url(bijeenkomst):
    return reverse("sessielog", kwargs={"pk": bijeenkomst.pk})


def gegevens(**velden):
    return {"sfeer": "", "veiligheid": "", "opvallend": "", "opvolging": "", "gezien": ""} | velden


def test_facilitator_writes_and_co_facilitator_reads_and_edits(
    client, geweest, facilitator, co_facilitator
):
    client.force_login(facilitator)
    assert client.get(url(geweest)).status_code == 200
    response = client.post(url(geweest), gegevens(sfeer=GEHEIM, opvolging="Even bellen"))
    assert response.status_code == 302
    assert response.url == reverse("facilitator_home")
    log = Sessielog.objects.get(bijeenkomst=geweest)
    assert (log.sfeer, log.opvolging) == (GEHEIM, "Even bellen")
    assert log.geschreven_door == log.bijgewerkt_door == facilitator

    client.force_login(co_facilitator)
    response = client.get(url(geweest), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert GEHEIM in html
    assert "Written by Ruben" in html
    form = response.context["form"]
    assert form["sfeer"].value() == GEHEIM
    gezien = form["gezien"].value()
    assert gezien

    response = client.post(url(geweest), gegevens(sfeer=GEHEIM, veiligheid="Goed", gezien=gezien))
    assert response.status_code == 302
    log.refresh_from_db()
    assert log.veiligheid == "Goed"
    assert log.geschreven_door == facilitator
    assert log.bijgewerkt_door == co_facilitator
    html = client.get(url(geweest), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Written by Ruben" in html
    assert "last changed by Mira" in html


@pytest.mark.parametrize("role", ["deelnemer", "coordinator"])
def test_participant_and_coordinator_get_403_and_cannot_write(client, request, geweest, role):
    Sessielog.objects.create(bijeenkomst=geweest, sfeer=GEHEIM)
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(geweest))
    assert response.status_code == 403
    assert GEHEIM not in response.content.decode()
    assert client.post(url(geweest), gegevens(sfeer="Nieuw")).status_code == 403
    assert Sessielog.objects.get(bijeenkomst=geweest).sfeer == GEHEIM


def test_facilitator_of_another_group_gets_404(client, geweest):
    ander = UserFactory(mfa=True)
    LidmaatschapFactory(groep=GroepFactory(), user=ander, rol=Lidmaatschap.Rol.FACILITATOR)
    client.force_login(ander)
    assert client.get(url(geweest)).status_code == 404
    assert client.post(url(geweest), gegevens(sfeer="Nieuw")).status_code == 404
    assert not Sessielog.objects.exists()


def test_facilitator_who_left_the_group_loses_access(client, geweest, facilitator):
    Sessielog.objects.create(bijeenkomst=geweest, sfeer=GEHEIM)
    Lidmaatschap.objects.filter(user=facilitator).update(status=Lidmaatschap.Status.UITGESCHREVEN)
    client.force_login(facilitator)
    assert client.get(url(geweest)).status_code == 404


def test_empty_log_gets_a_clear_message_and_saves_nothing(client, geweest, facilitator):
    client.force_login(facilitator)
    response = client.post(url(geweest), gegevens(sfeer="   "), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "at least one of the four fields" in response.content.decode()
    assert not Sessielog.objects.exists()


def test_too_long_note_keeps_everything_typed(client, geweest, facilitator):
    lang = "woord " * (NOTITIE_MAX // 6 + 10)
    client.force_login(facilitator)
    response = client.post(
        url(geweest), gegevens(sfeer=lang, opvolging="Niet vergeten"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "sfeer" in form.errors
    assert "Everything you wrote is still here" in str(form.errors["sfeer"])
    html = response.content.decode()
    assert lang.strip() in html
    assert "Niet vergeten" in html
    # No maxlength in the page: a browser would silently cut off pasted text.
    assert "maxlength" not in html
    assert not Sessielog.objects.exists()


def test_exactly_the_maximum_is_fine(client, geweest, facilitator):
    client.force_login(facilitator)
    response = client.post(url(geweest), gegevens(opvallend="x" * NOTITIE_MAX))
    assert response.status_code == 302
    assert len(Sessielog.objects.get().opvallend) == NOTITIE_MAX


def test_future_meeting_explains_and_keeps_posted_text(client, groep, facilitator):
    morgen = BijeenkomstFactory(groep=groep, begint_om=timezone.now() + datetime.timedelta(days=1))
    client.force_login(facilitator)
    response = client.get(url(morgen))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert 'class="notice"' in response.content.decode()
    response = client.post(url(morgen), gegevens(sfeer=GEHEIM))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert GEHEIM in response.content.decode()
    assert not Sessielog.objects.exists()


@time_machine.travel(datetime.datetime(2030, 3, 4, 14, 0, tzinfo=AMSTERDAM), tick=False)
def test_meeting_later_today_can_have_a_log(client, groep, facilitator):
    later = timezone.localtime() + datetime.timedelta(hours=5)
    vandaag = BijeenkomstFactory(
        groep=groep, begint_om=later, eindigt_om=later + datetime.timedelta(minutes=1)
    )
    client.force_login(facilitator)
    assert client.post(url(vandaag), gegevens(sfeer="Goed")).status_code == 302


def test_cancelled_meeting_explains_and_keeps_posted_text(client, geweest, facilitator):
    geweest.geannuleerd = True
    geweest.save()
    client.force_login(facilitator)
    response = client.get(url(geweest))
    assert response.status_code == 200
    assert response.context["form"] is None
    response = client.post(url(geweest), gegevens(sfeer=GEHEIM))
    assert response.status_code == 200
    assert GEHEIM in response.content.decode()
    assert not Sessielog.objects.exists()


def test_a_co_facilitators_save_in_between_is_never_overwritten(
    client, geweest, facilitator, co_facilitator
):
    client.force_login(facilitator)
    gezien_ruben = client.get(url(geweest)).context["form"]["gezien"].value()
    client.force_login(co_facilitator)
    assert client.post(url(geweest), gegevens(sfeer="Versie van Mira")).status_code == 302

    client.force_login(facilitator)
    response = client.post(url(geweest), gegevens(sfeer="Versie van Ruben", gezien=gezien_ruben))
    assert response.status_code == 200
    assert Sessielog.objects.get().sfeer == "Versie van Mira"
    html = response.content.decode()
    assert "Versie van Mira" in html
    assert "Versie van Ruben" in html
    form = response.context["form"]
    assert form.non_field_errors()
    # The form now holds the current version: saving again combines on purpose.
    response = client.post(url(geweest), gegevens(sfeer="Samen", gezien=form["gezien"].value()))
    assert response.status_code == 302
    log = Sessielog.objects.get()
    assert log.sfeer == "Samen"
    assert log.bijgewerkt_door == facilitator


def test_previous_follow_up_is_shown_as_a_reminder(client, groep, geweest, facilitator):
    eerder = BijeenkomstFactory(
        groep=groep, begint_om=geweest.begint_om - datetime.timedelta(days=7)
    )
    Sessielog.objects.create(bijeenkomst=eerder, opvolging="Groepsafspraken herhalen")
    client.force_login(facilitator)
    assert "Groepsafspraken herhalen" in client.get(url(geweest)).content.decode()


def test_text_is_encrypted_at_rest_and_kept_out_of_title_and_messages(client, geweest, facilitator):
    client.force_login(facilitator)
    response = client.post(url(geweest), gegevens(veiligheid=GEHEIM), follow=True)
    html = response.content.decode()
    assert GEHEIM not in html  # the home page after saving shows no log text
    assert all(GEHEIM not in str(m) for m in response.context["messages"])
    html = client.get(url(geweest)).content.decode()
    titel = html.split("<title>")[1].split("</title>")[0]
    assert GEHEIM not in titel
    log = Sessielog.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sfeer, veiligheid FROM groepen_sessielog WHERE id = %s", [log.pk])
        sfeer, veiligheid = cursor.fetchone()
    assert sfeer == ""
    assert GEHEIM not in veiligheid
    assert "spanning" not in veiligheid
    assert GEHEIM not in str(log)
