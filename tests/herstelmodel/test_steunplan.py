"""Mijn steunplan: making it, bad input, the crisis detector, sharing like a reflection
(with the read log), printing, deleting, and the person's own plan in the help box."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from herstelmodel import steunplan as logica
from herstelmodel.models import Steunplan, SteunplanLezing, Zichtbaarheid
from lib.hulp import HULP_TAG
from nazorg.models import Moderatiezaak
from tests.factories import GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

HULP = "kop-hulp-nu"
LEEG = {s: "" for s in logica.SLEUTELS}
PLAN = LEEG | {
    "goed_voor_mij": "Elke ochtend een rondje met de hond.",
    "signalen": "Ik slaap slecht en zeg afspraken af.",
    "wat_helpt": "Muziek op, douchen, iemand bellen.",
    "mensen": "Mijn zus Anna: 06-12345678",
    "plekken": "De inloop op dinsdag",
}
# How the people to call appear in a page: as written, the number one tap away.
MENSEN_HTML = 'Mijn zus Anna: <a href="tel:0612345678">06-12345678</a>'


@pytest.fixture
def sam(client, deelnemer):
    client.force_login(deelnemer)
    return deelnemer


def maak(client, data=PLAN):
    return client.post(reverse("steunplan_bewerken"), data, follow=True)


def plan_van(user, **velden) -> Steunplan:
    return Steunplan.objects.create(auteur=user, **(PLAN | velden))


# --- Making it ---------------------------------------------------------------------------


def test_empty_state_invites_and_explains(client, sam):
    html = client.get(reverse("steunplan")).content.decode()
    assert "kop-leeg" in html
    assert "steunplan" in html.lower()  # the B1 explanation names it
    assert reverse("steunplan_bewerken") in html
    assert "Stop sharing" not in html
    assert "Stoppen met delen" not in html


def test_make_a_plan_private_and_encrypted(client, sam):
    response = maak(client)
    assert response.redirect_chain[-1][0] == reverse("steunplan")
    html = response.content.decode()
    for tekst in ("Elke ochtend een rondje met de hond.", MENSEN_HTML):
        assert tekst in html
    plan = Steunplan.objects.get(auteur=sam)
    assert plan.zichtbaarheid == Zichtbaarheid.ALLEEN_IK
    assert plan.groep is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT goed_voor_mij, mensen FROM herstelmodel_steunplan")
        for waarde in cursor.fetchone():
            assert "hond" not in waarde
            assert "Anna" not in waarde
    assert HULP not in html


def test_one_plan_per_person_changing_keeps_the_same_row(client, sam):
    maak(client)
    maak(client, PLAN | {"plekken": "Het park"})
    assert Steunplan.objects.filter(auteur=sam).count() == 1
    assert Steunplan.objects.get(auteur=sam).plekken == "Het park"


def test_an_empty_plan_is_refused_with_a_message(client, sam):
    response = client.post(reverse("steunplan_bewerken"), LEEG | {"mensen": "   "})
    assert response.status_code == 400
    assert "form-errors" in response.content.decode()
    assert not Steunplan.objects.exists()


def test_an_empty_post_gets_the_message_too(client, sam):
    response = client.post(reverse("steunplan_bewerken"), {})
    assert response.status_code == 400
    assert "form-errors" in response.content.decode()


def test_a_part_that_is_too_long_comes_back_in_full(client, sam):
    lang = "woord " * 1000 + "EINDE"
    response = client.post(reverse("steunplan_bewerken"), PLAN | {"wat_helpt": lang})
    assert response.status_code == 400
    html = response.content.decode()
    assert "EINDE" in html
    assert "field-error" in html
    assert 'maxlength="' not in html
    assert not Steunplan.objects.exists()


def test_wrong_types_are_no_500(client, sam):
    response = client.post(reverse("steunplan_bewerken"), {"mensen": ["a", "b"], "x": "1"})
    assert response.status_code in (302, 400)


# --- The crisis detector ------------------------------------------------------------------


def test_signal_words_in_the_plan_show_help_nothing_is_blocked(client, sam):
    response = maak(client, PLAN | {"signalen": "Dan krijg ik zelfmoordgedachten."})
    html = response.content.decode()
    assert HULP in html
    assert "0800-0113" in html
    assert Steunplan.objects.get(auteur=sam).signalen == "Dan krijg ik zelfmoordgedachten."
    # On the plan page itself the box points down instead of repeating the plan.
    assert "hulp-steunplan" in html
    assert "steunplan-kort" not in html
    # Nobody else is told.
    assert not Moderatiezaak.objects.exists()


def test_signal_in_any_part_counts(client, sam):
    html = maak(client, PLAN | {"plekken": "Ik zie het niet meer zitten"}).content.decode()
    assert HULP in html


# --- The help box shows the person's own plan ----------------------------------------------


def herkenning(client, notitie):
    return client.post(
        reverse("herkenning_nieuw"), {"soort": "niet_herkend", "notitie": notitie}, follow=True
    )


def test_help_box_shows_own_plan_with_people_to_call(client, sam):
    plan_van(sam)
    html = herkenning(client, "Soms denk ik dat ik er niet meer wil zijn.").content.decode()
    assert HULP in html
    assert "0800-0113" in html
    assert "kop-hulp-steunplan" in html
    assert MENSEN_HTML in html
    assert "Ik slaap slecht en zeg afspraken af." in html


def test_help_box_without_a_plan_invites_gently(client, sam):
    html = herkenning(client, "Soms denk ik dat ik er niet meer wil zijn.").content.decode()
    assert HULP in html
    assert "kop-hulp-steunplan" not in html
    assert f'href="{reverse("steunplan")}"' in html


def test_help_box_on_a_reflection_shows_own_plan(client, world):
    plan_van(world.deelnemer)
    reflectie = world.reflectie_prive
    reflectie.tekst = "Ik heb weer zelfmoordgedachten gehad"
    reflectie.save()
    client.force_login(world.deelnemer)
    html = client.get(reverse("reflectie_detail", args=[reflectie.pk])).content.decode()
    assert HULP in html
    assert MENSEN_HTML in html


def test_a_reader_of_a_shared_reflection_sees_no_help_and_no_plan(client, world):
    plan_van(world.deelnemer)
    plan_van(world.facilitator, mensen="Plan van Ruben")
    reflectie = world.reflectie_facilitators
    reflectie.tekst = "Ik heb weer zelfmoordgedachten gehad"
    reflectie.save()
    client.force_login(world.facilitator)
    html = client.get(reverse("reflectie_detail", args=[reflectie.pk])).content.decode()
    assert HULP not in html
    assert "Mijn zus Anna" not in html
    assert "Plan van Ruben" not in html


def test_the_guidelines_show_the_numbers_but_not_the_plan(client, sam):
    """Not a signal: the community guidelines list the numbers as general information."""
    plan_van(sam)
    html = client.get(reverse("richtlijnen")).content.decode()
    assert "0800-0113" in html
    assert "Mijn zus Anna" not in html
    assert "hulp-steunplan" not in html


def steunplan_queries(queries):
    return [q["sql"] for q in queries if "herstelmodel_steunplan" in q["sql"]]


def test_no_query_for_the_plan_on_a_normal_page(client, sam):
    plan_van(sam)
    for naam in ("mijn_overzicht", "herstelpad", "reflectie_nieuw"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(naam)).status_code == 200
        assert steunplan_queries(ctx.captured_queries) == [], naam


def test_one_query_for_the_plan_when_the_help_box_shows(sam):
    plan_van(sam)
    request = RequestFactory().get("/")
    request.user = sam
    request.resolver_match = None
    bericht = Message(constants.WARNING, "Gaat het even niet?", extra_tags=HULP_TAG)
    with CaptureQueriesContext(connection) as ctx:
        html = render_to_string("_hulp_nu.html", {"message": bericht}, request=request)
    assert len(steunplan_queries(ctx.captured_queries)) == 1
    assert "Mijn zus Anna" in html
    # The same box for someone else shows their own (absent) plan, never Sam's.
    request.user = UserFactory()
    html = render_to_string("_hulp_nu.html", {"message": bericht}, request=request)
    assert "Mijn zus Anna" not in html
    assert "kop-hulp-steunplan" not in html


def test_other_messages_do_not_look_up_the_plan(sam):
    request = RequestFactory().get("/")
    request.user = sam
    gewoon = Message(constants.SUCCESS, "Opgeslagen", extra_tags="")
    with CaptureQueriesContext(connection) as ctx:
        render_to_string("_hulp_nu.html", {"message": gewoon}, request=request)
    assert steunplan_queries(ctx.captured_queries) == []


# --- Sharing, like a reflection ------------------------------------------------------------


def deel(client, zichtbaarheid, groep=""):
    return client.post(reverse("steunplan_delen"), {"zichtbaarheid": zichtbaarheid, "groep": groep})


def test_share_with_facilitators_they_read_it_and_it_is_logged(client, world):
    sam, ruben = world.deelnemer, world.facilitator
    plan = plan_van(sam)
    client.force_login(sam)
    assert deel(client, "facilitators", world.groep.pk).status_code == 302
    plan.refresh_from_db()
    assert plan.zichtbaarheid == "facilitators"
    assert plan.groep == world.groep
    assert plan.gedeeld_op is not None

    client.force_login(ruben)
    lijst = client.get(reverse("gedeelde_steunplannen", args=[world.groep.pk]))
    assert reverse("steunplan_lezen", args=[plan.pk]) in lijst.content.decode()
    html = client.get(reverse("steunplan_lezen", args=[plan.pk])).content.decode()
    assert MENSEN_HTML in html
    assert SteunplanLezing.objects.filter(steunplan=plan, lezer=ruben).count() == 1

    client.force_login(sam)
    eigen = client.get(reverse("steunplan")).content.decode()
    assert "Ruben" in eigen  # Sam sees who read it


def test_shared_with_facilitators_is_not_for_fellow_participants(client, world):
    plan = plan_van(world.deelnemer, groep=world.groep, zichtbaarheid="facilitators")
    medecursist = UserFactory()
    LidmaatschapFactory(groep=world.groep, user=medecursist, rol=Lidmaatschap.Rol.DEELNEMER)
    client.force_login(medecursist)
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 404
    lijst = client.get(reverse("gedeelde_steunplannen", args=[world.groep.pk]))
    assert reverse("steunplan_lezen", args=[plan.pk]) not in lijst.content.decode()
    # Shared with the group: now they may.
    plan.zichtbaarheid = Zichtbaarheid.GROEP
    plan.save()
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 200


def test_stop_sharing_closes_it_at_once(client, world):
    plan = plan_van(world.deelnemer)
    client.force_login(world.deelnemer)
    deel(client, "facilitators", world.groep.pk)
    deel(client, "alleen_ik")
    plan.refresh_from_db()
    assert plan.zichtbaarheid == "alleen_ik"
    assert plan.groep is None
    assert plan.gedeeld_op is None
    client.force_login(world.facilitator)
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 404


def test_someone_who_leaves_the_group_takes_their_plan_along(client, world):
    plan = plan_van(world.deelnemer, groep=world.groep, zichtbaarheid="facilitators")
    Lidmaatschap.objects.filter(user=world.deelnemer, groep=world.groep).update(
        status=Lidmaatschap.Status.UITGESCHREVEN
    )
    client.force_login(world.facilitator)
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 404


def test_a_facilitator_who_joins_later_does_not_read_a_plan_shared_before(client, world):
    import datetime

    plan = plan_van(world.deelnemer, groep=world.groep, zichtbaarheid="facilitators")
    plan.gedeeld_op = timezone.now() - datetime.timedelta(days=3)
    plan.save()
    nieuw = UserFactory(mfa=True)
    LidmaatschapFactory(groep=world.groep, user=nieuw, rol=Lidmaatschap.Rol.FACILITATOR)
    client.force_login(nieuw)
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 404
    lijst = client.get(reverse("gedeelde_steunplannen", args=[world.groep.pk]))
    assert reverse("steunplan_lezen", args=[plan.pk]) not in lijst.content.decode()
    # Sharing it again (after they joined) is Sam's choice, and then they may.
    client.force_login(world.deelnemer)
    deel(client, "alleen_ik")
    deel(client, "facilitators", world.groep.pk)
    client.force_login(nieuw)
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 200


def test_coordinator_and_other_groups_never_read_it(client, world):
    plan = plan_van(world.deelnemer, groep=world.groep, zichtbaarheid="groep")
    for user in (world.coordinator, world.outsider, UserFactory(mfa=True)):
        client.force_login(user)
        assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 404
    ander = world.andere_groep.lidmaatschappen.facilitators().first().user
    client.force_login(ander)
    assert client.get(reverse("steunplan_lezen", args=[plan.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"zichtbaarheid": "facilitators", "groep": ""}, "groep"),
        ({"zichtbaarheid": "facilitators", "groep": "abc"}, "groep"),
        ({"zichtbaarheid": "groep", "groep": ["1", "2"]}, "groep"),
        ({"zichtbaarheid": "iedereen"}, "zichtbaarheid"),
        ({}, "zichtbaarheid"),
    ],
)
def test_bad_share_input_is_explained(client, sam, data, fout):
    plan_van(sam)
    response = client.post(reverse("steunplan_delen"), data)
    assert response.status_code == 400
    assert fout in response.context["delen_form"].errors
    assert Steunplan.objects.get(auteur=sam).zichtbaarheid == "alleen_ik"


def test_cannot_share_with_a_group_one_is_not_in(client, sam):
    plan_van(sam)
    vreemd = GroepFactory()
    response = deel(client, "facilitators", vreemd.pk)
    assert response.status_code == 400
    assert Steunplan.objects.get(auteur=sam).groep is None


def test_without_a_group_the_message_says_print_instead(client, outsider):
    plan_van(outsider)
    client.force_login(outsider)
    response = deel(client, "facilitators")
    assert response.status_code == 400
    [fout] = response.context["delen_form"].errors["groep"]
    assert "print" in fout.lower() or "afdrukken" in fout.lower()


def test_shared_list_has_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    def voeg_toe(n):
        for _ in range(n):
            user = UserFactory()
            LidmaatschapFactory(groep=world.groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
            plan_van(
                user, groep=world.groep, zichtbaarheid="facilitators", gedeeld_op=timezone.now()
            )

    client.force_login(world.facilitator)
    url = reverse("gedeelde_steunplannen", args=[world.groep.pk])
    voeg_toe(1)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    voeg_toe(8)
    with django_assert_max_num_queries(len(een.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('class="card-title"') == 9


# --- Printing and deleting -----------------------------------------------------------------


def test_print_page_has_the_plan_the_numbers_and_no_script(client, sam):
    plan_van(sam)
    response = client.get(reverse("steunplan_afdrukken"))
    html = response.content.decode()
    assert response.status_code == 200
    assert MENSEN_HTML in html
    assert "0800-0113" in html
    assert "<script" not in html
    assert "niet-printen" in html


def test_print_without_a_plan_goes_to_the_empty_state(client, sam):
    response = client.get(reverse("steunplan_afdrukken"))
    assert response.status_code == 302
    assert response.url == reverse("steunplan")


def test_delete_removes_the_plan_and_its_read_log(client, world):
    plan = plan_van(world.deelnemer, groep=world.groep, zichtbaarheid="facilitators")
    SteunplanLezing.objects.create(steunplan=plan, lezer=world.facilitator)
    client.force_login(world.deelnemer)
    assert client.get(reverse("steunplan_verwijderen")).status_code == 200
    response = client.post(reverse("steunplan_verwijderen"))
    assert response.status_code == 302
    assert not Steunplan.objects.exists()
    assert not SteunplanLezing.objects.exists()


# --- Reachable -----------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["mijn_overzicht", "herstelpad"])
def test_reachable_from_home_and_recovery_path(client, sam, naam):
    html = client.get(reverse(naam)).content.decode()
    assert f'href="{reverse("steunplan")}"' in html


def test_erasure_removes_the_plan(world):
    from privacy.verwijderen import verwijder_account

    plan = plan_van(world.deelnemer)
    SteunplanLezing.objects.create(steunplan=plan, lezer=world.facilitator)
    verwijder_account(world.deelnemer)
    assert not Steunplan.objects.exists()
    assert not SteunplanLezing.objects.exists()


# --- Phone numbers one tap away ------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Anna 06-12345678", 'Anna <a href="tel:0612345678">06-12345678</a>'),
        ("Huisarts 010 123 45 67.", 'Huisarts <a href="tel:0101234567">010 123 45 67</a>.'),
        ("Kees +31 6 1234 5678", 'Kees <a href="tel:+31612345678">+31 6 1234 5678</a>'),
        (
            "Anna 0612345678\nKees 0687654321",
            'Anna <a href="tel:0612345678">0612345678</a><br>'
            'Kees <a href="tel:0687654321">0687654321</a>',
        ),
        ("Op 12-03-2026 om 14:30, bel 112", "Op 12-03-2026 om 14:30, bel 112"),
        ("<b>Anna</b> & Kees", "&lt;b&gt;Anna&lt;/b&gt; &amp; Kees"),
        ("", ""),
    ],
)
def test_phone_numbers_become_tel_links_the_rest_stays_as_written(tekst, verwacht):
    from herstelmodel.templatetags.steunplan_hulp import bel_links

    assert bel_links(tekst) == verwacht


def test_the_help_box_puts_people_to_call_first_with_a_tap_to_call(client, sam):
    plan_van(sam)
    html = herkenning(client, "Soms denk ik dat ik er niet meer wil zijn.").content.decode()
    box = html[html.index("kop-hulp-steunplan") :]
    assert box.index("steunplan-mensen") < box.index("steunplan-goed_voor_mij")
    assert 'href="tel:0612345678"' in box
