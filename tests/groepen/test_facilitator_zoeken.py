"""Adding a facilitator by searching the academy's facilitators and volunteers, without
JavaScript; the exact email address still works as before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groepen import kandidaten
from groepen.models import Lidmaatschap
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

F, D = Lidmaatschap.Rol.FACILITATOR, Lidmaatschap.Rol.DEELNEMER
UIT = Lidmaatschap.Status.UITGESCHREVEN
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def academie():
    """A group to staff, and the academy's people around it."""
    groep = GroepFactory(naam="WRAP voorjaar")
    elders = GroepFactory()
    mensen = {
        # Facilitated another group once (left since): a candidate.
        "ruben": LidmaatschapFactory(
            groep=elders, rol=F, status=UIT, user__roepnaam="Ruben", user__email="ruben@x.nl"
        ).user,
        # A former participant who became a volunteer: a candidate.
        "rubia": LidmaatschapFactory(
            groep=elders, rol=D, vrijwilliger=True, user__roepnaam="Rubia"
        ).user,
        # Only ever took part: never listed.
        "ruud": LidmaatschapFactory(groep=elders, rol=D, user__roepnaam="Ruud").user,
        # Already facilitates this group: not listed again.
        "rob": LidmaatschapFactory(groep=groep, rol=F, user__roepnaam="Rob").user,
        # A facilitator elsewhere who takes part in this group: cannot be both.
        "ria": LidmaatschapFactory(groep=elders, rol=F, user__roepnaam="Ria").user,
        # An account that was closed.
        "rik": LidmaatschapFactory(groep=elders, rol=F, user__roepnaam="Rik").user,
    }
    LidmaatschapFactory(groep=groep, rol=D, user=mensen["ria"])
    mensen["rik"].is_active = False
    mensen["rik"].save()
    return groep, mensen


def zoek(c, groep, tekst):
    return c.get(reverse("beheer_groep", kwargs={"pk": groep.pk}), {"zoek": tekst}, **NL)


def test_search_lists_facilitators_and_volunteers_only(c, academie):
    groep, mensen = academie

    response = zoek(c, groep, "r")

    assert response.status_code == 200
    gevonden = response.context["kandidaten"]
    assert [p.roepnaam for p in gevonden] == ["Ruben", "Rubia"]
    html = response.content.decode()
    assert "Ruben toevoegen" in html
    assert "Ruud" not in html  # a participant, never shown here
    assert f'name="persoon" value="{mensen["ruud"].pk}"' not in html
    # The volunteer's box comes ticked; the facilitator's not.
    assert f'id="vrijwilliger-{mensen["rubia"].pk}" checked' in html
    assert f'id="vrijwilliger-{mensen["ruben"].pk}">' in html


def test_search_by_email_and_nothing_found(c, academie):
    groep, _mensen = academie
    assert [p.roepnaam for p in zoek(c, groep, " RUBEN@x ").context["kandidaten"]] == ["Ruben"]

    response = zoek(c, groep, "Ruud")
    assert response.context["kandidaten"] == []
    assert "Niemand gevonden tussen de facilitators en vrijwilligers." in response.content.decode()
    # The email form is still there as a way out.
    assert 'name="email"' in response.content.decode()


def test_no_search_no_list(c, academie):
    groep, _mensen = academie
    response = c.get(reverse("beheer_groep", kwargs={"pk": groep.pk}))
    assert response.context["kandidaten"] == []
    assert 'name="zoek" id="id_zoek"' in response.content.decode()


def test_add_from_the_list(c, academie):
    groep, mensen = academie
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk})

    response = c.post(url, {"persoon": mensen["rubia"].pk, "vrijwilliger": "on", "zoek": "r"})

    assert response.status_code == 302
    lid = Lidmaatschap.objects.facilitators().get(groep=groep, user=mensen["rubia"])
    assert lid.vrijwilliger
    # Ruben left a group he facilitated; adding him here gives him a new row in this group.
    c.post(url, {"persoon": mensen["ruben"].pk})
    assert Lidmaatschap.objects.facilitators().filter(groep=groep).count() == 3


@pytest.mark.parametrize("wie", ["ruud", "rob", "ria", "rik", "coordinator", 999999, "x", ""])
def test_only_someone_from_the_list_can_be_added_that_way(c, academie, coordinator, wie):
    groep, mensen = academie
    mensen["coordinator"] = coordinator
    persoon = mensen[wie].pk if wie in mensen else wie
    voor = sorted(Lidmaatschap.objects.filter(groep=groep).values_list("user", "rol", "status"))

    response = c.post(
        reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk}),
        {"persoon": persoon, "zoek": "ru"},
        **NL,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html
    assert "Zoek opnieuw, of voeg de persoon toe met het e-mailadres." in html or (
        "Kies iemand uit de lijst." in html
    )
    assert 'value="ru"' in html  # the search is shown again
    na = sorted(Lidmaatschap.objects.filter(groep=groep).values_list("user", "rol", "status"))
    assert na == voor


def test_adding_by_exact_email_still_works(c, academie):
    groep, _mensen = academie
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": groep.pk})
    nieuw = UserFactory(email="nieuw@example.org")

    assert c.post(url, {"email": "Nieuw@example.org"}).status_code == 302
    assert Lidmaatschap.objects.facilitators().filter(groep=groep, user=nieuw).exists()


@pytest.mark.parametrize("tekst", ["\x00", "%", "_", "<script>alert(1)</script>", "a" * 500])
def test_odd_search_text_is_harmless(c, academie, tekst):
    groep, _mensen = academie
    response = zoek(c, groep, tekst)
    assert response.status_code == 200
    assert response.context["kandidaten"] == []
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert len(response.context["zoek"]) <= kandidaten.MAX_ZOEKTEKST


@pytest.mark.parametrize("rol", ["outsider", "deelnemer", "facilitator"])
def test_only_coordinators_search_or_add(client_for, world, rol):
    client = client_for(rol)
    groep_url = reverse("beheer_groep", kwargs={"pk": world.groep.pk})
    assert client.get(groep_url, {"zoek": "a"}).status_code == 403
    url = reverse("beheer_facilitator_toevoegen", kwargs={"pk": world.groep.pk})
    assert client.post(url, {"persoon": world.facilitator.pk}).status_code == 403


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(reverse("beheer_groep", kwargs={"pk": world.groep.pk}), {"zoek": "a"})
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_many_matches_are_capped_and_cost_one_query(c):
    groep = GroepFactory()
    elders = GroepFactory()
    for i in range(kandidaten.MAX_TREFFERS + 5):
        LidmaatschapFactory(groep=elders, rol=F, user__roepnaam=f"Sam {i:02}")
    url = reverse("beheer_groep", kwargs={"pk": groep.pk})
    c.get(url)
    with CaptureQueriesContext(connection) as zonder:
        c.get(url)
    with CaptureQueriesContext(connection) as met:
        response = c.get(url, {"zoek": "sam"}, **NL)

    assert len(response.context["kandidaten"]) == kandidaten.MAX_TREFFERS
    assert response.context["meer_kandidaten"]
    assert "Er passen meer mensen bij." in response.content.decode()
    assert len(met) == len(zonder) + 1
