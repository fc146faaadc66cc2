"""The nazit invitation is part of taking part: enrolment says so in one sentence, with a
clear "no invitation" box whose choice nazorg keeps for that group only
(groepen.signals.nazit_keuze -> nazorg/uitnodiging.py), and every page and mail after it
says how to stop."""

import datetime

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from groepen import inschrijving
from groepen.models import Lidmaatschap
from nazorg.models import Herinnering, NazorgVoorkeur
from nazorg.planning import plan_alle
from tests.factories import AanbodFactory, BijeenkomstFactory, GroepFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Herinnering.Status
ZIN_EINDE = "After the last meeting, we invite you to a nazit"
ZIN_VERTREK = "When you leave this group, we invite you to a nazit"
VAKJE = 'name="geen_nazit"'


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"


def cursus(**aanbod):
    return GroepFactory(aanbod=AanbodFactory(soort="cursus", **aanbod))


def aanmelden(client, groep, **data):
    return client.post(reverse("aanmelden", args=[groep.pk]), {"motivatie": "", **data})


def test_the_enrolment_page_tells_about_the_nazit_with_a_box_to_say_no(client):
    groep = cursus()
    client.force_login(UserFactory())
    html = client.get(reverse("aanmelden", args=[groep.pk])).content.decode()
    assert ZIN_EINDE in html
    assert "by email and in the app" in html
    assert VAKJE in html
    assert "I don&#x27;t want an invitation to the nazit" in html
    assert "checked" not in html.split(VAKJE)[1].split(">")[0]  # unticked: part of taking part


def test_an_ongoing_recovery_group_says_the_invitation_comes_when_you_leave(client):
    groep = GroepFactory(aanbod=AanbodFactory(soort="herstelgroep"), einddatum=None)
    client.force_login(UserFactory())
    html = client.get(reverse("aanmelden", args=[groep.pk])).content.decode()
    assert ZIN_VERTREK in html
    assert VAKJE in html


def test_an_offer_without_nazit_says_nothing_about_it(client):
    groep = cursus(nazit=False)
    client.force_login(UserFactory())
    html = client.get(reverse("aanmelden", args=[groep.pk])).content.decode()
    assert "nazit" not in html.lower()
    sam = UserFactory()
    client.force_login(sam)
    assert aanmelden(client, groep, geen_nazit="on").status_code == 302
    assert not NazorgVoorkeur.objects.filter(user=sam).exists()


def test_enrolling_without_the_box_keeps_the_defaults_and_says_how_to_stop(client):
    groep = cursus()
    sam = UserFactory()
    client.force_login(sam)
    response = aanmelden(client, groep)
    assert response.status_code == 302
    assert not NazorgVoorkeur.objects.filter(user=sam).exists()
    html = client.get(response.url).content.decode()
    assert ZIN_EINDE in html
    assert "with one click in the invitation" in html
    # "What I signed up for" links to where the invitation can be stopped.
    assert f'href="{reverse("nazorg_voorkeuren")}"' in html
    (bericht,) = django_mail.outbox
    assert ZIN_EINDE in bericht.body
    assert reverse("nazorg_voorkeuren") in bericht.body
    assert reverse("nazorg_voorkeuren") in bericht.alternatives[0][0]


def test_saying_no_at_enrolment_stops_the_reminders_of_that_group_only(client):
    groep, andere = cursus(), cursus()
    sam = UserFactory()
    client.force_login(sam)
    response = aanmelden(client, groep, geen_nazit="on")
    assert response.status_code == 302
    assert "You chose not to get an invitation to the nazit." in (
        client.get(response.url).content.decode()
    )
    assert "You chose not to get an invitation to the nazit." in django_mail.outbox[0].body
    assert aanmelden(client, andere).status_code == 302
    voorkeur = NazorgVoorkeur.objects.get(user=sam)
    assert (voorkeur.groep, voorkeur.gestopt) == (groep, True)

    # Both courses end; the daily job plans them.
    for g in (groep, andere):
        BijeenkomstFactory(groep=g, begint_om=timezone.now() - datetime.timedelta(days=2))
        g.einddatum = timezone.localdate() - datetime.timedelta(days=1)
        g.startdatum = g.einddatum - datetime.timedelta(days=30)
        g.save()
    plan_alle()
    assert set(Herinnering.objects.filter(groep=groep).values_list("status", flat=True)) == {
        S.AFGEMELD
    }
    assert set(Herinnering.objects.filter(groep=andere).values_list("status", flat=True)) == {
        S.GEPLAND
    }


def test_the_choice_can_be_changed_on_the_reminder_page_before_the_group_ends(client):
    groep = cursus()
    sam = UserFactory()
    client.force_login(sam)
    aanmelden(client, groep, geen_nazit="on")
    html = client.get(reverse("nazorg_voorkeuren")).content.decode()
    assert groep.naam in html
    assert "One click is enough to stop." in html
    client.post(reverse("nazorg_voorkeuren"), {"actie": "start", "groep": groep.pk})
    assert not NazorgVoorkeur.objects.get(user=sam, groep=groep).gestopt
    client.post(reverse("nazorg_voorkeuren"), {"actie": "stop", "groep": groep.pk})
    assert NazorgVoorkeur.objects.get(user=sam, groep=groep).gestopt


def test_the_waiting_list_keeps_the_choice_too():
    groep = cursus()
    groep.capaciteit = 1
    groep.save()
    inschrijving.aanmelden(UserFactory(), groep.pk)
    noor = UserFactory()
    assert inschrijving.aanmelden(noor, groep.pk, wil_nazit=False).wachtlijst
    assert NazorgVoorkeur.objects.get(user=noor, groep=groep).gestopt


def test_enrolling_again_without_the_box_is_a_new_choice_but_a_stop_for_all_stays():
    groep = cursus()
    sam, noor = UserFactory(), UserFactory()
    for user in (sam, noor):
        lid = inschrijving.aanmelden(user, groep.pk, wil_nazit=False).lidmaatschap
        inschrijving.uitschrijven(lid.pk)
    NazorgVoorkeur.objects.create(user=noor, groep=None, gestopt=True)
    for user in (sam, noor):
        inschrijving.aanmelden(user, groep.pk)
    assert not NazorgVoorkeur.objects.get(user=sam, groep=groep).gestopt
    assert NazorgVoorkeur.objects.get(user=noor, groep=None).gestopt


def test_a_failing_choice_undoes_the_enrolment(monkeypatch):
    # The choice is stored in the enrolment's transaction: both or neither.
    from nazorg import voorkeuren

    def kapot(user, groep):
        raise RuntimeError("database weg")

    monkeypatch.setattr(voorkeuren, "stop_herinneringen", kapot)
    groep = cursus()
    sam = UserFactory()
    with pytest.raises(RuntimeError):
        inschrijving.aanmelden(sam, groep.pk, wil_nazit=False)
    assert not Lidmaatschap.objects.filter(user=sam).exists()
