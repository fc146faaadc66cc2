"""Rest in the community: a break (no digest, waiting notifications, a note on return)
and muted words (folding per viewer, limits, diacritics), with flat query counts."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from nazorg import rust
from nazorg.digest import verstuur_digest
from nazorg.models import (
    Bericht,
    CommunityPauze,
    DigestVoorkeur,
    Draad,
    GedempteWoorden,
    Melding,
    RichtlijnAkkoord,
    Ruimte,
)
from nazorg.views.community import WELKOM_TERUG

from .conftest import maak_afgelopen_groep

URL = reverse("community_rust")
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def cohort(db):
    """A finished group, its space, three participants past the guidelines."""
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=3)
    for user in (*mensen, facilitator):
        RichtlijnAkkoord.objects.get_or_create(user=user)
    ruimte = Ruimte.objects.create(groep=groep, naam=groep.naam)
    return ruimte, mensen


def draad_met(ruimte, auteur, titel="Een onderwerp", tekst="Hallo", dagen=0):
    wanneer = timezone.now() - datetime.timedelta(days=dagen)
    draad = Draad.objects.create(
        ruimte=ruimte, titel=titel, auteur=auteur, aangemaakt_op=wanneer, laatste_activiteit=wanneer
    )
    Bericht.objects.create(draad=draad, auteur=auteur, tekst=tekst)
    return draad


def fouten(response, veld):
    return " ".join(str(f) for f in response.context[veld[0]].errors.get(veld[1], []))


# --- A break -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duur", "dagen"), [("week", 7), ("twee_weken", 14), ("maand", 30)], ids=str
)
def test_break_for_a_chosen_time(client, cohort, duur, dagen):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    response = client.post(URL, {"actie": "pauze", "duur": duur})
    assert response.status_code == 302
    pauze = CommunityPauze.objects.get(user=sam)
    assert abs(pauze.tot - timezone.now() - datetime.timedelta(days=dagen)).total_seconds() < 60
    page = client.get(reverse("community"), **EN).content.decode()
    assert 'id="pauze-melding"' in page
    assert "You are taking a break until" in page


def test_break_until_a_date_lasts_that_whole_day(client, cohort):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    datum = timezone.localdate() + datetime.timedelta(days=20)
    client.post(URL, {"actie": "pauze", "duur": "datum", "tot_datum": datum.isoformat()})
    tot = timezone.localtime(CommunityPauze.objects.get(user=sam).tot)
    assert tot.date() == datum + datetime.timedelta(days=1)
    assert tot.hour == 0


@pytest.mark.parametrize(
    ("dagen", "melding"),
    [
        (-3, "Kies een datum na vandaag."),
        (0, "Kies een datum na vandaag."),
        (rust.PAUZE_MAX_DAGEN + 1, "Een pauze duurt hoogstens drie maanden."),
        (400, "Een pauze duurt hoogstens drie maanden."),
    ],
)
def test_break_date_in_the_past_or_too_far_is_refused_next_to_the_field(
    client, cohort, dagen, melding
):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    datum = timezone.localdate() + datetime.timedelta(days=dagen)
    response = client.post(
        URL, {"actie": "pauze", "duur": "datum", "tot_datum": datum.isoformat()}, **NL
    )
    assert response.status_code == 400
    assert melding in fouten(response, ("pauze_form", "tot_datum"))
    html = response.content.decode()
    # Next to the field, and what was typed is still there.
    veld = re.search(r'<div class="field field-error">.*?</div>\s*</div>', html, re.S)
    assert veld
    assert melding in veld.group(0)
    assert f'value="{datum.isoformat()}"' in html
    assert 'value="datum"' in html
    assert "checked" in html
    assert not CommunityPauze.objects.filter(user=sam).exists()


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"duur": "datum"}, "Kies de datum waarop je pauze eindigt."),
        ({"duur": "datum", "tot_datum": "morgen"}, "Vul een datum in"),
        ({"duur": "datum", "tot_datum": "2026-02-31"}, "Vul een datum in"),
    ],
)
def test_break_without_a_usable_date(client, cohort, data, melding):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    response = client.post(URL, {"actie": "pauze", **data}, **NL)
    assert response.status_code == 400
    assert melding in fouten(response, ("pauze_form", "tot_datum"))
    assert not CommunityPauze.objects.exists()


def test_break_with_an_unknown_length(client, cohort):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    for duur in ("", "jaar", "365"):
        response = client.post(URL, {"actie": "pauze", "duur": duur})
        assert response.status_code == 400
        assert response.context["pauze_form"].errors["duur"]
    assert not CommunityPauze.objects.exists()


def test_no_digest_during_a_break_and_only_news_after_it(cohort):
    ruimte, (sam, noor, *_r) = cohort
    DigestVoorkeur.objects.create(user=sam, wekelijks=True)
    draad_met(ruimte, noor, titel="Tijdens de pauze", dagen=2)
    rust.neem_pauze(sam, timezone.now() + datetime.timedelta(days=7))
    assert verstuur_digest() == 0
    assert mail.outbox == []
    # The break ended yesterday: only what came after it, not the pile from during it.
    CommunityPauze.objects.filter(user=sam).update(tot=timezone.now() - datetime.timedelta(days=1))
    draad_met(ruimte, noor, titel="Na de pauze")
    assert verstuur_digest() == 1
    assert "Na de pauze" in mail.outbox[0].body
    assert "Tijdens de pauze" not in mail.outbox[0].body


def test_community_notifications_wait_during_a_break(client, cohort):
    ruimte, (sam, *_r) = cohort
    draad = draad_met(ruimte, sam)
    Melding.objects.create(
        user=sam, titel="Over je bericht", link=reverse("draad", args=[draad.pk])
    )
    Melding.objects.create(user=sam, titel="Nazit volgende week", link="/nazorg/voorkeuren/")
    rust.neem_pauze(sam, timezone.now() + datetime.timedelta(days=7))
    client.force_login(sam)
    page = client.get(reverse("meldingen")).content.decode()
    assert "Nazit volgende week" in page
    assert "Over je bericht" not in page
    # It waits unread and shows up when the break is over.
    assert Melding.objects.get(titel="Over je bericht").gelezen_op is None
    client.post(URL, {"actie": "stop_pauze"})
    assert "Over je bericht" in client.get(reverse("meldingen")).content.decode()


def test_end_the_break_and_a_gentle_note_once(client, cohort):
    _ruimte, (sam, *_r) = cohort
    rust.neem_pauze(sam, timezone.now() + datetime.timedelta(days=14))
    client.force_login(sam)
    page = client.get(URL, **EN).content.decode()
    assert 'id="stop-pauze-form"' in page
    response = client.post(URL, {"actie": "stop_pauze"})
    assert response.url == reverse("community")
    assert not rust.actieve_pauze(CommunityPauze.objects.get(user=sam).user)
    eerste = client.get(reverse("community"), **EN).content.decode()
    assert escape(str(WELKOM_TERUG)) in eerste
    assert 'id="pauze-melding"' not in eerste
    assert escape(str(WELKOM_TERUG)) not in client.get(reverse("community"), **EN).content.decode()


def test_note_after_a_break_that_ran_out_by_itself(client, cohort):
    ruimte, (sam, *_r) = cohort
    CommunityPauze.objects.create(
        user=sam,
        sinds=timezone.now() - datetime.timedelta(days=8),
        tot=timezone.now() - datetime.timedelta(hours=1),
    )
    client.force_login(sam)
    page = client.get(reverse("ruimte", args=[ruimte.pk]), **NL).content.decode()
    assert "Fijn dat je er weer bent" in page
    assert "Fijn dat je er weer bent" not in client.get(reverse("community"), **NL).content.decode()


def test_no_note_during_a_break_or_without_one(client, cohort):
    _ruimte, (sam, noor, *_r) = cohort
    rust.neem_pauze(sam, timezone.now() + datetime.timedelta(days=7))
    for user in (sam, noor):
        client.force_login(user)
        page = client.get(reverse("community"), **EN).content.decode()
        assert escape(str(WELKOM_TERUG)) not in page


def test_menu_community_link_is_calm_during_a_break(client, cohort):
    ruimte, (sam, noor, *_r) = cohort
    for i in range(3):
        draad_met(ruimte, noor, titel=f"Nieuw {i}")
    rust.neem_pauze(sam, timezone.now() + datetime.timedelta(days=7))
    client.force_login(sam)
    html = client.get(reverse("community"), **EN).content.decode()
    links = re.findall(r'<li><a href="/community/"[^>]*>(.*?)</a></li>', html)
    assert links
    assert all(link == "Community" for link in links)


# --- Muted words ---------------------------------------------------------------------------


def test_muted_words_fold_posts_per_viewer_not_for_the_writer(client, cohort):
    ruimte, (sam, noor, kim) = cohort
    draad = draad_met(ruimte, noor, titel="Mijn week", tekst="Ik had weer een drankprobleem.")
    Bericht.objects.create(draad=draad, auteur=kim, tekst="Sterkte, ik herken het.")
    Bericht.objects.create(draad=draad, auteur=sam, tekst="Ik ook, met DRANK.")
    rust.bewaar_woorden(sam, ["drank"])
    client.force_login(sam)
    html = client.get(reverse("draad", args=[draad.pk]), **EN).content.decode()
    # Noor's post folds; Kim's does not; Sam's own post is never folded for Sam.
    gevouwen = re.findall(r'<details class="gevouwen">(.*?)</details>', html, re.S)
    assert len(gevouwen) == 1
    assert "drankprobleem" in gevouwen[0]
    assert "This message has a word you muted" in gevouwen[0]
    assert "Sterkte, ik herken het." in html
    assert "Sterkte" not in gevouwen[0]
    assert "Ik ook, met DRANK." in html
    assert "DRANK" not in gevouwen[0]
    # Another reader without muted words sees everything unfolded.
    client.force_login(kim)
    assert 'class="gevouwen"' not in client.get(reverse("draad", args=[draad.pk])).content.decode()


@pytest.mark.parametrize(
    ("woord", "tekst", "vouwt"),
    [
        ("drank", "Mijn drankprobleem", True),
        ("drank", "Zonder bedrank", False),
        ("Paniek", "ik had een PANIEKAANVAL", True),
        ("paniek", "ik had een paniekaanval", True),
        ("ziekenhuis", "Het ZIEKENHUIS was eng", True),
        ("café", "we gingen naar het cafe", True),
        ("cafe", "we gingen naar het Café", True),
        ("opname", "na de opnâme", True),
        ("mijn ex", "Mijn  ex belde", True),
        ("mijn ex", "mijn extra tijd", True),  # word starts: a phrase is a start too
        ("ex", "de examens", True),
        ("mes", "een mens", False),
    ],
)
def test_muted_word_matching(woord, tekst, vouwt):
    demper = rust.Demper(1, [woord])
    assert demper.raakt(tekst) is vouwt


def test_muted_titles_fold_in_lists_and_on_the_thread_page(client, cohort):
    ruimte, (sam, noor, _kim) = cohort
    draad = draad_met(ruimte, noor, titel="Over de opname", tekst="Het ging goed.")
    eigen = draad_met(ruimte, sam, titel="Mijn opname", tekst="Bij mij ook.")
    rust.bewaar_woorden(sam, ["opname"])
    client.force_login(sam)
    for url in (reverse("community"), reverse("ruimte", args=[ruimte.pk])):
        html = client.get(url, **EN).content.decode()
        gevouwen = re.findall(r'<details class="gevouwen">(.*?)</details>', html, re.S)
        assert len(gevouwen) == 1, url
        assert "Over de opname" in gevouwen[0]
        assert "A topic with a word you muted" in gevouwen[0]
        assert "Mijn opname" in html  # their own title stays open
    html = client.get(reverse("draad", args=[draad.pk]), **EN).content.decode()
    assert "<title>A topic with a word you muted" in html
    assert "<h1>A topic with a word you muted</h1>" in html
    assert "<h1>Mijn opname</h1>" in client.get(reverse("draad", args=[eigen.pk])).content.decode()


def test_digest_title_with_a_muted_word_is_neutral(cohort):
    ruimte, (sam, noor, _kim) = cohort
    DigestVoorkeur.objects.create(user=sam, wekelijks=True)
    draad_met(ruimte, noor, titel="Terugval en drank")
    draad_met(ruimte, noor, titel="Wandelen zondag")
    rust.bewaar_woorden(sam, ["drank"])
    assert verstuur_digest() == 1
    body = mail.outbox[0].body
    assert "Wandelen zondag" in body
    assert "Terugval" not in body


def test_save_muted_words_with_diacritics_and_duplicates(client, cohort):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    response = client.post(
        URL, {"actie": "woorden", "woorden": "Opname\n  paniek , PANIEK\ncafé\n\n"}
    )
    assert response.status_code == 302
    assert rust.woorden_van(GedempteWoorden.objects.get().user) == ["Opname", "paniek", "café"]
    page = client.get(URL).content.decode()
    assert "Opname\npaniek\ncafé" in page


def test_muted_words_are_stored_encrypted(client, cohort):
    _ruimte, (sam, *_r) = cohort
    client.force_login(sam)
    client.post(URL, {"actie": "woorden", "woorden": "zelfbeschadiging\nkerstdiner"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT woorden FROM nazorg_gedemptewoorden")
        (ruw,) = cursor.fetchone()
    assert "kerstdiner" not in ruw
    assert ruw.startswith("gAAAA")


def test_empty_word_list_clears_the_list(client, cohort):
    _ruimte, (sam, *_r) = cohort
    rust.bewaar_woorden(sam, ["drank"])
    client.force_login(sam)
    for leeg in ("", "  \n , \n"):
        response = client.post(URL, {"actie": "woorden", "woorden": leeg})
        assert response.status_code == 302
        assert not GedempteWoorden.objects.filter(user=sam).exists()


@pytest.mark.parametrize(
    ("woorden", "melding"),
    [
        ("\n".join(f"woord{i}" for i in range(rust.MAX_WOORDEN + 1)), "hoogstens 50 woorden"),
        ("a\nb", "is te kort"),
        ("!!", "is te kort"),
        ("x" * (rust.WOORD_MAX + 1), "is te lang"),
        ("drank\n" * 5000, "Deze lijst is te lang"),
    ],
    ids=["51 words", "one letter", "no letters", "long word", "huge text"],
)
def test_word_list_limits_keep_what_was_typed(client, cohort, woorden, melding):
    _ruimte, (sam, *_r) = cohort
    rust.bewaar_woorden(sam, ["eerder"])
    client.force_login(sam)
    response = client.post(URL, {"actie": "woorden", "woorden": woorden}, **NL)
    assert response.status_code == 400
    assert melding in fouten(response, ("woorden_form", "woorden"))
    html = response.content.decode()
    assert woorden.split("\n")[0] in html  # the typed text is still in the textarea
    assert GedempteWoorden.objects.get(user=sam).lijst == ["eerder"]  # nothing changed


# --- Query counts stay flat ----------------------------------------------------------------


def _tel(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_thread_page_queries_flat_with_folding(client, cohort, django_assert_max_num_queries):
    ruimte, (sam, noor, kim) = cohort
    rust.bewaar_woorden(sam, ["drank", "paniek", "opname"])
    draad = draad_met(ruimte, noor, titel="Drank en zo", tekst="Mijn drankprobleem")
    client.force_login(sam)
    url = reverse("draad", args=[draad.pk])
    een = _tel(client, url)
    for i in range(29):
        tekst = "Paniek vandaag" if i % 2 else "Een gewone dag"
        Bericht.objects.create(draad=draad, auteur=kim if i % 3 else noor, tekst=tekst)
    with django_assert_max_num_queries(een):
        html = client.get(url).content.decode()
    assert html.count('<details class="gevouwen">') == 1 + 1 + 14  # title, opening, replies


def test_space_page_queries_flat_with_folding(client, cohort, django_assert_max_num_queries):
    ruimte, (sam, noor, _kim) = cohort
    rust.bewaar_woorden(sam, ["drank"])
    draad_met(ruimte, noor, titel="Drank 0")
    client.force_login(sam)
    url = reverse("ruimte", args=[ruimte.pk])
    een = _tel(client, url)
    for i in range(1, 30):
        draad_met(ruimte, noor, titel=f"Drank {i}" if i % 2 else f"Koffie {i}")
    with django_assert_max_num_queries(een):
        html = client.get(url).content.decode()
    # A page shows 20 topics, the newest first: 10 of them have the muted word.
    assert html.count('<details class="gevouwen">') == 10
