"""The two pages: a person's own trail in plain words, and the coordinator's overview
with filters. Neither ever shows what anyone wrote."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent
from herstelmodel.models import Leesmoment
from nazorg import moderatie
from nazorg.models import Bericht, Draad, Moderatiezaak, Ruimte
from tests.factories import UserFactory

from .conftest import CANARY

pytestmark = pytest.mark.django_db
Soort = AuditEvent.Soort
MIJN = reverse("mijn_logboek")
OVERZICHT = reverse("audit_overzicht")


def tekst(response):
    return response.content.decode()


def vul(persoon, n):
    AuditEvent.objects.bulk_create(
        [AuditEvent(soort=Soort.LOGIN, actor=persoon, betreft=persoon) for _ in range(n)]
    )


# --- My activity log ---------------------------------------------------------------------------


def test_own_trail_shows_own_events_only(client, deelnemer, outsider):
    record(Soort.EXPORT_EIGEN, actor=deelnemer, betreft=deelnemer)
    record(Soort.WACHTWOORD, actor=outsider, betreft=outsider, manier="gewijzigd")
    client.force_login(deelnemer)
    response = client.get(MIJN)
    assert response.status_code == 200
    zinnen = [r.tekst for r in response.context["regels"]]
    # force_login is a login too: newest first.
    assert zinnen == ["You logged in.", "Your data were downloaded."]
    assert "Your password was changed." not in tekst(response)
    assert "never holds what you wrote" in tekst(response)


def test_author_sees_who_read_with_a_link_the_reader_without(
    client, deelnemer, facilitator, gedeelde_reflectie
):
    Leesmoment.objects.create(reflectie=gedeelde_reflectie, lezer=facilitator)
    client.force_login(deelnemer)
    [regel] = [r for r in client.get(MIJN).context["regels"] if "read" in r.tekst]
    datum = timezone.localtime(gedeelde_reflectie.aangemaakt_op)
    assert regel.tekst.startswith("Ruben (facilitator) read your shared reflection of ")
    assert str(datum.year) in regel.tekst
    assert regel.link == reverse("reflectie_detail", kwargs={"pk": gedeelde_reflectie.pk})

    client.force_login(facilitator)
    response = client.get(MIJN)
    [regel] = [r for r in response.context["regels"] if "read" in r.tekst]
    assert regel.tekst == "You read a reflection Sam shared."
    assert regel.link == ""
    assert CANARY not in tekst(response)


def test_a_deleted_reflection_is_still_in_the_trail_without_a_link(
    client, deelnemer, facilitator, gedeelde_reflectie
):
    Leesmoment.objects.create(reflectie=gedeelde_reflectie, lezer=facilitator)
    gedeelde_reflectie.delete()
    client.force_login(deelnemer)
    [regel] = [r for r in client.get(MIJN).context["regels"] if "read" in r.tekst]
    assert regel.tekst == "Ruben (facilitator) read a reflection you shared earlier."
    assert regel.link == ""


def test_role_change_in_plain_words_for_both_sides(client, coordinator, groep):
    nieuw = UserFactory(roepnaam="Noor", mfa=True)
    client.force_login(coordinator)
    client.post(
        reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk}), {"email": nieuw.email}
    )
    zinnen = [r.tekst for r in client.get(MIJN).context["regels"]]
    assert f"You changed a role: Noor is now facilitator of {groep.naam}." in zinnen

    client.force_login(nieuw)
    regels = client.get(MIJN).context["regels"]
    [regel] = [r for r in regels if "role" in r.tekst]
    assert regel.tekst == f"Your role changed: you are now facilitator of {groep.naam}."
    assert regel.door == "By Inge"


def test_moderation_names_no_facilitator_to_the_writer(client, groep, deelnemer, facilitator):
    ruimte = Ruimte.objects.create(groep=groep, naam="Cohort")
    draad = Draad.objects.create(ruimte=ruimte, titel="Draad", auteur=deelnemer)
    bericht = Bericht.objects.create(draad=draad, auteur=deelnemer, tekst=CANARY)
    zaak, _ = moderatie.meld(bericht, UserFactory(), "")
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, "Niet hier")
    client.force_login(deelnemer)
    response = client.get(MIJN)
    assert "A facilitator hid one of your posts in the community." in tekst(response)
    assert "Ruben" not in tekst(response)


def test_own_trail_is_paginated_with_constant_queries(
    client, deelnemer, facilitator, groep, gedeelde_reflectie, django_assert_num_queries
):
    def vul_met_alles(n):
        # Every kind that needs a lookup (group names, reflection dates) on page one.
        vul(deelnemer, n)
        record(Soort.ROL, betreft=deelnemer, rol="vrijwilliger", aan=True, groep=groep.pk)
        Leesmoment.objects.create(reflectie=gedeelde_reflectie, lezer=UserFactory())

    client.force_login(deelnemer)
    vul_met_alles(3)
    client.get(MIJN)  # warm up
    with CaptureQueriesContext(connection) as klein:
        assert client.get(MIJN).status_code == 200
    vul_met_alles(120)
    with django_assert_num_queries(len(klein)):
        response = client.get(MIJN)
    assert len(response.context["regels"]) == 50
    assert response.context["pagina"].paginator.num_pages == 3
    totaal = AuditEvent.objects.over(deelnemer).count()
    laatste = client.get(MIJN, {"pagina": 3})
    assert len(laatste.context["regels"]) == totaal - 100
    assert client.get(MIJN, {"pagina": "onzin"}).status_code == 200


def test_moderation_in_words_for_the_facilitator_and_with_labels_in_the_overview(
    client, groep, deelnemer, facilitator, coordinator
):
    # The sentence and the labels come from nazorg through audit's registry.
    ruimte = Ruimte.objects.create(groep=groep, naam="Cohort")
    draad = Draad.objects.create(ruimte=ruimte, titel="Draad", auteur=deelnemer)
    bericht = Bericht.objects.create(draad=draad, auteur=deelnemer, tekst=CANARY)
    zaak, _ = moderatie.meld(bericht, UserFactory(), "")
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.VERBORGEN, "Niet hier")
    client.force_login(facilitator)
    [regel] = [r for r in client.get(MIJN).context["regels"] if "report" in r.tekst]
    assert (regel.tekst, regel.door) == ("You decided on a report in the community: hidden.", "")

    client.force_login(coordinator)
    html = tekst(client.get(OVERZICHT, {"soort": Soort.MODERATIE}))
    assert f"case: {zaak.pk} · post: {bericht.pk} · decision: verborgen" in html
    assert CANARY not in html


# --- The coordinator's overview ------------------------------------------------------------------


def test_overview_shows_everyone_but_no_content(
    client, coordinator, deelnemer, facilitator, gedeelde_reflectie
):
    Leesmoment.objects.create(reflectie=gedeelde_reflectie, lezer=facilitator)
    client.force_login(coordinator)
    response = client.get(OVERZICHT)
    assert response.status_code == 200
    html = tekst(response)
    assert CANARY not in html
    assert "Shared reflection read" in html
    assert f"reflection: {gedeelde_reflectie.pk}" in html
    # Ids are plain numbers: no link leads into anyone's words.
    assert reverse("reflectie_detail", kwargs={"pk": gedeelde_reflectie.pk}) not in html
    assert "Sam" in html
    assert "Ruben" in html


def test_filter_by_kind_period_and_person(client, coordinator, deelnemer, outsider):
    record(Soort.EXPORT_EIGEN, actor=deelnemer, betreft=deelnemer)
    oud = record(Soort.EXPORT_EIGEN, actor=outsider, betreft=outsider)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                soort=Soort.EXPORT_EIGEN,
                actor=outsider,
                betreft=outsider,
                tijd=timezone.now() - datetime.timedelta(days=40),
            )
        ]
    )
    client.force_login(coordinator)

    def getoond(**params):
        response = client.get(OVERZICHT, params)
        assert response.status_code == 200
        return [e.pk for e, _ in response.context["rijen"]]

    alle_exports = getoond(soort=Soort.EXPORT_EIGEN)
    assert len(alle_exports) == 3
    vandaag = timezone.localdate().isoformat()
    assert len(getoond(soort=Soort.EXPORT_EIGEN, van=vandaag, tot=vandaag)) == 2
    assert getoond(soort=Soort.EXPORT_EIGEN, email=outsider.email.upper(), van=vandaag) == [oud.pk]
    assert all(
        deelnemer in (e.actor, e.betreft)
        for e, _ in client.get(OVERZICHT, {"email": deelnemer.email}).context["rijen"]
    )


@pytest.mark.parametrize(
    ("params", "veld", "bericht"),
    [
        ({"van": "2026-03-10", "tot": "2026-03-01"}, "tot", "before the start date"),
        ({"van": "31-31-2026"}, "van", "Type a date"),
        ({"email": "niemand@example.org"}, "email", "don't know anyone"),
        ({"email": "geen-adres"}, "email", "whole email address"),
        ({"soort": "iets_anders"}, "soort", "valid choice"),
    ],
)
def test_bad_filter_shows_a_message_and_keeps_what_was_typed(
    client, coordinator, params, veld, bericht
):
    client.force_login(coordinator)
    response = client.get(OVERZICHT, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert bericht in " ".join(form.errors[veld])
    assert response.context["rijen"] is None
    for waarde in params.values():
        assert f'value="{waarde}"' in tekst(response) or waarde in tekst(response)


def test_overview_is_paginated_with_constant_queries(
    client, coordinator, deelnemer, django_assert_num_queries
):
    client.force_login(coordinator)
    vul(deelnemer, 3)
    client.get(OVERZICHT)
    with CaptureQueriesContext(connection) as klein:
        client.get(OVERZICHT, {"soort": Soort.LOGIN})
    vul(UserFactory(), 150)
    with django_assert_num_queries(len(klein)):
        response = client.get(OVERZICHT, {"soort": Soort.LOGIN})
    assert len(response.context["rijen"]) == 50
    volgende = client.get(OVERZICHT, {"soort": Soort.LOGIN, "pagina": 2})
    assert "soort=login" in tekst(volgende)  # page links keep the filter


def test_only_coordinators_see_the_overview(client, deelnemer, facilitator):
    for persoon in (deelnemer, facilitator):
        client.force_login(persoon)
        assert client.get(OVERZICHT).status_code == 403
