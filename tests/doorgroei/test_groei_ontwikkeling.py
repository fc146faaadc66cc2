"""Growing as a volunteer: the path, intervisie read from groepen, the coordinator's list
with its plain rule, recording a training and what bad input does."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorgroei import ontwikkeling
from doorgroei.models import Ontwikkeling
from groepen.models import Intervisiebijeenkomst, Intervisiegroep, IntervisieLid, Vrijwilligersrol
from tests.factories import GroepFactory, UserFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 9, 15)
Soort = Vrijwilligersrol.Soort


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"


def rol(user, soort=Soort.GASTHEER, maanden_geleden=7, eindigt_op=None, groep=None):
    begint_op = VANDAAG - datetime.timedelta(days=int(maanden_geleden * 30.5))
    return Vrijwilligersrol.objects.create(
        user=user, soort=soort, begint_op=begint_op, eindigt_op=eindigt_op, groep=groep
    )


def training(user, soort="oce", datum=VANDAAG - datetime.timedelta(days=40), **kw):
    return Ontwikkeling.objects.create(user=user, soort=soort, titel="Training", datum=datum, **kw)


def intervisie(groep, dagen_geleden, **kw):
    return Intervisiebijeenkomst.objects.create(
        groep=groep,
        begint_om=timezone.now() - datetime.timedelta(days=dagen_geleden),
        methode="incident",
        vraag="GEHEIME-VRAAG",
        **kw,
    )


# --- Intervisie, counted from groepen's rows -----------------------------------------------


def test_intervisie_counts_meetings_held_while_a_member_and_where_one_brought_a_case():
    sam, noor = UserFactory(roepnaam="Sam"), UserFactory(roepnaam="Noor")
    noord, zuid = Intervisiegroep.objects.create(naam="N"), Intervisiegroep.objects.create(naam="Z")
    IntervisieLid.objects.create(
        groep=noord, user=sam, sinds=timezone.now() - datetime.timedelta(days=60)
    )
    intervisie(noord, 90)  # before Sam joined
    intervisie(noord, 30)
    intervisie(noord, 3)
    intervisie(noord, -7)  # still to come
    # Sam left Zuid (we do not know when); the meeting where she brought a case counts.
    IntervisieLid.objects.create(groep=zuid, user=sam, actief=False)
    intervisie(zuid, 20, inbrenger=sam)
    intervisie(zuid, 10)
    # Bringing a case in her own group does not count the meeting twice.
    intervisie(noord, 5, inbrenger=sam)

    assert ontwikkeling.intervisie_per_persoon([sam.pk, noor.pk]) == {sam.pk: 4}
    with CaptureQueriesContext(connection) as queries:
        ontwikkeling.intervisie_per_persoon([sam.pk, noor.pk])
    assert len(queries) == 2
    # Nothing is copied: the count follows groepen's rows.
    Intervisiebijeenkomst.objects.filter(inbrenger=sam).delete()
    assert ontwikkeling.intervisie_per_persoon([sam.pk]) == {sam.pk: 2}


# --- The volunteer's own path ----------------------------------------------------------------


def test_the_path_shows_own_roles_trainings_and_intervisie_count_never_the_notes(client):
    sam, noor = UserFactory(roepnaam="Sam"), UserFactory(roepnaam="Noor")
    inge = UserFactory(roepnaam="Inge", is_coordinator=True)
    rol(sam, Soort.GASTHEER, maanden_geleden=14, eindigt_op=VANDAAG - datetime.timedelta(days=5))
    rol(sam, Soort.BUDDY, maanden_geleden=3, eindigt_op=None)
    Ontwikkeling.objects.create(
        user=sam,
        soort="oce",
        titel="OCE-cursus voorjaar",
        datum=datetime.date(2026, 3, 2),
        einddatum=datetime.date(2026, 4, 20),
        notitie="Mooi afgerond",
        vastgelegd_door=inge,
    )
    Ontwikkeling.objects.create(user=noor, soort="oce", titel="NOOR-TRAINING", datum=VANDAAG)
    groep = Intervisiegroep.objects.create(naam="N")
    IntervisieLid.objects.create(
        groep=groep, user=sam, sinds=timezone.now() - datetime.timedelta(days=60)
    )
    intervisie(groep, 30)
    intervisie(groep, 3)

    client.force_login(sam)
    html = client.get(reverse("doorgroei_mijn_pad")).content.decode()
    assert "OCE-cursus voorjaar" in html
    assert "Mooi afgerond" in html
    assert "2 March 2026" in html
    assert "20 April 2026" in html
    assert "Written down by Inge" in html
    assert "Buddy for newcomers" in html
    assert "Host of the walk-in" in html
    assert "2 intervision meetings" in html
    assert "NOOR-TRAINING" not in html
    assert "GEHEIME-VRAAG" not in html


def test_an_empty_path_invites_and_shows_no_empty_sections(client):
    client.force_login(UserFactory())
    html = client.get(reverse("doorgroei_mijn_pad")).content.decode()
    assert 'class="empty"' in html
    assert "kop-rollen" not in html


def test_path_queries_do_not_grow(client, django_assert_num_queries):
    sam = UserFactory()
    rol(sam)
    training(sam)
    client.force_login(sam)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("doorgroei_mijn_pad"))
    for _ in range(3):
        rol(sam, Soort.BUDDY)
        training(sam, vastgelegd_door=UserFactory())
    with django_assert_num_queries(len(small)):
        client.get(reverse("doorgroei_mijn_pad"))


def test_home_links_the_path_only_for_someone_who_has_or_had_a_role(client, deelnemer):
    client.force_login(deelnemer)
    link = reverse("doorgroei_mijn_pad")
    assert link not in client.get(reverse("mijn_overzicht")).content.decode()
    rol(deelnemer, eindigt_op=VANDAAG - datetime.timedelta(days=1))
    assert link in client.get(reverse("mijn_overzicht")).content.decode()


# --- The coordinator's list and its rule -------------------------------------------------------


def test_the_rule_names_whom_to_ask_and_nothing_else():
    lang_met_training = UserFactory(roepnaam="Aaf")
    rol(lang_met_training, Soort.GASTHEER, maanden_geleden=7)
    training(lang_met_training)
    lang_zonder = UserFactory(roepnaam="Bas")
    rol(lang_zonder, Soort.BUDDY, maanden_geleden=8)
    kort = UserFactory(roepnaam="Cor")
    rol(kort, Soort.MODERATOR, maanden_geleden=2)
    training(kort)
    gepland = UserFactory(roepnaam="Dirk")  # the training is still to come
    rol(gepland, Soort.GASTHEER, maanden_geleden=9)
    training(gepland, datum=VANDAAG + datetime.timedelta(days=10))
    cofac = UserFactory(roepnaam="Eva")
    rol(cofac, Soort.COFACILITATOR, maanden_geleden=7, groep=GroepFactory())
    training(cofac, soort="facilitatortraining")
    training(cofac, soort="intervisie")
    groep = Intervisiegroep.objects.create(naam="N")
    IntervisieLid.objects.create(
        groep=groep, user=cofac, sinds=timezone.now() - datetime.timedelta(days=400)
    )
    intervisie(groep, 5)
    intervisie(groep, 40)
    gestopt = UserFactory(roepnaam="Fien")  # role ended: not in the list
    rol(gestopt, maanden_geleden=12, eindigt_op=VANDAAG - datetime.timedelta(days=1))

    lijst = ontwikkeling.vrijwilligers(VANDAAG)
    per_naam = {v.user.roepnaam: v for v in lijst}
    assert list(per_naam) == ["Aaf", "Bas", "Cor", "Dirk", "Eva"]
    assert per_naam["Aaf"].volgende_stap == str(ontwikkeling.NAAR_COFACILITATOR)
    assert per_naam["Bas"].volgende_stap == ""
    assert per_naam["Cor"].volgende_stap == ""
    assert per_naam["Dirk"].volgende_stap == ""
    assert per_naam["Dirk"].trainingen == 0
    # Two meetings in the app plus one written down: three.
    assert per_naam["Eva"].intervisie == 3
    assert per_naam["Eva"].volgende_stap == str(ontwikkeling.NAAR_EIGEN_GROEP)


def test_months_are_whole_months():
    assert ontwikkeling.maanden_tussen(datetime.date(2026, 3, 3), datetime.date(2026, 9, 2)) == 5
    assert ontwikkeling.maanden_tussen(datetime.date(2026, 3, 3), datetime.date(2026, 9, 3)) == 6


def test_coordinator_page_explains_the_rule_and_shows_no_score(client, coordinator):
    aaf = UserFactory(roepnaam="Aaf")
    rol(aaf, maanden_geleden=30)
    training(aaf, datum=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(coordinator)
    html = client.get(reverse("doorgroei_ontwikkeling")).content.decode()
    assert "A plain rule, no score" in html
    assert "could be asked whether they would like to co-facilitate a group" in html
    assert reverse("doorgroei_ontwikkeling_persoon", args=[aaf.pk]) in html
    assert "score" not in html.replace("no score", "")


def test_coordinator_list_queries_do_not_grow(client, coordinator, django_assert_num_queries):
    def vrijwilliger():
        user = UserFactory()
        rol(user)
        training(user)
        return user

    vrijwilliger()
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("doorgroei_ontwikkeling"))
    for _ in range(3):
        vrijwilliger()
    with django_assert_num_queries(len(small)):
        response = client.get(reverse("doorgroei_ontwikkeling"))
    assert len(response.context["vrijwilligers"]) == 4


# --- Recording a training -----------------------------------------------------------------------


@pytest.fixture
def sam(db):
    user = UserFactory(roepnaam="Sam")
    rol(user)
    return user


def _post(client, sam, **velden):
    data = {"soort": "oce", "titel": "OCE", "datum": "2026-03-02", "einddatum": "", "notitie": ""}
    data.update(velden)
    return client.post(reverse("doorgroei_ontwikkeling_persoon", args=[sam.pk]), data)


def test_coordinator_records_a_training_that_the_volunteer_then_sees(client, coordinator, sam):
    client.force_login(coordinator)
    response = _post(client, sam, titel="  Training facilitators  ", soort="facilitatortraining")
    assert response.status_code == 302
    rij = Ontwikkeling.objects.get(user=sam)
    assert rij.titel == "Training facilitators"
    assert rij.vastgelegd_door == coordinator
    client.force_login(sam)
    assert "Training facilitators" in client.get(reverse("doorgroei_mijn_pad")).content.decode()


def test_a_training_that_ends_before_it_starts_is_explained_and_nothing_is_lost(
    client, coordinator, sam
):
    client.force_login(coordinator)
    response = _post(
        client, sam, titel="Mijn training", datum="2026-03-10", einddatum="2026-03-01",
        notitie="Wat ik typte",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["form"].errors["einddatum"] == [
        "The last day is before the first day (10 March 2026). Choose a last day on or after "
        "it, or leave it empty for one day."
    ]
    html = response.content.decode()
    assert 'value="Mijn training"' in html
    assert "Wat ik typte" in html
    assert 'value="2026-03-01"' in html
    assert not Ontwikkeling.objects.exists()


def test_empty_fields_get_a_message_each(client, coordinator, sam):
    client.force_login(coordinator)
    response = client.post(
        reverse("doorgroei_ontwikkeling_persoon", args=[sam.pk]), {"titel": "   "}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["soort"] == ["Choose what kind of training or development this is."]
    assert errors["titel"] == ["Give it a name, so you both recognise it later."]
    assert errors["datum"] == ["Fill in the day it took place or started."]


def test_a_note_with_signal_words_is_saved_and_shows_help(client, coordinator, sam):
    client.force_login(coordinator)
    response = _post(client, sam, notitie="Ze zei dat ze er niet meer wil zijn")
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "113" in html
    assert Ontwikkeling.objects.get(user=sam).notitie.startswith("Ze zei")


def test_only_people_with_a_role_can_be_opened(client, coordinator, outsider):
    client.force_login(coordinator)
    url = reverse("doorgroei_ontwikkeling_persoon", args=[outsider.pk])
    assert client.get(url).status_code == 404


def test_removing_takes_only_that_persons_row(client, coordinator, sam):
    noor = UserFactory()
    rol(noor)
    van_noor = training(noor)
    client.force_login(coordinator)
    url = reverse("doorgroei_ontwikkeling_verwijderen", args=[sam.pk, van_noor.pk])
    assert client.post(url).status_code == 302
    assert Ontwikkeling.objects.filter(pk=van_noor.pk).exists()
    eigen = training(sam)
    client.post(reverse("doorgroei_ontwikkeling_verwijderen", args=[sam.pk, eigen.pk]))
    assert not Ontwikkeling.objects.filter(pk=eigen.pk).exists()


def test_the_database_refuses_an_end_before_the_start(sam):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        training(sam, datum=VANDAAG, einddatum=VANDAAG - datetime.timedelta(days=1))
