"""After erasure, none of the person's words are left in any table, while the academy's
attendance figures stay exactly the same."""

import datetime

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from groepen.models import (
    Aanwezigheid,
    Intervisiebijeenkomst,
    Intervisiegroep,
    IntervisieLid,
    KalenderFeed,
    Lidmaatschap,
    Sessielog,
)
from herstelmodel.models import Herkenningsmoment, Leesmoment, Reflectie, Verhaal, VerhaalVersie
from impact.periode import Filters, Periode
from nazorg.models import (
    Bericht,
    DigestVoorkeur,
    Draad,
    Herinnering,
    HerkenIk,
    Melding,
    Moderatiezaak,
    NazitMoment,
    NazorgVoorkeur,
    RichtlijnAkkoord,
    Ruimte,
)
from privacy import verwijderen
from privacy.models import Privacyverklaring, Toestemming
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory
from tests.impact.samenvatting_referentie import (
    opkomst as _opkomst,  # the attendance figure, counted directly
)

ROEPNAAM = "Zwaluwstaart"
EMAIL = "kanarie.zwaluw@example.org"
CANARY = "KANARIE"  # every text the person writes contains this word
CANARIES = [ROEPNAAM, EMAIL, CANARY]


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"


def tekst(n):
    return f"{CANARY}-{n} wat ik opschreef"


def encrypted(model_field):
    return type(model_field).__name__.startswith("Encrypted")


@pytest.fixture
def academie(db):
    """A participant with something in every place a person can write, a finished and a
    running group, attendance of six people, and a community with other people's posts."""
    vandaag = timezone.localdate()
    geweest = GroepFactory(
        startdatum=vandaag - datetime.timedelta(days=60),
        einddatum=vandaag - datetime.timedelta(days=10),
    )
    lopend = GroepFactory()
    persoon = UserFactory(roepnaam=ROEPNAAM, email=EMAIL)
    facilitator = UserFactory(mfa=True)
    anderen = [UserFactory() for _ in range(5)]
    for groep in (geweest, lopend):
        LidmaatschapFactory(groep=groep, user=persoon, motivatie=tekst("motivatie"))
        LidmaatschapFactory(groep=groep, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
        for ander in anderen:
            LidmaatschapFactory(groep=groep, user=ander)
    bijeenkomsten = [
        BijeenkomstFactory(groep=geweest, begint_om=timezone.now() - datetime.timedelta(days=d))
        for d in (40, 30, 20)
    ]
    for i, b in enumerate(bijeenkomsten):
        for j, user in enumerate([persoon, *anderen]):
            status = "aanwezig" if (i + j) % 3 else "afwezig"
            Aanwezigheid.objects.create(bijeenkomst=b, user=user, status=status)

    # Herstelmodel.
    reflectie = Reflectie.objects.create(
        auteur=persoon,
        groep=geweest,
        stap=2,
        tekst=tekst("reflectie"),
        zichtbaarheid="facilitators",
    )
    Leesmoment.objects.create(reflectie=reflectie, lezer=facilitator)
    Herkenningsmoment.objects.create(
        auteur=persoon, groep=geweest, soort="herkend", oorzaak="sfeer", notitie=tekst("herkenning")
    )
    verhaal = Verhaal.objects.create(auteur=persoon)
    versie = VerhaalVersie.objects.create(
        verhaal=verhaal, titel=tekst("titel"), inhoud=f'{{"leven": "{tekst("verhaal")}"}}'
    )
    verhaal.gedeelde_versie = versie
    verhaal.gedeeld_met = geweest
    verhaal.save()

    # Community: a thread of theirs with someone else's reply, a reply of theirs in someone
    # else's thread, a getuigenis, a "herken ik", a report.
    ruimte = Ruimte.objects.create(naam="Iedereen")
    eigen_draad = Draad.objects.create(ruimte=ruimte, titel=tekst("draad"), auteur=persoon)
    Bericht.objects.create(draad=eigen_draad, auteur=persoon, tekst=tekst("opening"))
    antwoord = Bericht.objects.create(draad=eigen_draad, auteur=anderen[0], tekst="Herkenbaar!")
    andere_draad = Draad.objects.create(ruimte=ruimte, titel="Hoe gaat het?", auteur=anderen[1])
    ander_bericht = Bericht.objects.create(draad=andere_draad, auteur=anderen[1], tekst="Goed")
    Bericht.objects.create(draad=andere_draad, auteur=persoon, tekst=tekst("reactie"))
    Bericht.objects.create(draad=andere_draad, auteur=persoon, tekst="", getuigenis=versie)
    alleen_eigen = Draad.objects.create(ruimte=ruimte, titel=tekst("stil"), auteur=persoon)
    Bericht.objects.create(draad=alleen_eigen, auteur=persoon, tekst=tekst("stil-bericht"))
    HerkenIk.objects.create(bericht=ander_bericht, user=persoon)
    HerkenIk.objects.create(bericht=antwoord, user=anderen[2])
    Moderatiezaak.objects.create(
        bericht=ander_bericht, soort="gemeld", gemeld_door=persoon, reden=tekst("melding")
    )
    RichtlijnAkkoord.objects.create(user=persoon)
    DigestVoorkeur.objects.create(user=persoon, wekelijks=True)

    # Aftercare.
    moment = NazitMoment.objects.create(
        groep=geweest, dagen_na_einde=14, datum=vandaag + datetime.timedelta(days=4)
    )
    oud = NazitMoment.objects.create(groep=geweest, dagen_na_einde=7, datum=vandaag)
    gepland = Herinnering.objects.create(
        user=persoon, groep=geweest, moment=moment, verstuur_op=timezone.now()
    )
    Herinnering.objects.create(
        user=persoon,
        groep=geweest,
        moment=oud,
        verstuur_op=timezone.now(),
        status="verzonden",
        verzonden_op=timezone.now(),
        laatste_fout=f"550 mailbox {EMAIL} full",
        aanwezig=True,
    )
    Melding.objects.create(user=persoon, titel="Nazit", herinnering=gepland)
    NazorgVoorkeur.objects.create(user=persoon, per_email=False)
    KalenderFeed.objects.create(user=persoon)

    verklaring = Privacyverklaring.objects.order_by("versie").first() or (
        Privacyverklaring.objects.create(versie=1, tekst="Zo gaan we met je gegevens om.")
    )
    Toestemming.objects.create(user=persoon, verklaring=verklaring)
    return {
        "persoon": persoon,
        "anderen": anderen,
        "facilitator": facilitator,
        "geweest": geweest,
        "lopend": lopend,
        "eigen_draad": eigen_draad,
        "alleen_eigen": alleen_eigen,
        "antwoord": antwoord,
        "andere_draad": andere_draad,
    }


def tekstvelden(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField)) or encrypted(f)
    ]


def vind_sporen() -> list[str]:
    """Every place any canary still appears: through the ORM (decrypted values) for every
    model, and with raw SQL over every column of every table, models or not."""
    gevonden = []
    for model in apps.get_models():
        for veld in tekstvelden(model):
            for waarde in model._default_manager.values_list(veld.name, flat=True).iterator():
                for canary in CANARIES:
                    if waarde and canary.lower() in str(waarde).lower():
                        gevonden.append(f"{model._meta.label}.{veld.name}")
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names(cursor):
            for kolom in connection.introspection.get_table_description(cursor, tabel):
                qn = connection.ops.quote_name
                for canary in CANARIES:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {qn(tabel)} "  # noqa: S608 - names from introspection
                        f"WHERE LOWER(CAST({qn(kolom.name)} AS TEXT)) LIKE %s",
                        [f"%{canary.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        gevonden.append(f"{tabel}.{kolom.name} (SQL)")
    return sorted(set(gevonden))


def opkomst_cijfers():
    vandaag = timezone.localdate()
    periode = Periode(begin=vandaag - datetime.timedelta(days=90), einde=vandaag, label="test")
    per_status = dict(
        Aanwezigheid.objects.values_list("status").annotate(n=models.Count("pk")).order_by()
    )
    return _opkomst(periode, Filters()), per_status


def test_the_canaries_are_found_before(academie):
    """The scan itself works: before erasure it finds the person everywhere."""
    sporen = vind_sporen()
    for verwacht in [
        "herstelmodel.Reflectie.tekst",
        "herstelmodel.VerhaalVersie.inhoud",
        "nazorg.Bericht.tekst",
        "nazorg.Draad.titel",
        "groepen.Lidmaatschap.motivatie",
        "deelnemers.User.roepnaam",
        "account.EmailAddress.email",
        "groepen_lidmaatschap.motivatie (SQL)",
    ]:
        assert verwacht in sporen


@pytest.mark.parametrize("berichten", ["verwijderen", "anoniem"])
def test_erasure_leaves_no_words_and_the_figures_stay(academie, berichten):
    persoon = academie["persoon"]
    opkomst_voor, per_status_voor = opkomst_cijfers()
    assert opkomst_voor["mensen"] == 6 and opkomst_voor["totaal"] == 18

    assert verwijderen.verwijder_account(persoon, berichten, door=persoon)

    assert vind_sporen() == ([] if berichten == "verwijderen" else _anoniem_behouden())
    assert opkomst_cijfers() == (opkomst_voor, per_status_voor)
    # Everything personal is gone; what others wrote stays.
    assert not Reflectie.objects.filter(auteur=persoon).exists()
    assert not Leesmoment.objects.filter(reflectie__auteur=persoon).exists()
    assert not Herkenningsmoment.objects.filter(auteur=persoon).exists()
    assert not VerhaalVersie.objects.exists()
    assert not Herinnering.objects.filter(user=persoon).exclude(status="verzonden").exists()
    assert Herinnering.objects.filter(user=persoon, aanwezig=True).count() == 1
    for model in (Melding, NazorgVoorkeur, DigestVoorkeur, RichtlijnAkkoord, KalenderFeed):
        assert not model.objects.filter(user=persoon).exists()
    assert not Toestemming.objects.filter(user=persoon).exists()
    assert Bericht.objects.filter(pk=academie["antwoord"].pk).exists()
    assert HerkenIk.objects.filter(bericht=academie["antwoord"]).exists()
    assert (
        Lidmaatschap.objects.get(user=persoon, groep=academie["lopend"]).status == "uitgeschreven"
    )
    assert Lidmaatschap.objects.get(user=persoon, groep=academie["geweest"]).status == "actief"


def _anoniem_behouden():
    """Kept anonymously, their posts and thread titles are still there (without a name),
    readable only through the ORM: in SQL they are encrypted."""
    return sorted({"nazorg.Bericht.tekst", "nazorg.Draad.titel"})


def _met_canary(qs, veld):
    # Encrypted fields cannot be searched in SQL: look in the decrypted values.
    return [o for o in qs if CANARY in getattr(o, veld)]


def test_posts_kept_anonymously_show_no_name(academie, client):
    persoon = academie["persoon"]
    verwijderen.verwijder_account(persoon, "anoniem", door=persoon)
    assert len(_met_canary(Bericht.objects.all(), "tekst")) == 3
    assert not _met_canary(Bericht.objects.filter(auteur__isnull=False), "tekst")
    assert not _met_canary(Draad.objects.filter(auteur__isnull=False), "titel")
    lezer = academie["anderen"][1]
    RichtlijnAkkoord.objects.create(user=lezer)
    client.force_login(lezer)
    page = client.get(reverse("draad", kwargs={"pk": academie["andere_draad"].pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert tekst("reactie") in html
    assert "a participant" in html
    assert ROEPNAAM not in html and "Former member" not in html


def test_posts_deleted_keep_the_replies_of_others(academie):
    persoon = academie["persoon"]
    verwijderen.verwijder_account(persoon, "verwijderen", door=persoon)
    assert not _met_canary(Bericht.objects.all(), "tekst")
    # Their thread with someone else's reply stays (neutral title), the one without goes.
    draad = Draad.objects.get(pk=academie["eigen_draad"].pk)
    assert draad.auteur is None and CANARY not in draad.titel
    assert list(draad.berichten.values_list("tekst", flat=True)) == ["Herkenbaar!"]
    assert not Draad.objects.filter(pk=academie["alleen_eigen"].pk).exists()


def test_facilitator_notes_they_wrote_are_deleted(db):
    """A facilitator whose groups have all ended: their session logs and intervisie notes go;
    notes a colleague wrote stay."""
    vandaag = timezone.localdate()
    geweest = GroepFactory(
        startdatum=vandaag - datetime.timedelta(days=60),
        einddatum=vandaag - datetime.timedelta(days=10),
    )
    fac = UserFactory(roepnaam=ROEPNAAM, email=EMAIL, mfa=True)
    collega = UserFactory(mfa=True)
    LidmaatschapFactory(groep=geweest, user=fac, rol=Lidmaatschap.Rol.FACILITATOR)
    b1, b2 = (
        BijeenkomstFactory(groep=geweest, begint_om=timezone.now() - datetime.timedelta(days=d))
        for d in (30, 20)
    )
    Sessielog.objects.create(bijeenkomst=b1, sfeer=tekst("sfeer"), geschreven_door=fac)
    van_collega = Sessielog.objects.create(bijeenkomst=b2, sfeer="Rustig", geschreven_door=collega)
    ig = Intervisiegroep.objects.create(naam="Dinsdag")
    IntervisieLid.objects.create(groep=ig, user=fac)
    Intervisiebijeenkomst.objects.create(
        groep=ig,
        begint_om=timezone.now(),
        methode="incident",
        vraag=tekst("vraag"),
        aangemaakt_door=fac,
    )
    ingebracht = Intervisiebijeenkomst.objects.create(
        groep=ig, begint_om=timezone.now(), methode="balint", inbrenger=fac, aangemaakt_door=collega
    )

    verwijderen.verwijder_account(fac, "verwijderen", door=fac)

    assert vind_sporen() == []
    assert list(Sessielog.objects.all()) == [van_collega]
    ingebracht.refresh_from_db()
    assert ingebracht.inbrenger is None
    assert not IntervisieLid.objects.get(user=fac).actief


def test_erasure_query_count_does_not_grow_with_data(db, django_assert_max_num_queries):
    def persoon_met(n):
        groep = GroepFactory()
        user = UserFactory()
        LidmaatschapFactory(groep=groep, user=user)
        Reflectie.objects.bulk_create(
            [Reflectie(auteur=user, groep=groep, stap=1, tekst=tekst(i)) for i in range(n)]
        )
        ruimte = Ruimte.objects.get_or_create(naam="Iedereen")[0]
        draad = Draad.objects.create(ruimte=ruimte, titel="t", auteur=user)
        Bericht.objects.bulk_create(
            [Bericht(draad=draad, auteur=user, tekst=tekst(i)) for i in range(n)]
        )
        return user

    klein, groot = persoon_met(2), persoon_met(40)
    # The ceiling grows a little with each app that erases its own rows (doorgroei: four
    # topics); what matters is the second block: no growth with the amount of data.
    with django_assert_max_num_queries(110) as weinig:
        verwijderen.verwijder_account(klein, "verwijderen", door=klein)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        verwijderen.verwijder_account(groot, "verwijderen", door=groot)
