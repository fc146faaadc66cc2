"""Check-ins: the person's own, every question skippable, offered after a course."""

import datetime

import pytest
from django.urls import reverse

from doorgroei import uitkomsten
from doorgroei.models import Uitkomst, UitkomstNuNiet
from groepen.models import Lidmaatschap
from tests.factories import AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_plus_maanden_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert uitkomsten.plus_maanden(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert uitkomsten.plus_maanden(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert uitkomsten.plus_maanden(D(2026, 1, 15), -15) == D(2024, 10, 15)


def test_a_check_in_with_some_answers_is_saved_skipped_ones_stay_empty(client, deelnemer):
    client.force_login(deelnemer)
    data = {"vrijwilligerswerk": "ja", "betaald_werk": "", "minder_zorg": "geen", "regie": ""}
    response = client.post(reverse("uitkomst_nieuw"), data)
    assert response.status_code == 302
    u = Uitkomst.objects.get(user=deelnemer)
    assert (u.vrijwilligerswerk, u.betaald_werk, u.studie) == (True, None, None)
    assert (u.minder_zorg, u.meer_mensen, u.regie) == ("geen", None, None)
    html = client.get(reverse("uitkomst_lijst")).content.decode()
    assert "Ik heb geen contact met zorg" in html
    # No score or figure is shown back.
    assert "%" not in html


def test_no_is_stored_as_no_not_as_skipped(client, deelnemer):
    client.force_login(deelnemer)
    client.post(reverse("uitkomst_nieuw"), {"betaald_werk": "nee"})
    assert Uitkomst.objects.get().betaald_werk is False


def test_everything_skipped_is_not_saved_and_says_so_kindly(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(reverse("uitkomst_nieuw"), {"vrijwilligerswerk": "", "regie": ""})
    assert response.status_code == 400
    assert "nog niets om te bewaren" in response.content.decode()
    assert not Uitkomst.objects.exists()


def test_only_own_words_is_enough_and_they_are_encrypted(client, deelnemer):
    from django.db import connection

    client.force_login(deelnemer)
    client.post(reverse("uitkomst_nieuw"), {"eigen_woorden": "Het gaat beter met me."})
    u = Uitkomst.objects.get()
    assert u.eigen_woorden == "Het gaat beter met me."
    with connection.cursor() as c:
        c.execute("SELECT eigen_woorden FROM doorgroei_uitkomst")
        assert "beter" not in c.fetchone()[0]


def test_bad_choice_and_too_long_words_keep_what_was_typed(client, deelnemer):
    client.force_login(deelnemer)
    lang = "woord " * 400
    response = client.post(
        reverse("uitkomst_nieuw"), {"regie": "bestaat-niet", "eigen_woorden": lang}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies een van de antwoorden, of sla deze vraag over." in html
    assert "iets korter" in html
    assert lang.strip() in html
    assert not Uitkomst.objects.exists()


def test_signal_words_show_help_and_the_check_in_is_kept(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(
        reverse("uitkomst_nieuw"), {"eigen_woorden": "ik wil er niet meer zijn"}, follow=True
    )
    assert "113" in response.content.decode()
    assert Uitkomst.objects.filter(user=deelnemer).exists()


def test_own_check_ins_only_and_delete_removes_it(client, deelnemer, outsider):
    mijn = Uitkomst.objects.create(user=deelnemer, studie=True)
    ander = Uitkomst.objects.create(user=outsider, studie=False)
    client.force_login(deelnemer)
    html = client.get(reverse("uitkomst_lijst")).content.decode()
    assert reverse("uitkomst_verwijderen", args=[mijn.pk]) in html
    assert reverse("uitkomst_verwijderen", args=[ander.pk]) not in html
    assert client.get(reverse("uitkomst_verwijderen", args=[ander.pk])).status_code == 404
    assert client.post(reverse("uitkomst_verwijderen", args=[ander.pk])).status_code == 404
    client.post(reverse("uitkomst_verwijderen", args=[mijn.pk]))
    assert list(Uitkomst.objects.values_list("user", flat=True)) == [outsider.pk]


def test_check_in_list_queries_do_not_grow(client, deelnemer, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Uitkomst.objects.create(user=deelnemer, studie=True)
    client.force_login(deelnemer)
    with CaptureQueriesContext(connection) as een:
        client.get(reverse("uitkomst_lijst"))
    for _ in range(4):
        Uitkomst.objects.create(user=deelnemer, regie="meer", eigen_woorden="x")
    with django_assert_num_queries(len(een)):
        client.get(reverse("uitkomst_lijst"))


# --- The offer three and twelve months after a course --------------------------------


def _cursus_klaar(user, einde, **lid):
    groep = GroepFactory(
        naam="WRAP", startdatum=einde - datetime.timedelta(days=60), einddatum=einde
    )
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER, **lid)
    return groep


VANDAAG = D(2026, 6, 10)


def test_offered_from_three_months_after_the_end_for_three_months():
    user = UserFactory()
    groep = _cursus_klaar(user, D(2026, 3, 10))
    assert uitkomsten.open_uitnodiging(user, VANDAAG) == uitkomsten.Uitnodiging(groep.pk, "WRAP", 3)
    assert uitkomsten.open_uitnodiging(user, D(2026, 6, 9)) is None
    assert uitkomsten.open_uitnodiging(user, D(2026, 9, 9)) is not None
    assert uitkomsten.open_uitnodiging(user, D(2026, 9, 10)) is None
    twaalf = uitkomsten.open_uitnodiging(user, D(2027, 3, 10))
    assert twaalf == uitkomsten.Uitnodiging(groep.pk, "WRAP", 12)
    assert uitkomsten.open_uitnodiging(user, D(2027, 6, 10)) is None


def test_not_offered_after_cancelling_for_a_walk_in_or_a_group_still_running():
    user = UserFactory()
    _cursus_klaar(user, D(2026, 3, 10), status=Lidmaatschap.Status.UITGESCHREVEN)
    inloop = GroepFactory(
        aanbod=AanbodFactory(soort="inloop"), startdatum=D(2026, 1, 1), einddatum=D(2026, 3, 10)
    )
    LidmaatschapFactory(groep=inloop, user=user)
    lopend = GroepFactory(startdatum=D(2026, 1, 1), einddatum=D(2026, 7, 1))
    LidmaatschapFactory(groep=lopend, user=user)
    assert uitkomsten.open_uitnodiging(user, VANDAAG) is None


def test_a_check_in_after_the_moment_answers_the_offer_an_earlier_one_does_not():
    user = UserFactory()
    _cursus_klaar(user, D(2026, 3, 10))
    op = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    Uitkomst.objects.create(user=user, studie=True, ingevuld_op=op)
    assert uitkomsten.open_uitnodiging(user, VANDAAG) is not None
    Uitkomst.objects.create(user=user, studie=True, ingevuld_op=op.replace(month=6, day=10))
    assert uitkomsten.open_uitnodiging(user, VANDAAG) is None


def test_not_now_hides_that_offer_only():
    user = UserFactory()
    groep = _cursus_klaar(user, D(2026, 3, 10))
    assert uitkomsten.nu_niet(user, groep.pk, 3, VANDAAG)
    assert uitkomsten.open_uitnodiging(user, VANDAAG) is None
    # A year after the end, the twelve-month offer comes, once.
    assert uitkomsten.open_uitnodiging(user, D(2027, 3, 10)).maanden == 12
    # An offer that is not open cannot be put aside (nothing stored).
    assert not uitkomsten.nu_niet(user, groep.pk, 12, VANDAAG)
    assert not uitkomsten.nu_niet(UserFactory(), groep.pk, 3, VANDAAG)
    assert UitkomstNuNiet.objects.count() == 1


def test_home_shows_the_offer_and_not_now_hides_it(client):
    from django.utils import timezone

    user = UserFactory()
    einde = uitkomsten.plus_maanden(timezone.localdate(), -3)
    groep = _cursus_klaar(user, einde)
    client.force_login(user)
    html = client.get(reverse("mijn_overzicht")).content.decode()
    assert "drie maanden geleden dat WRAP afliep" in html
    response = client.post(
        reverse("uitkomst_nu_niet"), {"groep": groep.pk, "maanden": 3}, follow=True
    )
    html = response.content.decode()
    assert "drie maanden geleden dat WRAP afliep" not in html
    assert reverse("uitkomst_lijst") in html  # the check-in stays one tap away
    assert UitkomstNuNiet.objects.filter(user=user, groep=groep, maanden=3).exists()


def test_not_now_with_nonsense_stores_nothing(client, deelnemer):
    client.force_login(deelnemer)
    for data in ({}, {"groep": "x", "maanden": "3"}, {"groep": "999", "maanden": "7"}):
        assert client.post(reverse("uitkomst_nu_niet"), data).status_code == 302
    assert not UitkomstNuNiet.objects.exists()
    assert client.get(reverse("uitkomst_nu_niet")).status_code == 405
