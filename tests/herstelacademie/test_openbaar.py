"""The public face (issue 14): the home, the offer and the locations for a visitor
without an account; no personal data on them, and a flat number of queries."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelnemers.academie import huidige_academie
from groepen import openbaar
from groepen.models import Aanbod, Lidmaatschap
from tests.factories import (
    AanbodFactory,
    BijeenkomstFactory,
    GroepFactory,
    LidmaatschapFactory,
    LocatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _om(dagen, uur):
    """A moment `dagen` from today at `uur` o'clock, local time."""
    dag = timezone.localdate() + datetime.timedelta(days=dagen)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def _inloop(locatie, dagen=1, uur=10):
    aanbod = AanbodFactory(soort=Aanbod.Soort.INLOOP, titel="Inloop De Linde", plek=locatie)
    groep = GroepFactory(aanbod=aanbod, plek=locatie, locatie="", einddatum=None)
    return BijeenkomstFactory(groep=groep, begint_om=_om(dagen, uur))


def _cursus(titel="WRAP", start=7, uur=19, capaciteit=None, **kwargs):
    aanbod = AanbodFactory(titel=titel, **kwargs)
    groep = GroepFactory(
        aanbod=aanbod,
        capaciteit=capaciteit,
        naam=f"{titel} groep",
        startdatum=timezone.localdate() + datetime.timedelta(days=start),
    )
    BijeenkomstFactory(groep=groep, begint_om=_om(start, uur))
    return groep


def _ld(html):
    blokken = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blokken]


def _titel(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_home_for_a_visitor_shows_who_we_are_the_walk_in_and_the_way_in(client):
    academie = huidige_academie()
    academie.introductie = "Wij zijn een plek voor herstel in Nijmegen."
    academie.contact_telefoon = "024 123 45 67"
    academie.save()
    linde = LocatieFactory(naam="Buurthuis De Linde")
    _inloop(linde, dagen=2, uur=10)
    _inloop(linde, dagen=9, uur=11)  # next week: not on this week's list
    _cursus("Kennismaken met herstel", start=5)

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wij zijn een plek voor herstel in Nijmegen." in html
    inloop = re.search(r'<ul id="inloop-deze-week">(.*?)</ul>', html, re.S).group(1)
    assert inloop.count("<li>") == 1
    assert "10:00" in inloop
    assert linde.get_absolute_url() in inloop
    assert "Kennismaken met herstel" in html
    assert 'href="/kennismaken/"' in html
    assert 'href="/kennismaken/?soort=inloop"' in html
    assert "Kom kennismaken" in html
    assert "Ik kom langs bij de inloop" in html
    assert "0800-0113" in html
    assert "112" in html
    assert "024 123 45 67" in html
    assert _titel(html)
    assert '<meta name="description" content="Wij zijn' in html
    (organisatie,) = _ld(html)
    assert organisatie["@type"] == "Organization"
    assert organisatie["name"] == academie.naam
    assert organisatie["telephone"] == "024 123 45 67"


def test_json_ld_cannot_end_its_script_block(client):
    academie = huidige_academie()
    academie.naam = "</script><script>alert(1)</script>"
    academie.save()
    html = client.get("/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert _ld(html)[0]["name"] == academie.naam


def test_signed_in_people_still_go_to_their_home(client, deelnemer):
    client.force_login(deelnemer)
    assert client.get("/").url == reverse("mijn_overzicht")


def test_visitor_sees_only_published_offer_and_the_filters_work(client):
    linde, park = LocatieFactory(naam="De Linde"), LocatieFactory(naam="Het Park")
    _cursus("Ochtendcursus", uur=9)
    avond = _cursus("Avondcursus", uur=19)
    avond.plek = park
    avond.save()
    _cursus("Voor naasten", uur=14, voor_naasten=True, soort=Aanbod.Soort.LOTGENOTEN)
    _cursus("Oud", gearchiveerd=True)
    _inloop(linde)

    def titels(**params):
        response = client.get(reverse("aanbod_lijst"), params)
        assert response.status_code == 200
        html = response.content.decode()
        alle = ["Ochtendcursus", "Avondcursus", "Voor naasten", "Oud", "Inloop De Linde"]
        return {t for t in alle if f">{t}</a>" in html}

    assert titels() == {"Ochtendcursus", "Avondcursus", "Voor naasten", "Inloop De Linde"}
    assert titels(dagdeel="ochtend") == {"Ochtendcursus", "Inloop De Linde"}
    assert titels(dagdeel="avond") == {"Avondcursus"}
    assert titels(naasten="1") == {"Voor naasten"}
    assert titels(soort="lotgenoten") == {"Voor naasten"}
    assert titels(locatie=park.pk) == {"Avondcursus"}
    assert titels(locatie=linde.pk) == {"Inloop De Linde"}
    # A wrong value is ignored: the whole offer, never an error.
    for fout in ({"soort": "x"}, {"dagdeel": "nacht"}, {"locatie": "abc"}, {"locatie": "999"}):
        assert titels(**fout) == titels()


def test_offer_page_for_a_visitor(client):
    groep = _cursus("WRAP", capaciteit=12)
    facilitator = UserFactory(roepnaam="Ruben", email="ruben-achternaam@example.org")
    LidmaatschapFactory(groep=groep, user=facilitator, rol=Lidmaatschap.Rol.FACILITATOR)
    LidmaatschapFactory(groep=groep)

    response = client.get(reverse("aanbod_detail", args=[groep.aanbod_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ruben" in html
    assert "ruben-achternaam" not in html
    assert "11 plekken vrij" in html
    aanmelden = reverse("aanmelden", args=[groep.pk])
    assert f'href="{reverse("account_signup")}?next=%2Fgroepen%2F{groep.pk}%2Faanmelden%2F"' in html
    assert aanmelden.replace("/", "%2F") in html
    ((event,),) = _ld(html)
    assert event["@type"] == "Event"
    assert event["name"].startswith("WRAP")
    assert event["location"]["@type"] == "Place"
    assert "WRAP" in _titel(html)


def test_archived_or_unknown_offer_and_archived_place_are_not_found(client):
    oud = _cursus("Oud", gearchiveerd=True)
    assert client.get(reverse("aanbod_detail", args=[oud.aanbod_id])).status_code == 404
    assert client.get(reverse("aanbod_detail", args=[99999])).status_code == 404
    plek = LocatieFactory(gearchiveerd=True)
    assert client.get(plek.get_absolute_url()).status_code == 404
    assert client.get(LocatieFactory().get_absolute_url()).status_code == 200


def test_public_pages_hold_no_participant_data(client):
    linde = LocatieFactory(naam="De Linde")
    inloop = _inloop(linde)
    groep = _cursus("WRAP")
    groep.plek = linde
    groep.save()
    canaries = ["Kanarie-Zwaluwstaart", "kanarie-7731@example.org", "Kanarie-Motivatie"]
    for g in (groep, inloop.groep):
        deelnemer = UserFactory(roepnaam=canaries[0] + str(g.pk), email=f"{g.pk}{canaries[1]}")
        LidmaatschapFactory(groep=g, user=deelnemer, motivatie=canaries[2])
    LidmaatschapFactory(
        groep=groep,
        user=UserFactory(roepnaam="Kanarie-Wachtend", email="wacht-kanarie@example.org"),
        status=Lidmaatschap.Status.WACHTLIJST,
    )
    canaries += ["Kanarie-Wachtend", "wacht-kanarie"]
    paginas = [
        "/",
        reverse("aanbod_lijst"),
        reverse("aanbod_detail", args=[groep.aanbod_id]),
        reverse("aanbod_detail", args=[inloop.groep.aanbod_id]),
        linde.get_absolute_url(),
        reverse("het_model"),
    ]
    for pagina in paginas:
        response = client.get(pagina)
        assert response.status_code == 200, pagina
        html = response.content.decode()
        for canary in canaries:
            assert canary not in html, (pagina, canary)


def _meer_aanbod(n, linde, aanbod):
    """n more courses and walk-ins at `linde`, and n more groups of `aanbod`, each with a
    participant and a facilitator."""
    for i in range(n):
        groep = _cursus(f"Cursus extra {i}", start=3 + i, uur=10 + i % 9)
        groep.plek = linde
        groep.save()
        LidmaatschapFactory(groep=groep)
        LidmaatschapFactory(groep=groep, rol=Lidmaatschap.Rol.FACILITATOR)
        _inloop(linde, dagen=1 + i % 6)
        extra = GroepFactory(aanbod=aanbod, plek=linde, naam=f"{aanbod.titel} {i}")
        BijeenkomstFactory(groep=extra, begint_om=_om(4 + i, 14))
        LidmaatschapFactory(groep=extra)
        LidmaatschapFactory(groep=extra, rol=Lidmaatschap.Rol.FACILITATOR)


# Every public page, as a function of the test's offer and location.
PUBLIEKE_PAGINAS = {
    "home": lambda aanbod, linde: "/",
    "aanbod": lambda aanbod, linde: reverse("aanbod_lijst"),
    "aanbod-avond-naasten": lambda aanbod, linde: "/aanbod/?dagdeel=avond&naasten=1",
    "aanbod-soort-locatie": lambda aanbod, linde: f"/aanbod/?soort=cursus&locatie={linde.pk}",
    "aanbodpagina": lambda aanbod, linde: reverse("aanbod_detail", args=[aanbod.pk]),
    "locatie": lambda aanbod, linde: linde.get_absolute_url(),
    "het-model": lambda aanbod, linde: reverse("het_model"),
    "kennismaken": lambda aanbod, linde: reverse("kennismaken"),
    "kennismaken-bedankt": lambda aanbod, linde: reverse("kennismaken_bedankt"),
}


@pytest.mark.parametrize("pagina", sorted(PUBLIEKE_PAGINAS))
def test_public_pages_hold_their_query_count_as_data_grows(client, pagina):
    linde = LocatieFactory()
    aanbod = _cursus("WRAP", capaciteit=8).aanbod
    url = PUBLIEKE_PAGINAS[pagina](aanbod, linde)
    _meer_aanbod(1, linde, aanbod)
    client.get(url)  # warm the academy cache
    openbaar.vergeet()  # measure the page's own queries, not a cache hit
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(url).status_code == 200
    n = len(weinig.captured_queries)
    _meer_aanbod(6, linde, aanbod)
    openbaar.vergeet()
    with CaptureQueriesContext(connection) as veel:
        assert client.get(url).status_code == 200
    assert len(veel.captured_queries) == n, [q["sql"] for q in veel.captured_queries]


@pytest.mark.parametrize("pagina", ["/", "/aanbod/"])
def test_visitors_get_the_kept_offer_until_it_changes(client, pagina):
    groep = _cursus("WRAP", start=3, capaciteit=5)
    client.get(pagina)
    with CaptureQueriesContext(connection) as bewaard:
        assert "WRAP" in client.get(pagina).content.decode()
    # Only the session-less basics remain: no query for the offer itself.
    assert not [q for q in bewaard.captured_queries if "groepen_" in q["sql"]]

    groep.aanbod.titel = "WRAP voorjaar"
    groep.aanbod.save()
    assert "WRAP voorjaar" in client.get(pagina).content.decode()
    if pagina == "/aanbod/":
        LidmaatschapFactory(groep=groep)
        assert "4 plekken vrij" in client.get(pagina).content.decode()
    groep.aanbod.gearchiveerd = True
    groep.aanbod.save()
    assert "WRAP voorjaar" not in client.get(pagina).content.decode()


def test_join_leads_through_sign_up_back_to_the_enrolment(client):
    groep = _cursus("WRAP")
    aanmelden = reverse("aanmelden", args=[groep.pk])
    signup = reverse("account_signup") + "?next=" + aanmelden
    assert client.get(signup).status_code == 200
    response = client.post(
        signup,
        {
            "email": "nieuw-lid@example.org",
            "roepnaam": "Sanne",
            "password1": "zonnebloem-rivier-7",
            "password2": "zonnebloem-rivier-7",
            "privacy": "on",
        },
    )
    assert response.status_code == 302
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, follow=True)
    # Straight back to the group's sign-up page, where one tap enrols.
    assert response.redirect_chain[-1][0] == aanmelden
    assert "Meld me aan" in response.content.decode()


def test_time_of_day_follows_the_local_clock(client):
    # 12:00 and 17:00 in Amsterdam are 11:00 and 16:00 (winter) or earlier in UTC: a day
    # part read from UTC would put them in the morning and the afternoon.
    _cursus("Middagcursus", uur=12)
    _cursus("Avondcursus", uur=17)

    def titels(dagdeel):
        html = client.get(reverse("aanbod_lijst"), {"dagdeel": dagdeel}).content.decode()
        return {t for t in ("Middagcursus", "Avondcursus") if f">{t}</a>" in html}

    assert titels("ochtend") == set()
    assert titels("middag") == {"Middagcursus"}
    assert titels("avond") == {"Avondcursus"}


def test_the_six_steps_are_readable_without_an_account(client, deelnemer):
    html = client.get(reverse("het_model")).content.decode()
    assert 'name="description"' in html
    assert reverse("kennismaken") in html
    assert reverse("reflectie_nieuw") not in html
    client.force_login(deelnemer)
    assert reverse("reflectie_nieuw") in client.get(reverse("het_model")).content.decode()
