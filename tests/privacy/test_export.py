"""Downloading your own data: every kind of it, nothing of anyone else, streamed."""

import datetime
import io
import json
import zipfile
from secrets import token_hex

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from audit.log import record
from audit.models import AuditEvent
from doorgroei.models import (
    Activiteitvoorstel,
    Meehelpwens,
    Ontwikkeling,
    Verhaalaanbod,
    Verhaaluitnodiging,
)
from groepen.models import (
    Aanwezigheid,
    Gespreksboeking,
    Gespreksslot,
    Intervisiebijeenkomst,
    Intervisiegroep,
    IntervisieLid,
    KalenderFeed,
    Kennismaking,
    Sessielog,
    Vrijwilligersrol,
)
from herstelmodel.models import (
    Herkenningsmoment,
    Leesmoment,
    Reflectie,
    Steunplan,
    SteunplanLezing,
    Verhaal,
    VerhaalVersie,
    Zichtbaarheid,
)
from nazorg.models import (
    Bericht,
    BerichtVersie,
    CommunityPauze,
    CommunityWelkom,
    Demping,
    DigestVoorkeur,
    Draad,
    GedempteWoorden,
    GesprekmailStand,
    GesprekmeldingVoorkeur,
    GevolgdeRuimte,
    Herinnering,
    HerkenIk,
    Melding,
    Missen,
    MissenVoorkeur,
    Moderatiezaak,
    NazitBericht,
    NazitMoment,
    NazorgVoorkeur,
    RichtlijnAkkoord,
    Ruimte,
)
from privacy import toestemming
from privacy.export import SECTIES
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    LidmaatschapFactory,
    UserFactory,
    benoem_moderator,
)

pytestmark = pytest.mark.usefixtures("eigen_cache")


@pytest.fixture(autouse=True)
def engels(settings):
    settings.LANGUAGE_CODE = "en"


def download(client):
    response = client.post(reverse("privacy_export"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert sorted(zf.namelist()) == ["gegevens.html", "gegevens.json"]
        return json.loads(zf.read("gegevens.json")), zf.read("gegevens.html").decode()


@pytest.fixture
def alles(groep, deelnemer, facilitator, v1):
    """The deelnemer has every kind of data; another person has canaries (ANDER-...)."""
    ander = UserFactory(roepnaam="Ander")
    LidmaatschapFactory(groep=groep, user=ander)
    nu = timezone.now()
    geweest = BijeenkomstFactory(groep=groep, begint_om=nu - datetime.timedelta(days=3))
    deelnemer.lidmaatschappen.update(motivatie="EIGEN-MOTIVATIE")
    Aanwezigheid.objects.create(bijeenkomst=geweest, user=deelnemer, status="aanwezig")

    gedeeld = Reflectie.objects.create(
        auteur=deelnemer,
        groep=groep,
        bijeenkomst=geweest,
        stap=3,
        tekst="EIGEN-REFLECTIE",
        zichtbaarheid=Zichtbaarheid.FACILITATORS,
    )
    Leesmoment.objects.create(reflectie=gedeeld, lezer=facilitator)
    Reflectie.objects.create(auteur=ander, groep=groep, stap=2, tekst="ANDER-REFLECTIE")
    Herkenningsmoment.objects.create(
        auteur=deelnemer, groep=groep, soort="herkend", oorzaak="sfeer", notitie="EIGEN-NOTITIE"
    )
    Herkenningsmoment.objects.create(auteur=ander, soort="herkend", notitie="ANDER-NOTITIE")
    verhaal = Verhaal.objects.create(auteur=deelnemer)
    VerhaalVersie.objects.create(
        verhaal=verhaal, titel="EIGEN-TITEL", inhoud=json.dumps({"overweldigd": "EIGEN-VERHAAL"})
    )
    VerhaalVersie.objects.create(
        verhaal=Verhaal.objects.create(auteur=ander), inhoud='{"overweldigd": "ANDER-VERHAAL"}'
    )
    plan = Steunplan.objects.create(auteur=deelnemer, mensen="EIGEN-STEUNPLAN")
    SteunplanLezing.objects.create(steunplan=plan, lezer=facilitator)
    Steunplan.objects.create(auteur=ander, mensen="ANDER-STEUNPLAN")

    ruimte = Ruimte.objects.create(naam="Academie")
    eigen_draad = Draad.objects.create(ruimte=ruimte, titel="EIGEN-DRAAD", auteur=deelnemer)
    eigen_bericht = Bericht.objects.create(
        draad=eigen_draad, auteur=deelnemer, tekst="EIGEN-BERICHT"
    )
    andere_draad = Draad.objects.create(ruimte=ruimte, titel="ANDER-DRAAD", auteur=ander)
    ander_bericht = Bericht.objects.create(draad=andere_draad, auteur=ander, tekst="ANDER-BERICHT")
    Bericht.objects.create(draad=andere_draad, auteur=deelnemer, tekst="EIGEN-REACTIE")
    HerkenIk.objects.create(bericht=ander_bericht, user=deelnemer)
    BerichtVersie.objects.create(bericht=eigen_bericht, tekst="EIGEN-EERDERE-VERSIE")
    BerichtVersie.objects.create(bericht=ander_bericht, tekst="ANDER-EERDERE-VERSIE")
    HerkenIk.objects.create(bericht=eigen_bericht, user=ander)
    Moderatiezaak.objects.create(
        bericht=ander_bericht, soort="gemeld", gemeld_door=deelnemer, reden="EIGEN-MELDREDEN"
    )
    Moderatiezaak.objects.create(
        bericht=eigen_bericht,
        soort="gemeld",
        gemeld_door=ander,
        reden="ANDER-MELDREDEN",
        besluit="geen_actie",
        besluit_reden="BESLUIT-VOOR-JOU",
        afgehandeld_door=facilitator,
        afgehandeld_op=nu,
    )
    RichtlijnAkkoord.objects.create(user=deelnemer)
    Demping.objects.create(user=deelnemer, draad=andere_draad)
    DigestVoorkeur.objects.create(user=deelnemer, wekelijks=True)
    CommunityPauze.objects.create(user=deelnemer, tot=nu + datetime.timedelta(days=7))
    GedempteWoorden.objects.create(user=deelnemer, woorden="EIGEN-DEMPWOORD\nnog een")
    GedempteWoorden.objects.create(user=ander, woorden="ANDER-DEMPWOORD")
    # Welcomed by a host, and named moderator of the space (issue 15).
    CommunityWelkom.objects.create(user=deelnemer, welkom_door=facilitator)
    benoem_moderator(deelnemer, ruimte, door=ander)

    moment = NazitMoment.objects.create(
        groep=groep, dagen_na_einde=14, datum=timezone.localdate() + datetime.timedelta(days=9)
    )
    uitnodiging = Herinnering.objects.create(
        user=deelnemer, groep=groep, moment=moment, verstuur_op=nu, antwoord="ja"
    )
    NazitBericht.objects.create(
        herinnering=uitnodiging, user=deelnemer, groep=groep, moment=moment,
        soort=NazitBericht.Soort.DATUM_BEKEND, verstuur_op=nu,
    )  # fmt: skip
    NazorgVoorkeur.objects.create(user=deelnemer, groep=None, per_email=False)
    Melding.objects.create(user=deelnemer, titel="EIGEN-MELDING", link="/nazorg/")
    Melding.objects.create(user=ander, titel="ANDER-MELDING")
    GesprekmeldingVoorkeur.objects.create(user=deelnemer, herken_ik=False)
    # "We missen je" (nazorg/missen.py): handled by the other person, whose name stays out.
    Missen.objects.create(
        user=deelnemer, groep=groep, soort="afwezig", bijeenkomst=geweest, sinds=nu,
        afgehandeld_op=nu, afgehandeld_door=ander, afhandeling="contact",
    )  # fmt: skip
    Missen.objects.create(user=ander, groep=groep, soort="afwezig", bijeenkomst=geweest, sinds=nu)
    MissenVoorkeur.objects.create(user=deelnemer, berichten=False)
    # A followed space and the last reply email (nazorg/volgen.py, nazorg/gesprekmail.py).
    GevolgdeRuimte.objects.create(user=deelnemer, ruimte=ruimte)
    GesprekmailStand.objects.create(user=deelnemer, laatst_gemaild=nu)
    GesprekmailStand.objects.create(user=ander, laatst_gemaild=nu)
    KalenderFeed.objects.create(user=deelnemer)
    toestemming.accepteer(deelnemer, v1)
    record(AuditEvent.Soort.LOGIN, actor=deelnemer, betreft=deelnemer)
    record(AuditEvent.Soort.LOGIN, actor=ander, betreft=ander)

    Sessielog.objects.create(
        bijeenkomst=geweest, sfeer="FACILITATOR-SFEER", geschreven_door=facilitator
    )
    intervisie = Intervisiegroep.objects.create(naam="Intervisie Noord")
    IntervisieLid.objects.create(groep=intervisie, user=facilitator)
    Intervisiebijeenkomst.objects.create(
        groep=intervisie,
        begint_om=nu,
        methode="incident",
        vraag="FACILITATOR-VRAAG",
        aangemaakt_door=facilitator,
    )
    # A first conversation asked while signed in, one by someone else, and the host role.
    Kennismaking.objects.create(
        user=deelnemer,
        voornaam="Sam",
        email=deelnemer.email,
        wens="EIGEN-KENNISMAKING",
        aangemaakt_op=nu,
    )
    Kennismaking.objects.create(
        voornaam="Ander", telefoon="06 12345678", wens="ANDER-KENNISMAKING", aangemaakt_op=nu
    )
    Vrijwilligersrol.objects.create(
        user=deelnemer, soort="buddy", omschrijving="EIGEN-ROL", begint_op=nu.date()
    )
    # A wish to help, invited with a note to the deelnemer; another person's wish.
    Meehelpwens.objects.create(
        user=deelnemer, manieren=["gastheer"], anders="EIGEN-MEEHELPWENS", status="uitgenodigd",
        notitie="NOTITIE-VOOR-JOU", beslist_door=facilitator, beslist_op=nu,
    )  # fmt: skip
    Meehelpwens.objects.create(user=ander, anders="ANDER-MEEHELPWENS")
    # A check-in with a skipped question, and a check-in offer put off for now.
    from doorgroei.models import Uitkomst, UitkomstNuNiet

    Uitkomst.objects.create(user=deelnemer, vrijwilligerswerk=True, eigen_woorden="EIGEN-CHECK-IN")
    Uitkomst.objects.create(user=ander, eigen_woorden="ANDER-CHECK-IN")
    UitkomstNuNiet.objects.create(user=deelnemer, groep=groep, maanden=3)
    # A conversation the deelnemer booked, with the facilitator's note about it.
    aanbod = AanbodFactory(soort="gesprek")
    slot = Gespreksslot.objects.create(
        aanbod=aanbod,
        ervaringsdeskundige=facilitator,
        begint_om=nu - datetime.timedelta(days=1),
        eindigt_om=nu - datetime.timedelta(hours=23),
        plaats="Kamer 2",
    )
    Gespreksboeking.objects.create(
        slot=slot, deelnemer=deelnemer, vraag="EIGEN-GESPREKSVRAAG", notitie="FACILITATOR-NOTITIE"
    )
    # Growing as a volunteer and getuigenis as a role (doorgroei/privacy_groei.py).
    Ontwikkeling.objects.create(
        user=deelnemer, soort="oce", titel="OCE", datum=nu.date(), notitie="EIGEN-ONTWIKKELING"
    )
    Verhaalaanbod.objects.create(user=deelnemer)
    komend = BijeenkomstFactory(groep=groep, begint_om=nu + datetime.timedelta(days=5))
    for wie, bericht in ((deelnemer, "UITNODIGING-VOOR-JOU"), (ander, "ANDER-UITNODIGING")):
        Verhaaluitnodiging.objects.create(
            user=wie, bijeenkomst=komend, uitgenodigd_door=facilitator, bericht=bericht
        )
    # An activity the deelnemer proposed, with the coordinator's note to them (issue 16).
    Activiteitvoorstel.objects.create(
        indiener=deelnemer, titel="EIGEN-VOORSTEL", beschrijving="x", notitie="NOTITIE-VOOR-JOU"
    )
    Activiteitvoorstel.objects.create(indiener=ander, titel="ANDER-VOORSTEL", beschrijving="x")
    return ander


EIGEN = (
    "EIGEN-REFLECTIE",
    "EIGEN-NOTITIE",
    "EIGEN-TITEL",
    "EIGEN-VERHAAL",
    "EIGEN-MOTIVATIE",
    "EIGEN-DRAAD",
    "EIGEN-BERICHT",
    "EIGEN-REACTIE",
    "EIGEN-EERDERE-VERSIE",
    "EIGEN-MELDREDEN",
    "BESLUIT-VOOR-JOU",
    "EIGEN-MELDING",
    "EIGEN-STEUNPLAN",
    "EIGEN-DEMPWOORD",
    "EIGEN-KENNISMAKING",
    "EIGEN-GESPREKSVRAAG",
    "EIGEN-ONTWIKKELING",
    "UITNODIGING-VOOR-JOU",
    "EIGEN-MEEHELPWENS",
    "EIGEN-VOORSTEL",
    "NOTITIE-VOOR-JOU",
    "EIGEN-CHECK-IN",
)
VAN_ANDEREN = (
    "ANDER-REFLECTIE",
    "ANDER-NOTITIE",
    "ANDER-VERHAAL",
    "ANDER-DRAAD",
    "ANDER-BERICHT",
    "ANDER-EERDERE-VERSIE",
    "ANDER-MELDREDEN",
    "ANDER-MELDING",
    "ANDER-STEUNPLAN",
    "ANDER-DEMPWOORD",
    "FACILITATOR-SFEER",
    "FACILITATOR-VRAAG",
    "ANDER-KENNISMAKING",
    "FACILITATOR-NOTITIE",
    "ANDER-UITNODIGING",
    "ANDER-MEEHELPWENS",
    "ANDER-VOORSTEL",
    "ANDER-CHECK-IN",
)


def test_export_holds_every_kind_of_own_data_and_nothing_of_anyone_else(client, deelnemer, alles):
    client.force_login(deelnemer)
    gegevens, html = download(client)
    ruw = json.dumps(gegevens, ensure_ascii=False)

    for tekst in EIGEN:
        assert tekst in ruw, tekst
        assert tekst in html, tekst
    for tekst in VAN_ANDEREN:
        assert tekst not in ruw, tekst
        assert tekst not in html, tekst
    assert "Ander" not in html  # not even the other person's name

    # Every kind has its own section in the JSON.
    assert set(gegevens) == {"gemaakt_op"} | {s.sleutel for s in SECTIES}
    niet_leeg = {k for k, v in gegevens.items() if k != "gemaakt_op" and v}
    assert niet_leeg == {s.sleutel for s in SECTIES} - {
        "sessielogs",
        "intervisiegroepen",
        "intervisie",
        "verwijderverzoeken",
        "gespreksslots",
        "gespreksnotities",
        "verhaaluitnodigingen_verstuurd",
    }
    [account] = gegevens["account"]
    assert account["email"] == deelnemer.email and account["roepnaam"] == "Sam"
    [reflectie] = gegevens["reflecties"]
    assert reflectie["stap"] == 3 and reflectie["zichtbaarheid"] == "facilitators"
    assert gegevens["leesmomenten"][0]["lezer"] == "Ruben"
    assert gegevens["verhaal_versies"][0]["delen"] == {"overweldigd": "EIGEN-VERHAAL"}
    assert gegevens["toestemmingen"][0]["versie"] == 1
    assert [b["gesprek_titel"] for b in gegevens["community_berichten"]] == ["EIGEN-DRAAD", None]
    assert gegevens["herinneringen"][0]["antwoord"] == "ja"
    assert {e["soort"] for e in gegevens["logboek"]} >= {"login", "toestemming"}
    assert "token" not in json.dumps(gegevens["kalender"])

    # The readable page: headings for the kinds, labels instead of codes, no outside links.
    for kop in ("Reflections", "Who read your shared reflections", "Attendance"):
        assert f"<h2>{kop}</h2>" in html
    assert "Acknowledgement" in html and "the facilitators of this group" in html
    assert "<script" not in html and "http" not in html.replace('href="#', "")

    event = AuditEvent.objects.get(soort=AuditEvent.Soort.EXPORT_EIGEN)
    assert event.actor == deelnemer and event.betreft == deelnemer


def test_facilitators_get_their_session_logs_and_intervision_notes(client, facilitator, alles):
    client.force_login(facilitator)
    gegevens, html = download(client)
    assert gegevens["sessielogs"][0]["sfeer"] == "FACILITATOR-SFEER"
    assert gegevens["intervisie"][0]["vraag"] == "FACILITATOR-VRAAG"
    assert "Session logs you wrote" in html and "FACILITATOR-VRAAG" in html
    verstuurd = {u["bericht"] for u in gegevens["verhaaluitnodigingen_verstuurd"]}
    assert verstuurd == {"UITNODIGING-VOOR-JOU", "ANDER-UITNODIGING"}
    for tekst in ("EIGEN-REFLECTIE", "ANDER-REFLECTIE", "EIGEN-BERICHT"):
        assert tekst not in html


def test_a_participant_without_facilitator_notes_gets_no_empty_facilitator_sections(
    client, outsider, v1
):
    client.force_login(outsider)
    gegevens, html = download(client)
    assert gegevens["reflecties"] == [] and gegevens["sessielogs"] == []
    assert "Session logs you wrote" not in html
    assert "Nothing here." in html


def test_html_escapes_what_people_wrote(client, deelnemer, v1):
    aanval = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    Reflectie.objects.create(auteur=deelnemer, stap=1, tekst=aanval)
    deelnemer.roepnaam = "<b>Sam</b>"
    deelnemer.save()
    client.force_login(deelnemer)
    gegevens, html = download(client)
    assert gegevens["reflecties"][0]["tekst"] == aanval
    assert "<script>" not in html and "<img" not in html and "<b>Sam" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def _maak_reflecties(user, aantal):
    Reflectie.objects.bulk_create(
        # Random words, so the zip cannot shrink them to nothing.
        Reflectie(auteur=user, stap=(i % 6) + 1, tekst=f"Reflectie nummer {i} {token_hex(100)}")
        for i in range(aantal)
    )


def _export_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("privacy_export"))
        stukken = list(response.streaming_content)
    return len(queries), stukken


def test_a_large_account_streams_with_a_fixed_number_of_queries(client, deelnemer, v1):
    client.force_login(deelnemer)
    _maak_reflecties(deelnemer, 30)
    _export_queries(client)  # the first request of a session does one-off writes
    klein, _ = _export_queries(client)
    _maak_reflecties(deelnemer, 3000 - 30)
    groot, stukken = _export_queries(client)
    assert groot == klein
    assert len(stukken) > 3  # handed out in pieces while being made, not in one block
    with zipfile.ZipFile(io.BytesIO(b"".join(stukken))) as zf:
        gegevens = json.loads(zf.read("gegevens.json"))
        assert len(gegevens["reflecties"]) == 3000
        assert zf.read("gegevens.html").decode().count("Reflectie nummer") == 3000


def test_export_page_explains_and_the_download_needs_a_post(client, deelnemer, v1):
    client.force_login(deelnemer)
    response = client.get(reverse("privacy_export"))
    assert response.status_code == 200
    assert "gegevens.html" in response.content.decode()
    assert not AuditEvent.objects.filter(soort=AuditEvent.Soort.EXPORT_EIGEN).exists()


def test_export_needs_login_and_csrf(client, deelnemer, v1):
    response = client.post(reverse("privacy_export"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    strikt = Client(enforce_csrf_checks=True)
    strikt.force_login(deelnemer)
    assert strikt.post(reverse("privacy_export")).status_code == 403
    assert not AuditEvent.objects.filter(soort=AuditEvent.Soort.EXPORT_EIGEN).exists()


def test_a_dutch_export_is_in_dutch(client, deelnemer, alles, settings):
    """Every heading and label of the readable page is translated (they were English)."""
    settings.LANGUAGE_CODE = "nl"
    client.force_login(deelnemer)
    gegevens, html = download(client)
    for nl in ("<h2>Je account</h2>", "<dt>Bijeenkomst</dt>", "<dt>Wie het mag lezen</dt>"):
        assert nl in html
    for en in ("Your account", "Meeting", "Who may read it", "Nothing here", "Written on"):
        assert en not in html
    # The keys of gegevens.json stay the same in every language; the labels are Dutch.
    assert gegevens["reflecties"][0]["zichtbaarheid"] == "facilitators"
    # Every section and label has a Dutch text (a few words are the same in both).
    zelfde = {"Status", "Link"}
    for sectie in SECTIES:
        with translation.override("nl"):
            titel, labels = str(sectie.titel), [str(v.label) for v in sectie.velden]
        with translation.override("en"):
            engels = str(sectie.titel), [str(v.label) for v in sectie.velden]
        assert titel != engels[0]
        assert f"<h2>{escape(titel)}</h2>" in html or sectie.optioneel, titel
        for label, label_en in zip(labels, engels[1], strict=True):
            assert label != label_en or label_en in zelfde, label_en
