"""The attendance register and completing a cursus."""

import datetime
import zoneinfo

import factory
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen import aanwezigheid
from groepen.models import Aanbod, Aanwezigheid, Lidmaatschap

from ..factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
)

AANWEZIG = Aanwezigheid.Status.AANWEZIG
AFGEMELD = Aanwezigheid.Status.AFGEMELD
AFWEZIG = Aanwezigheid.Status.AFWEZIG

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class AanwezigheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanwezigheid

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    user = factory.SubFactory(UserFactory)
    status = AANWEZIG


def geleden(dagen=0, uren=0):
    return timezone.now() - datetime.timedelta(days=dagen, hours=uren)


def reeks(groep, aantal, geannuleerd=()):
    """`aantal` weekly meetings that have all taken place, oldest first."""
    return [
        BijeenkomstFactory(
            groep=groep, begint_om=geleden(dagen=7 * (aantal - i)), geannuleerd=i in geannuleerd
        )
        for i in range(aantal)
    ]


def deelnemers(groep, aantal):
    return [
        LidmaatschapFactory(groep=groep, rol=Lidmaatschap.Rol.DEELNEMER).user for _ in range(aantal)
    ]


def veld(user):
    return f"deelnemer_{user.pk}"


def register_url(bijeenkomst):
    return reverse("aanwezigheid", kwargs={"pk": bijeenkomst.pk})


def statussen(bijeenkomst):
    return dict(bijeenkomst.aanwezigheden.values_list("user_id", "status"))


# --- Completion maths -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aanwezig", "totaal", "percentage", "verwacht"),
    [
        (6, 8, 75, True),  # exactly 75% counts
        (5, 8, 75, False),
        (8, 8, 75, True),
        (3, 4, 75, True),
        (2, 3, 75, False),  # 66.7%
        (7, 10, 70, True),
        (0, 0, 75, False),  # no meetings: nothing to complete
        (1, 1, 100, True),
    ],
)
def test_is_voltooid(aanwezig, totaal, percentage, verwacht):
    assert aanwezigheid.is_voltooid(aanwezig, totaal, percentage) is verwacht


def test_nodig_rounds_up():
    assert aanwezigheid.Voortgang(0, 0, 8, 75, True).nodig == 6
    assert aanwezigheid.Voortgang(0, 0, 10, 75, True).nodig == 8
    assert aanwezigheid.Voortgang(0, 0, 3, 75, True).nodig == 3


@pytest.mark.django_db
def test_exactly_75_percent_of_a_cursus_completes_it():
    groep = GroepFactory()
    bijeenkomsten = reeks(groep, 8)
    zes, vijf = deelnemers(groep, 2)
    for b in bijeenkomsten[:6]:
        AanwezigheidFactory(bijeenkomst=b, user=zes)
    for b in bijeenkomsten[:5]:
        AanwezigheidFactory(bijeenkomst=b, user=vijf)
    for b in bijeenkomsten[5:]:
        AanwezigheidFactory(bijeenkomst=b, user=vijf, status=AFWEZIG)

    assert aanwezigheid.voortgang_van(zes, groep).voltooid
    niet = aanwezigheid.voortgang_van(vijf, groep)
    assert (niet.aanwezig, niet.totaal, niet.nodig, niet.voltooid) == (5, 8, 6, False)


@pytest.mark.django_db
def test_cancelled_meetings_do_not_count():
    groep = GroepFactory()
    # 8 planned, 2 cancelled: 6 count. Present at 5 of those 6 (83%) completes.
    bijeenkomsten = reeks(groep, 8, geannuleerd={0, 1})
    user = deelnemers(groep, 1)[0]
    # Marked present at a cancelled meeting (e.g. before it was cancelled): not counted.
    AanwezigheidFactory(bijeenkomst=bijeenkomsten[0], user=user)
    for b in bijeenkomsten[2:7]:
        AanwezigheidFactory(bijeenkomst=b, user=user)

    voortgang = aanwezigheid.voortgang_van(user, groep)
    assert (voortgang.aanwezig, voortgang.totaal, voortgang.gehouden) == (5, 6, 6)
    assert voortgang.voltooid


@pytest.mark.django_db
def test_future_meetings_count_in_the_total():
    groep = GroepFactory()
    verleden = reeks(groep, 4)
    BijeenkomstFactory.create_batch(4, groep=groep)  # still to come
    user = deelnemers(groep, 1)[0]
    for b in verleden:
        AanwezigheidFactory(bijeenkomst=b, user=user)
    voortgang = aanwezigheid.voortgang_van(user, groep)
    assert (voortgang.aanwezig, voortgang.gehouden, voortgang.totaal) == (4, 4, 8)
    assert not voortgang.voltooid  # 4 of 8 so far


@pytest.mark.django_db
def test_only_a_cursus_can_be_completed():
    groep = GroepFactory(aanbod=AanbodFactory(soort=Aanbod.Soort.HERSTELGROEP))
    user = deelnemers(groep, 1)[0]
    for b in reeks(groep, 4):
        AanwezigheidFactory(bijeenkomst=b, user=user)
    voortgang = aanwezigheid.voortgang_van(user, groep)
    assert voortgang.aanwezig == 4
    assert not voortgang.voltooid


@pytest.mark.django_db
def test_the_percentage_comes_from_the_aanbod():
    groep = GroepFactory(aanbod=AanbodFactory(voltooiing_percentage=50))
    user = deelnemers(groep, 1)[0]
    for b in reeks(groep, 4)[:2]:
        AanwezigheidFactory(bijeenkomst=b, user=user)
    assert aanwezigheid.voortgang_van(user, groep).voltooid


@pytest.mark.django_db
def test_attendance_in_another_group_does_not_count():
    groep, ander = GroepFactory(), GroepFactory()
    user = deelnemers(groep, 1)[0]
    LidmaatschapFactory(groep=ander, user=user)
    reeks(groep, 4)
    for b in reeks(ander, 4):
        AanwezigheidFactory(bijeenkomst=b, user=user)
    assert aanwezigheid.voortgang_van(user, groep).aanwezig == 0


@pytest.mark.django_db
def test_no_progress_for_people_who_are_not_participants(facilitator, groep):
    wachtend = LidmaatschapFactory(groep=groep, status=Lidmaatschap.Status.WACHTLIJST).user
    assert aanwezigheid.voortgang_van(facilitator, groep) is None
    assert aanwezigheid.voortgang_van(wachtend, groep) is None
    assert aanwezigheid.voortgang_van(UserFactory(), groep) is None


@pytest.mark.django_db
def test_progress_of_all_participants_in_one_query(django_assert_num_queries):
    groep = GroepFactory()
    bijeenkomsten = reeks(groep, 8)
    mensen = deelnemers(groep, 6)
    for i, user in enumerate(mensen):
        for b in bijeenkomsten[:i]:
            AanwezigheidFactory(bijeenkomst=b, user=user)
    groep.aanbod  # loaded, as groep_voor does  # noqa: B018
    with django_assert_num_queries(1):
        leden = aanwezigheid.deelnemers_met_voortgang(groep)
    per_user = {lid.user_id: lid.voortgang for lid in leden}
    assert [per_user[u.pk].aanwezig for u in mensen] == [0, 1, 2, 3, 4, 5]
    assert {v.totaal for v in per_user.values()} == {8}
    assert [per_user[u.pk].voltooid for u in mensen] == [False] * 6
    # The same answer as for one person.
    assert aanwezigheid.voortgang_van(mensen[5], groep) == per_user[mensen[5].pk]


# --- The register: who may use it ----------------------------------------------------------


@pytest.mark.django_db
def test_facilitator_of_another_group_gets_404(client, world):
    ander = world.andere_groep.lidmaatschappen.get(rol=Lidmaatschap.Rol.FACILITATOR).user
    client.force_login(ander)
    url = register_url(world.geweest)
    assert client.get(url).status_code == 404
    assert client.post(url, {veld(world.deelnemer): AFWEZIG}).status_code == 404
    assert not Aanwezigheid.objects.exists()


@pytest.mark.django_db
def test_participant_and_coordinator_get_403(client, world):
    url = register_url(world.geweest)
    for user in (world.deelnemer, world.coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {veld(world.deelnemer): AANWEZIG}).status_code == 403
    assert not Aanwezigheid.objects.exists()


@pytest.mark.django_db
def test_participant_of_another_group_gets_404(client, world):
    client.force_login(world.deelnemer)
    other_past = BijeenkomstFactory(groep=world.andere_groep, begint_om=geleden(dagen=1))
    assert client.get(register_url(other_past)).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, world):
    response = client.post(register_url(world.geweest), {veld(world.deelnemer): AANWEZIG})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- The register: filling it in -------------------------------------------------------------


@pytest.fixture
def twaalf(groep, deelnemer, facilitator):
    """A group with 12 participants (the deelnemer fixture among them), one past meeting."""
    mensen = [deelnemer, *deelnemers(groep, 11)]
    return mensen, BijeenkomstFactory(groep=groep, begint_om=geleden(uren=3))


@pytest.mark.django_db
def test_everyone_is_preselected_present_except_those_who_let_us_know(client, facilitator, twaalf):
    mensen, bijeenkomst = twaalf
    AanwezigheidFactory(bijeenkomst=bijeenkomst, user=mensen[3], status=AFGEMELD)
    client.force_login(facilitator)
    response = client.get(register_url(bijeenkomst))
    assert response.status_code == 200
    form = response.context["form"]
    gekozen = {u.pk: form[veld(u)].value() for u in mensen}
    assert gekozen[mensen[3].pk] == AFGEMELD
    assert {s for pk, s in gekozen.items() if pk != mensen[3].pk} == {AANWEZIG}
    # Each person is a fieldset with a legend: 12 groups of 3 radio buttons.
    html = response.content.decode()
    assert html.count("<fieldset") == 12
    assert html.count("<legend") == 12
    assert html.count('type="radio"') == 36
    assert html.count("checked") == 12


@pytest.mark.django_db
def test_saved_statuses_are_shown_again(client, facilitator, twaalf):
    mensen, bijeenkomst = twaalf
    AanwezigheidFactory(bijeenkomst=bijeenkomst, user=mensen[0], status=AFWEZIG)
    AanwezigheidFactory(bijeenkomst=bijeenkomst, user=mensen[1], status=AANWEZIG)
    client.force_login(facilitator)
    form = client.get(register_url(bijeenkomst)).context["form"]
    assert form[veld(mensen[0])].value() == AFWEZIG
    assert form[veld(mensen[1])].value() == AANWEZIG


@pytest.mark.django_db
def test_one_post_saves_everyone_and_goes_back_to_the_group(client, facilitator, twaalf, groep):
    mensen, bijeenkomst = twaalf
    data = {veld(u): AANWEZIG for u in mensen}
    data[veld(mensen[2])] = AFWEZIG
    data[veld(mensen[5])] = AFGEMELD
    client.force_login(facilitator)

    response = client.post(register_url(bijeenkomst), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response.url == reverse("groep_detail", kwargs={"pk": groep.pk})
    opgeslagen = statussen(bijeenkomst)
    assert len(opgeslagen) == 12
    assert opgeslagen[mensen[2].pk] == AFWEZIG
    assert opgeslagen[mensen[5].pk] == AFGEMELD
    assert list(opgeslagen.values()).count(AANWEZIG) == 10
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "10 present · 1 let us know · 1 absent" in page


@pytest.mark.django_db
def test_saving_again_updates_instead_of_duplicating(client, facilitator, twaalf):
    mensen, bijeenkomst = twaalf
    client.force_login(facilitator)
    data = {veld(u): AANWEZIG for u in mensen}
    client.post(register_url(bijeenkomst), data)
    data[veld(mensen[0])] = AFWEZIG
    client.post(register_url(bijeenkomst), data)
    assert bijeenkomst.aanwezigheden.count() == 12
    assert statussen(bijeenkomst)[mensen[0].pk] == AFWEZIG


@pytest.mark.django_db
def test_saving_takes_the_same_number_of_queries_for_5_or_40_people(client, facilitator, groep):
    def post(aantal):
        bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=geleden(dagen=1))
        Lidmaatschap.objects.filter(groep=groep, rol=Lidmaatschap.Rol.DEELNEMER).delete()
        mensen = deelnemers(groep, aantal)
        data = {veld(u): AFWEZIG if i % 3 == 0 else AANWEZIG for i, u in enumerate(mensen)}
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(register_url(bijeenkomst), data)
        assert response.status_code == 302
        assert bijeenkomst.aanwezigheden.count() == aantal
        return len(ctx.captured_queries)

    client.force_login(facilitator)
    assert post(5) == post(40)


@pytest.mark.django_db
def test_unknown_and_outside_ids_are_ignored(client, facilitator, twaalf, world):
    mensen, bijeenkomst = twaalf
    wachtend = LidmaatschapFactory(
        groep=bijeenkomst.groep, status=Lidmaatschap.Status.WACHTLIJST
    ).user
    data = {veld(u): AANWEZIG for u in mensen}
    data.update(
        {
            veld(world.outsider): AANWEZIG,
            veld(wachtend): AANWEZIG,
            veld(facilitator): AANWEZIG,
            "deelnemer_999999": AANWEZIG,
            "deelnemer_abc": AANWEZIG,
        }
    )
    client.force_login(facilitator)
    assert client.post(register_url(bijeenkomst), data).status_code == 302
    assert set(statussen(bijeenkomst)) == {u.pk for u in mensen}
    assert not Aanwezigheid.objects.filter(
        user__in=[world.outsider, wachtend, facilitator]
    ).exists()


@pytest.mark.django_db
def test_the_service_itself_never_saves_non_members(twaalf, outsider):
    mensen, bijeenkomst = twaalf
    aanwezigheid.sla_register_op(bijeenkomst, {mensen[0].pk: AANWEZIG, outsider.pk: AANWEZIG})
    assert set(statussen(bijeenkomst)) == {mensen[0].pk}


@pytest.mark.django_db
def test_a_missing_choice_gets_a_clear_message_and_keeps_the_others(client, facilitator, twaalf):
    mensen, bijeenkomst = twaalf
    data = {veld(u): AANWEZIG for u in mensen[1:]}
    data[veld(mensen[4])] = AFWEZIG
    client.force_login(facilitator)

    response = client.post(register_url(bijeenkomst), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[veld(mensen[0])] == [f"Choose one for {mensen[0].roepnaam}."]
    assert form[veld(mensen[4])].value() == AFWEZIG  # what was tapped is kept
    assert f'id="id_{veld(mensen[0])}_error"' in response.content.decode()
    assert not bijeenkomst.aanwezigheden.exists()


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2030, 3, 4, 14, 0, tzinfo=AMSTERDAM), tick=False)
def test_a_meeting_later_today_can_be_filled_in(client, facilitator, groep, deelnemer):
    later = timezone.localtime() + datetime.timedelta(hours=5)
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=later)
    client.force_login(facilitator)
    response = client.post(register_url(bijeenkomst), {veld(deelnemer): AANWEZIG})
    assert response.status_code == 302
    assert statussen(bijeenkomst) == {deelnemer.pk: AANWEZIG}


@pytest.mark.django_db
def test_a_future_meeting_can_be_seen_but_not_saved(client, facilitator, groep, deelnemer):
    morgen = timezone.localtime() + datetime.timedelta(days=1)
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=morgen)
    client.force_login(facilitator)

    response = client.get(register_url(bijeenkomst))
    assert response.status_code == 200
    register = response.content.decode().split('class="register"')[1].split("</form>")[0]
    assert "<fieldset" in register
    assert 'type="submit"' not in register

    response = client.post(
        register_url(bijeenkomst), {veld(deelnemer): AFWEZIG}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "has not happened yet" in form.non_field_errors()[0]
    assert form[veld(deelnemer)].value() == AFWEZIG
    assert not bijeenkomst.aanwezigheden.exists()
    with pytest.raises(ValueError, match="cannot be saved"):
        aanwezigheid.sla_register_op(bijeenkomst, {deelnemer.pk: AFWEZIG})


@pytest.mark.django_db
def test_a_cancelled_meeting_has_no_register(client, facilitator, groep, deelnemer):
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=geleden(dagen=1), geannuleerd=True)
    client.force_login(facilitator)
    response = client.get(register_url(bijeenkomst), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "was cancelled" in response.content.decode()
    assert "<fieldset" not in response.content.decode()

    response = client.post(register_url(bijeenkomst), {veld(deelnemer): AANWEZIG})
    assert response.status_code == 200
    assert not bijeenkomst.aanwezigheden.exists()


@pytest.mark.django_db
def test_a_walk_in_is_counted_not_registered(client, world):
    bijeenkomst = BijeenkomstFactory(groep=world.inloop, begint_om=geleden(dagen=1))
    client.force_login(world.facilitator)
    response = client.post(register_url(bijeenkomst), {veld(world.deelnemer): AANWEZIG})
    assert response.status_code == 200
    assert response.context["form"] is None
    assert not Aanwezigheid.objects.exists()


@pytest.mark.django_db
def test_a_group_without_participants_gets_a_kind_empty_state(client, facilitator, groep):
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=geleden(dagen=1))
    client.force_login(facilitator)
    response = client.get(register_url(bijeenkomst))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1].split("</main>")[0]


@pytest.mark.django_db
def test_a_bad_choice_for_a_name_with_a_percent_sign_gets_a_clear_message(
    client, facilitator, groep
):
    user = LidmaatschapFactory(groep=groep, user=UserFactory(roepnaam="100% Kim")).user
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=geleden(dagen=1))
    client.force_login(facilitator)
    response = client.post(
        register_url(bijeenkomst), {veld(user): "ziek"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["form"].errors[veld(user)] == ["Choose one for 100% Kim."]
    assert not bijeenkomst.aanwezigheden.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("gepost", [None, {}, {"x": "onzin"}, {"x": AFWEZIG}])
def test_the_register_radios_are_the_markup_django_draws(groep, twaalf, gepost):
    """groep_forms.keuzes_html draws what {{ keuze.tag }} did: the same attributes (with
    aria-invalid on an error) and the same one checked."""
    from django.template import engines

    from groepen.groep_forms import RegisterForm, keuzes_html

    mensen, bijeenkomst = twaalf
    AanwezigheidFactory(bijeenkomst=bijeenkomst, user=mensen[2], status=AFGEMELD)
    leden = aanwezigheid.register_deelnemers(bijeenkomst)
    data = None
    if gepost is not None:
        data = {veld(u): AANWEZIG for u in mensen[1:]}
        data |= {veld(mensen[1]): w for w in gepost.values()}
    form = RegisterForm(data, bijeenkomst=bijeenkomst, deelnemers=leden)
    form.is_valid()  # binds the errors a post has (nothing for an unbound form)
    django_template = engines["django"].from_string(
        '{% for keuze in veld %}<label class="keuze" for="{{ keuze.id_for_label }}">'
        "{{ keuze.tag }} <span>{{ keuze.choice_label }}</span></label>"
        "{% if not forloop.last %}\n{% endif %}{% endfor %}"
    )
    for lid in leden:
        bound = form[veld(lid.user)]
        assert keuzes_html(bound) == django_template.render({"veld": bound})
