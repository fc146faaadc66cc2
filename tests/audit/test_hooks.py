"""Each hook writes the right event, with ids and short codes only."""

import json

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from audit.models import AuditEvent
from groepen.models import Lidmaatschap
from herstelmodel.models import Leesmoment
from nazorg import moderatie
from nazorg.models import Bericht, Draad, Moderatiezaak, Ruimte
from tests.factories import PASSWORD, TOTP_SECRET, LidmaatschapFactory, UserFactory

from .conftest import CANARY, events

pytestmark = pytest.mark.django_db
Soort = AuditEvent.Soort


def login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def alles_als_tekst():
    return json.dumps(list(AuditEvent.objects.values("soort", "details")), default=str)


# --- Logging in and out ------------------------------------------------------------------


def test_login_is_recorded(client, deelnemer):
    response = login(client, deelnemer.email)
    assert response.status_code == 302
    [event] = events(soort=Soort.LOGIN)
    assert event.actor == deelnemer
    assert event.betreft == deelnemer
    assert event.details == {}


def test_staff_login_is_recorded_only_after_the_second_step(client, facilitator):
    login(client, facilitator.email)
    assert events(soort=Soort.LOGIN) == []
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    [mislukt] = events(soort=Soort.LOGIN_MISLUKT)
    assert (mislukt.betreft, mislukt.details) == (facilitator, {"stap": "tweestaps"})
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(TOTP_SECRET).now()})
    [event] = events(soort=Soort.LOGIN)
    assert event.betreft == facilitator


def test_wrong_password_is_recorded_about_the_account_without_what_was_typed(client, deelnemer):
    response = login(client, deelnemer.email.upper(), password=f"fout-{CANARY}")
    assert response.status_code == 200
    [event] = events(soort=Soort.LOGIN_MISLUKT)
    assert event.betreft == deelnemer
    assert event.actor is None
    assert event.details == {"stap": "wachtwoord"}
    assert CANARY not in alles_als_tekst()
    assert deelnemer.email not in alles_als_tekst()


def test_unknown_email_leaves_no_row(client, deelnemer):
    login(client, f"{CANARY}@example.org")
    assert not AuditEvent.objects.exists()


def test_logout_is_recorded(client, deelnemer):
    client.force_login(deelnemer)
    client.post(reverse("account_logout"))
    [event] = events(soort=Soort.LOGOUT)
    assert (event.actor, event.betreft) == (deelnemer, deelnemer)


# --- Password and two-step verification ----------------------------------------------------


def test_password_change_is_recorded(client, deelnemer):
    login(client, deelnemer.email)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "nieuw-Wachtwoord-913",
            "password2": "nieuw-Wachtwoord-913",
        },
    )
    assert response.status_code == 302
    [event] = events(soort=Soort.WACHTWOORD)
    assert (event.actor, event.betreft, event.details) == (
        deelnemer,
        deelnemer,
        {"manier": "gewijzigd"},
    )


def test_switching_two_step_verification_on_and_off_is_recorded(
    client, deelnemer, django_capture_on_commit_callbacks
):
    login(client, deelnemer.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    form = client.get(reverse("mfa_activate_totp")).context["form"]
    code = pyotp.TOTP(form.secret).now()
    # allauth sends its signals once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=deelnemer, type="recovery_codes").exists()
    # One event for the authenticator app; its recovery codes come with it.
    [aan] = events(soort=Soort.MFA_AAN)
    assert (aan.betreft, aan.details) == (deelnemer, {"type": "totp"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_generate_recovery_codes"))
    [codes] = events(soort=Soort.MFA_CODES)
    assert codes.betreft == deelnemer

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    [uit] = events(soort=Soort.MFA_UIT)
    assert (uit.actor, uit.betreft, uit.details) == (deelnemer, deelnemer, {"type": "totp"})


# --- Roles -----------------------------------------------------------------------------------


def test_coordinator_role_change_outside_a_request_has_no_actor(deelnemer):
    deelnemer.is_coordinator = True
    deelnemer.save()
    deelnemer.save()  # saving again without a change adds nothing
    [event] = events(soort=Soort.ROL)
    assert event.actor is None
    assert (event.betreft, event.details) == (deelnemer, {"rol": "coordinator", "aan": True})


def test_role_change_in_the_admin_names_who_did_it(client, deelnemer):
    beheerder = UserFactory(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:deelnemers_user_change", args=[deelnemer.pk]),
        {
            "email": deelnemer.email,
            "roepnaam": deelnemer.roepnaam,
            "is_coordinator": "on",
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": deelnemer.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": deelnemer.date_joined.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    [event] = events(soort=Soort.ROL, betreft=deelnemer)
    assert event.actor == beheerder
    assert event.details == {"rol": "coordinator", "aan": True}


def test_granting_and_taking_the_named_export_permission_is_recorded(coordinator, client):
    from django.contrib.auth.models import Permission

    recht = Permission.objects.get(content_type__app_label="impact", codename="export_named")
    coordinator.user_permissions.add(recht)
    coordinator.user_permissions.remove(recht)
    gebeurd = [
        e.details
        for e in events(soort=Soort.ROL, betreft=coordinator)
        if e.details["rol"] == "export_named"
    ]
    assert gebeurd == [
        {"rol": "export_named", "aan": True},
        {"rol": "export_named", "aan": False},
    ]
    client.force_login(coordinator)
    html = client.get(reverse("mijn_logboek")).content.decode()
    assert "export lists with names" in html or "lijsten met namen" in html


def test_a_new_superuser_is_recorded(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    rollen = {e.details["rol"] for e in events(soort=Soort.ROL, betreft=user)}
    assert rollen == {"beheerder", "superuser"}


def test_coordinator_adding_and_removing_a_facilitator_is_recorded(client, coordinator, groep):
    nieuw = UserFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk}),
        {"email": nieuw.email, "vrijwilliger": "on"},
    )
    assert response.status_code == 302
    erbij = events(soort=Soort.ROL, betreft=nieuw)
    assert {(e.details["rol"], e.details["aan"]) for e in erbij} == {
        ("facilitator", True),
        ("vrijwilliger", True),
    }
    assert all(e.actor == coordinator and e.details["groep"] == groep.pk for e in erbij)

    lid = Lidmaatschap.objects.get(groep=groep, user=nieuw)
    client.post(reverse("beheer_facilitator_verwijderen", kwargs={"pk": groep.pk, "lid": lid.pk}))
    weg = events(soort=Soort.ROL, betreft=nieuw)[2:]
    assert [(e.actor, e.details["rol"], e.details["aan"]) for e in weg] == [
        (coordinator, "facilitator", False)
    ]


def test_participant_enrolments_are_not_role_changes(groep):
    lid = LidmaatschapFactory(groep=groep, status=Lidmaatschap.Status.WACHTLIJST)
    lid.status = Lidmaatschap.Status.ACTIEF
    lid.save()
    assert events(soort=Soort.ROL) == []


def test_deleting_a_facilitator_membership_is_recorded(facilitator, groep):
    Lidmaatschap.objects.filter(user=facilitator, groep=groep).delete()
    laatste = events(soort=Soort.ROL, betreft=facilitator)[-1]
    assert laatste.details == {"rol": "facilitator", "aan": False, "groep": groep.pk}


# --- Reads of shared reflections ------------------------------------------------------------


def test_first_read_of_a_shared_reflection_is_recorded_once(
    client, facilitator, deelnemer, groep, gedeelde_reflectie
):
    client.force_login(facilitator)
    url = reverse("reflectie_detail", kwargs={"pk": gedeelde_reflectie.pk})
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert Leesmoment.objects.filter(reflectie=gedeelde_reflectie).count() == 2
    [event] = events(soort=Soort.REFLECTIE_GELEZEN)
    assert (event.actor, event.betreft) == (facilitator, deelnemer)
    assert event.details == {
        "reflectie": gedeelde_reflectie.pk,
        "groep": groep.pk,
        "als": "facilitator",
    }
    assert CANARY not in alles_als_tekst()


def test_the_author_reading_their_own_reflection_is_not_recorded(
    client, deelnemer, gedeelde_reflectie
):
    client.force_login(deelnemer)
    client.get(reverse("reflectie_detail", kwargs={"pk": gedeelde_reflectie.pk}))
    assert events(soort=Soort.REFLECTIE_GELEZEN) == []


# --- Moderation -------------------------------------------------------------------------------


def test_moderation_decision_is_recorded_without_the_reason(groep, deelnemer, facilitator):
    ruimte = Ruimte.objects.create(groep=groep, naam="Cohort")
    draad = Draad.objects.create(ruimte=ruimte, titel="Een draad", auteur=deelnemer)
    bericht = Bericht.objects.create(draad=draad, auteur=deelnemer, tekst=f"Post {CANARY}")
    zaak, _ = moderatie.meld(bericht, UserFactory(), f"melding {CANARY}")
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, f"reden {CANARY}")
    [event] = events(soort=Soort.MODERATIE)
    assert (event.actor, event.betreft) == (facilitator, deelnemer)
    assert event.details == {"zaak": zaak.pk, "bericht": bericht.pk, "besluit": "verborgen"}
    assert CANARY not in alles_als_tekst()
