"""A community that is safe by design (issue 15): who is in the academy-wide space, who
looks in (named moderators, "Wie kijkt er mee"), moderation hours, three reports outside
those hours, the queue link at 0, a host's welcome and the coordinator's settings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from groepen.models import Aanwezigheid, Lidmaatschap, Vrijwilligersrol
from nazorg import community, moderatie, toegang
from nazorg.models import (
    Bericht,
    CommunityWelkom,
    Draad,
    Melding,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
    Status,
)
from tests.factories import (
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    UserFactory,
    benoem_moderator,
)

from .conftest import maak_afgelopen_groep

CANARY = "kanarie-7f3a-niemand-anders-leest-dit"
Soort = Moderatiezaak.Soort


def akkoord(*users):
    for user in users:
        RichtlijnAkkoord.objects.get_or_create(user=user)


def buiten_kijkuren(ruimte):
    ruimte.kijkdagen = ""  # no fixed times: always outside them
    ruimte.save(update_fields=["kijkdagen"])


def binnen_kijkuren(ruimte):
    ruimte.kijkdagen = "0,1,2,3,4,5,6"
    ruimte.kijk_van = datetime.time(0, 0)
    ruimte.kijk_tot = datetime.time(23, 59, 59)
    ruimte.save(update_fields=["kijkdagen", "kijk_van", "kijk_tot"])


@pytest.fixture
def academie(db):
    return community.academieruimte()


@pytest.fixture
def leden(db, academie):
    """Four people who took part in a finished course (members of the academy space)."""
    _groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=4)
    akkoord(*mensen, facilitator)
    return mensen, facilitator


def bericht_van(auteur, ruimte, tekst=CANARY, titel="Een onderwerp"):
    draad = Draad.objects.create(ruimte=ruimte, titel=titel, auteur=auteur)
    return Bericht.objects.create(draad=draad, auteur=auteur, tekst=tekst)


# --- Who is in ---------------------------------------------------------------------------------


def test_a_brand_new_account_gets_a_kind_page_and_404_on_everything_inside(client, academie, leden):
    mensen, _f = leden
    bericht = bericht_van(mensen[0], academie)
    nieuw = UserFactory()
    akkoord(nieuw)  # even past the guidelines
    client.force_login(nieuw)
    response = client.get(reverse("community"))
    assert response.status_code == 200
    assert "nazorg/community/niet_lid.html" in [t.name for t in response.templates]
    assert CANARY not in response.content.decode()
    assert reverse("aanbod_lijst") in response.content.decode()
    for url in (
        reverse("ruimte", args=[academie.pk]),
        reverse("draad", args=[bericht.draad_id]),
        reverse("melden", args=[bericht.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("herken_ik", args=[bericht.pk])).status_code == 404
    assert client.post(reverse("dempen", args=[bericht.draad_id])).status_code == 404
    response = client.post(
        reverse("ruimte", args=[academie.pk]), {"titel": "Hoi", "tekst": "Ik ben nieuw"}
    )
    assert response.status_code == 404
    assert Draad.objects.count() == 1


def test_the_kind_page_comes_before_the_guidelines(client, academie):
    client.force_login(UserFactory())
    response = client.get(reverse("community"))
    assert response.status_code == 200
    assert "nazorg/community/niet_lid.html" in [t.name for t in response.templates]


def _lid(user):
    return (
        toegang.is_lid(user)
        and Ruimte.objects.zichtbaar_voor(user).filter(groep__isnull=True).exists()
    )


def test_who_took_part(academie):
    vandaag = timezone.localdate()
    begonnen = GroepFactory(startdatum=vandaag - datetime.timedelta(days=10))
    toekomst = GroepFactory(startdatum=vandaag + datetime.timedelta(days=10))

    def met(groep, status, rol=Lidmaatschap.Rol.DEELNEMER):
        user = UserFactory()
        LidmaatschapFactory(groep=groep, user=user, rol=rol, status=status)
        return user

    S = Lidmaatschap.Status
    assert _lid(met(begonnen, S.ACTIEF))
    assert not _lid(met(begonnen, S.WACHTLIJST))
    assert not _lid(met(begonnen, S.UITGESCHREVEN))  # cancelled, never came
    assert not _lid(met(toekomst, S.ACTIEF))  # not started yet
    assert not _lid(met(toekomst, S.UITGESCHREVEN))
    # Facilitating a group does not open the academy space (a coordinator could add
    # themselves to a group); a host can welcome them, a coordinator can name them.
    assert not _lid(met(begonnen, S.ACTIEF, rol=Lidmaatschap.Rol.FACILITATOR))
    # Cancelled halfway, but was there: took part.
    gestopt = met(begonnen, S.UITGESCHREVEN)
    Aanwezigheid.objects.create(
        bijeenkomst=BijeenkomstFactory(groep=begonnen), user=gestopt, status="aanwezig"
    )
    assert _lid(gestopt)
    afgemeld = met(begonnen, S.UITGESCHREVEN)
    Aanwezigheid.objects.create(
        bijeenkomst=BijeenkomstFactory(groep=begonnen), user=afgemeld, status="afgemeld"
    )
    assert not _lid(afgemeld)
    # Welcomed by a host.
    gast = UserFactory()
    assert not _lid(gast)
    CommunityWelkom.objects.create(user=gast)
    assert _lid(gast)


# --- Coordinators see no words ------------------------------------------------------------------


def test_a_coordinator_sees_no_post_text_anywhere_unless_named(
    client, academie, leden, coordinator
):
    mensen, _facilitator = leden
    cohort = Ruimte.objects.create(groep=mensen[0].lidmaatschappen.first().groep, naam="Cohort")
    gewoon = bericht_van(mensen[0], academie)
    in_cohort = bericht_van(mensen[1], cohort, tekst=CANARY + " cohort")
    moderatie.meld(gewoon, mensen[1], "graag kijken")
    moderatie.na_plaatsen(bericht_van(mensen[2], academie, tekst=CANARY + " ik wil dood"))
    akkoord(coordinator)
    client.force_login(coordinator)
    urls = [
        reverse("community"),
        reverse("moderatie"),
        reverse("home"),
        reverse("coordinator_home"),
        reverse("community_beheer"),
        reverse("ruimte_instellingen", args=[academie.pk]),
        reverse("ruimte_instellingen", args=[cohort.pk]),
        reverse("ruimte", args=[academie.pk]),
        reverse("ruimte", args=[cohort.pk]),
        reverse("draad", args=[gewoon.draad_id]),
        reverse("draad", args=[in_cohort.draad_id]),
        reverse("melden", args=[gewoon.pk]),
        reverse("nazorg_overzicht"),
        "/admin/nazorg/bericht/",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert CANARY not in response.content.decode(), url
        assert "kanarie" not in response.content.decode(), url
    assert client.get(reverse("ruimte", args=[academie.pk])).status_code == 404
    assert client.get(reverse("draad", args=[in_cohort.draad_id])).status_code == 404
    assert client.get(reverse("moderatie")).status_code == 403

    # Named moderator of the academy space: now reads it (and members see that).
    benoem_moderator(coordinator, academie)
    assert CANARY in client.get(reverse("draad", args=[gewoon.draad_id])).content.decode()
    assert client.get(reverse("draad", args=[in_cohort.draad_id])).status_code == 404
    client.force_login(mensen[3])
    pagina = client.get(reverse("ruimte", args=[academie.pk])).content.decode()
    assert "Inge" in pagina
    assert (
        "moderator, also coordinator"
        in client.get(
            reverse("ruimte", args=[academie.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    )


# --- Three reports outside moderation hours ------------------------------------------------------


def test_moderation_hours_are_local_days_and_times(academie):
    academie.kijkdagen = "0,2"
    academie.kijk_van = datetime.time(10, 0)
    academie.kijk_tot = datetime.time(17, 0)
    tz = timezone.get_current_timezone()
    maandag = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=tz)
    assert academie.binnen_kijkuren(maandag)
    assert not academie.binnen_kijkuren(maandag.replace(hour=9, minute=59))
    assert not academie.binnen_kijkuren(maandag.replace(hour=17, minute=0))
    assert not academie.binnen_kijkuren(maandag + datetime.timedelta(days=1))  # Tuesday
    assert academie.binnen_kijkuren(maandag + datetime.timedelta(days=2))


def test_three_members_outside_hours_hide_the_post(client, academie, leden, coordinator):
    mensen, facilitator = leden
    benoem_moderator(facilitator, academie)
    buiten_kijkuren(academie)
    bericht = bericht_van(mensen[0], academie)
    for melder in mensen[1:3]:
        client.force_login(melder)
        client.post(reverse("melden", args=[bericht.pk]), {"reden": "te heftig"})
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR  # two do not
    client.force_login(mensen[3])
    response = client.post(reverse("melden", args=[bericht.pk]), {"reden": ""})
    assert response.status_code == 302
    bericht.refresh_from_db()
    assert bericht.status == Status.VASTGEHOUDEN
    assert bericht.draad.status == Status.VASTGEHOUDEN  # its first post: the title too
    # Gone for the others, at once.
    assert client.get(reverse("draad", args=[bericht.draad_id])).status_code == 404
    assert CANARY not in client.get(reverse("ruimte", args=[academie.pk])).content.decode()
    # The writer sees it with a kind explanation, and a notice.
    client.force_login(mensen[0])
    pagina = client.get(reverse("draad", args=[bericht.draad_id]), HTTP_ACCEPT_LANGUAGE="en")
    assert CANARY in pagina.content.decode()
    assert "This is not a judgement about you" in pagina.content.decode()
    assert Melding.objects.filter(user=mensen[0], link__contains=str(bericht.draad_id)).exists()
    # The queue: what needs a supportive response first, then the held post, then reports.
    signaal = bericht_van(mensen[1], academie, tekst="ik wil dood")
    moderatie.na_plaatsen(signaal)
    soorten = [z.soort for z in moderatie.wachtrij_voor(facilitator)]
    # The three reports are folded into the held case (their reasons shown with it).
    assert soorten == [Soort.SIGNAAL, Soort.VASTGEHOUDEN]
    assert moderatie.aantal_open_voor(facilitator) == 2
    client.force_login(facilitator)
    wachtrij = client.get(reverse("moderatie"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert wachtrij.count("Reason: te heftig") == 2
    assert wachtrij.index("ik wil dood") < wachtrij.index(CANARY)
    # A facilitator looks: "no action" shows it again and closes every case about it.
    zaak = Moderatiezaak.objects.get(soort=Soort.VASTGEHOUDEN)
    moderatie.besluit(zaak, facilitator, Moderatiezaak.Besluit.GEEN_ACTIE)
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR
    assert not Moderatiezaak.objects.filter(bericht=bericht, afgehandeld_op__isnull=True).exists()


def test_three_reports_by_one_member_do_not_hide(academie, leden):
    mensen, _f = leden
    buiten_kijkuren(academie)
    bericht = bericht_van(mensen[0], academie)
    for _ in range(3):
        moderatie.meld(bericht, mensen[1], "nog eens")
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR
    assert not Moderatiezaak.objects.filter(soort=Soort.VASTGEHOUDEN).exists()


def test_the_writer_reporting_their_own_post_does_not_count(academie, leden):
    mensen, _f = leden
    buiten_kijkuren(academie)
    bericht = bericht_van(mensen[0], academie)
    for melder in (mensen[0], mensen[1], mensen[2]):
        moderatie.meld(bericht, melder, "")
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR
    moderatie.meld(bericht, mensen[3], "")
    bericht.refresh_from_db()
    assert bericht.status == Status.VASTGEHOUDEN


def test_inside_hours_three_reports_stay_visible_and_go_to_the_queue(academie, leden):
    mensen, facilitator = leden
    benoem_moderator(facilitator, academie)
    binnen_kijkuren(academie)
    bericht = bericht_van(mensen[0], academie)
    for melder in mensen[1:4]:
        moderatie.meld(bericht, melder, "")
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR
    assert [z.soort for z in moderatie.wachtrij_voor(facilitator)] == [Soort.GEMELD] * 3
    assert not Melding.objects.filter(user=mensen[0]).exists()


# --- The queue is one tap away, also at 0 ---------------------------------------------


def test_queue_link_is_there_with_zero_cases(client, leden, academie):
    _m, facilitator = leden
    assert moderatie.aantal_open_voor(facilitator) == 0
    client.force_login(facilitator)
    home = client.get(reverse("facilitator_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("moderatie") in home
    assert "Moderation queue (0)" in home
    # A named moderator who facilitates nothing finds it in the community.
    mod = UserFactory()
    benoem_moderator(mod, academie)
    akkoord(mod)
    client.force_login(mod)
    pagina = client.get(reverse("community"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Moderation queue: 0 open cases" in pagina
    assert client.get(reverse("moderatie")).status_code == 200
    # A member who moderates nothing sees no such link.
    client.force_login(_m[0])
    assert reverse("moderatie") not in client.get(reverse("community")).content.decode()


# --- A host's welcome ----------------------------------------------------------------------------


def test_a_host_welcomes_someone_without_learning_who_has_an_account(client, leden, academie):
    _m, facilitator = leden
    gast = UserFactory(email="gast@example.org")
    client.force_login(facilitator)
    bekend = client.post(reverse("community_welkom"), {"email": "GAST@example.org"}, follow=True)
    onbekend = client.post(
        reverse("community_welkom"), {"email": "niemand@example.org"}, follow=True
    )

    def bericht(response):
        return next(str(m) for m in response.context["messages"])

    assert bericht(bekend).replace("GAST@example.org", "X") == bericht(onbekend).replace(
        "niemand@example.org", "X"
    )
    assert CommunityWelkom.objects.count() == 1
    welkom = CommunityWelkom.objects.get()
    assert (welkom.user, welkom.welkom_door) == (gast, facilitator)
    assert AuditEvent.objects.filter(
        soort=AuditEvent.Soort.ROL, betreft=gast, details__rol="community_welkom"
    ).exists()
    assert Melding.objects.filter(user=gast).exists()
    assert toegang.is_lid(gast)


def test_welcoming_yourself_does_nothing(client, leden):
    _m, facilitator = leden
    client.force_login(facilitator)
    client.post(reverse("community_welkom"), {"email": facilitator.email})
    assert not CommunityWelkom.objects.exists()


def test_welcome_with_a_bad_address_keeps_what_was_typed(client, leden):
    _m, facilitator = leden
    client.force_login(facilitator)
    response = client.post(
        reverse("community_welkom"), {"email": "geen-adres"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "does not look like an email address" in response.content.decode()
    assert 'value="geen-adres"' in response.content.decode()


def test_a_member_cannot_welcome_others(client, leden):
    mensen, _f = leden
    client.force_login(mensen[0])
    assert client.post(reverse("community_welkom"), {"email": "x@example.org"}).status_code == 403
    assert not CommunityWelkom.objects.exists()


# --- Moderators and hours, set by a coordinator ----------------------------------------


def test_coordinator_names_and_removes_a_moderator(client, coordinator, leden, academie):
    mensen, facilitator = leden
    client.force_login(coordinator)
    url = reverse("moderator_toevoegen", args=[academie.pk])
    response = client.post(url, {"email": "onbekend@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "We found no account with this address" in response.content.decode()
    assert 'value="onbekend@example.org"' in response.content.decode()
    assert client.post(url, {"email": facilitator.email}).status_code == 302
    moderator = Vrijwilligersrol.objects.get()
    assert (moderator.user, moderator.gestart_door) == (facilitator, coordinator)
    assert (moderator.soort, moderator.groep) == ("moderator", None)
    assert moderatie.is_moderator(facilitator, academie)
    # Members see who looks in.
    client.force_login(mensen[0])
    pagina = client.get(reverse("ruimte", args=[academie.pk])).content.decode()
    assert facilitator.roepnaam in pagina
    client.force_login(coordinator)
    assert client.post(reverse("moderator_verwijderen", args=[moderator.pk])).status_code == 302
    moderator.refresh_from_db()
    assert moderator.eindigt_op == timezone.localdate()
    # A fresh request (a fresh user object): the ended role gives nothing any more.
    facilitator = type(facilitator).objects.get(pk=facilitator.pk)
    assert not moderatie.is_moderator(facilitator, academie)
    rollen = AuditEvent.objects.filter(betreft=facilitator, details__rol="community_moderator")
    assert sorted(e.details["aan"] for e in rollen) == [False, True]


def test_wie_kijkt_er_mee_in_a_cohort_space(client, db):
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=2)
    akkoord(*mensen)
    ruimte = Ruimte.objects.create(groep=groep, naam=groep.naam)
    extra = UserFactory(roepnaam="Mo")
    benoem_moderator(extra, ruimte)
    with translation.override("en"):
        namen = [(m.naam, m.rol) for m in toegang.wie_kijkt_mee(ruimte)]
    assert (facilitator.roepnaam, "facilitator of this group") in namen
    assert ("Mo", "moderator") in namen
    assert len(namen) == 2


def test_hours_form_checks_and_saves(client, coordinator, academie, leden):
    mensen, _facilitator = leden
    client.force_login(coordinator)
    url = reverse("ruimte_instellingen", args=[academie.pk])
    fout = client.post(
        url,
        {"dagen": ["0", "2"], "kijk_van": "18:00", "kijk_tot": "09:00"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert fout.status_code == 400
    assert "The end time must be later than the start time." in fout.content.decode()
    assert 'value="18:00"' in fout.content.decode()
    assert (
        client.post(url, {"dagen": "9", "kijk_van": "10:00", "kijk_tot": "12:00"}).status_code
        == 400
    )
    assert client.post(url, {"kijk_van": "nee", "kijk_tot": ["1", "2"]}).status_code == 400
    ok = client.post(url, {"dagen": ["0", "2", "4"], "kijk_van": "19:00", "kijk_tot": "21:30"})
    assert ok.status_code == 302
    academie.refresh_from_db()
    assert academie.dagen == [0, 2, 4]
    client.force_login(mensen[0])
    pagina = client.get(reverse("ruimte", args=[academie.pk])).content.decode()
    assert "maandag, woensdag en vrijdag" in pagina
    assert "19:00" in pagina
    assert "21:30" in pagina


def test_a_facilitator_sets_hours_only_for_spaces_they_moderate(client, leden, academie):
    _m, facilitator = leden
    cohort = Ruimte.objects.create(groep=facilitator.lidmaatschappen.first().groep, naam="C")
    client.force_login(facilitator)
    assert client.get(reverse("ruimte_instellingen", args=[cohort.pk])).status_code == 200
    assert client.get(reverse("ruimte_instellingen", args=[academie.pk])).status_code == 404
    assert (
        client.post(
            reverse("moderator_toevoegen", args=[cohort.pk]), {"email": "a@b.nl"}
        ).status_code
        == 403
    )


def test_privacy_export_and_erasure(leden, academie, coordinator):
    from lib import privacy as register

    mensen, facilitator = leden
    CommunityWelkom.objects.create(user=mensen[0], welkom_door=facilitator)
    benoem_moderator(facilitator, academie, door=coordinator)
    secties = {s.sleutel: s for s in register.secties()}
    assert list(secties["vrijwilligersrollen"].rijen(facilitator))
    assert list(secties["community_welkom"].rijen(mensen[0]))
    for modellen in (CommunityWelkom, Vrijwilligersrol):
        wis = next(w for w in register.wissers() if modellen in w.modellen)
        wis.functie(facilitator, register.Wiskeuzes())
    assert not Vrijwilligersrol.objects.exists()
    assert CommunityWelkom.objects.get().welkom_door is None


def test_beheer_query_count_does_not_grow(client, coordinator, academie, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ruimtes(n):
        for _ in range(n):
            ruimte = Ruimte.objects.create(groep=GroepFactory(), naam="R")
            benoem_moderator(UserFactory(), ruimte)

    client.force_login(coordinator)
    ruimtes(2)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(reverse("community_beheer")).status_code == 200
    ruimtes(10)
    with django_assert_num_queries(len(klein.captured_queries)):
        assert client.get(reverse("community_beheer")).status_code == 200
