"""Community: spaces, the guidelines gate, threads, replies, "Herken ik", reports, muting,
the rate limit, long text, XSS, and constant query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from herstelmodel.models import Verhaal, VerhaalVersie
from nazorg import community, moderatie, tasks, volgen
from nazorg.models import (
    POST_MAX,
    TITEL_MAX,
    Bericht,
    Demping,
    Draad,
    HerkenIk,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
    Status,
)
from tests.factories import LidmaatschapFactory, UserFactory, benoem_moderator

from .conftest import maak_afgelopen_groep

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def akkoord(*users):
    for user in users:
        RichtlijnAkkoord.objects.get_or_create(user=user)


@pytest.fixture
def cohort(db):
    """A finished group with three participants and a facilitator, all past the gate,
    and its cohort space."""
    groep, mensen, facilitator = maak_afgelopen_groep(deelnemers=3)
    akkoord(*mensen, facilitator)
    ruimte = Ruimte.objects.create(groep=groep, naam=groep.naam)
    return groep, ruimte, mensen, facilitator


def draad_met_bericht(ruimte, auteur, titel="Een onderwerp", tekst="Hallo allemaal"):
    draad = Draad.objects.create(ruimte=ruimte, titel=titel, auteur=auteur)
    bericht = Bericht.objects.create(draad=draad, auteur=auteur, tekst=tekst)
    return draad, bericht


# --- Spaces and the gate ------------------------------------------------------------------


def test_guidelines_gate_then_accept(client, cohort):
    groep, ruimte, _m, _f = cohort
    nieuw = UserFactory()
    LidmaatschapFactory(groep=groep, user=nieuw, rol=Lidmaatschap.Rol.DEELNEMER)
    client.force_login(nieuw)
    for url in (reverse("community"), reverse("ruimte", args=[ruimte.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("richtlijnen"))
    response = client.get(reverse("richtlijnen"), **EN)
    assert b"_hulp_nu" not in response.content
    assert b"kop-hulp-nu" in response.content  # the help box is on the guidelines
    response = client.post(reverse("richtlijnen"), {"next": reverse("ruimte", args=[ruimte.pk])})
    assert response.url == reverse("ruimte", args=[ruimte.pk])
    assert RichtlijnAkkoord.objects.filter(user=nieuw).exists()
    assert client.get(reverse("ruimte", args=[ruimte.pk])).status_code == 200


def test_guidelines_next_must_be_local(client, deelnemer):
    client.force_login(deelnemer)
    response = client.post(reverse("richtlijnen"), {"next": "https://evil.example/"})
    assert response.url == reverse("community")


def test_the_job_makes_academy_and_cohort_spaces(client, cohort, deelnemer):
    groep, ruimte, mensen, _f = cohort
    ruimte.delete()
    tasks.maak_ruimtes()
    client.force_login(mensen[0])
    response = client.get(reverse("community"))
    assert response.status_code == 200
    namen = {r.naam for r in response.context["ruimtes"]}
    assert namen == {"Community", groep.naam}
    assert Ruimte.objects.filter(groep__isnull=True).count() == 1
    # Someone of another (running) group sees only the academy space.
    akkoord(deelnemer)
    client.force_login(deelnemer)
    response = client.get(reverse("community"))
    assert [r.naam for r in response.context["ruimtes"]] == ["Community"]
    assert Ruimte.objects.filter(groep__isnull=True).count() == 1
    # Again: nothing new.
    assert community.maak_ruimtes() == 0
    assert Ruimte.objects.count() == 2


def test_a_space_appears_when_the_group_has_ended_not_before(cohort, groep):
    _g, ruimte, _m, _f = cohort
    ruimte.delete()
    groep.einddatum = timezone.localdate()  # ends today: still running
    groep.save()
    assert community.maak_ruimtes() == 1  # only the finished cohort
    assert not Ruimte.objects.filter(groep=groep).exists()
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    assert community.maak_ruimtes(vandaag=morgen) == 1
    assert Ruimte.objects.get(groep=groep).naam == groep.naam


def test_reading_the_community_writes_nothing(client, cohort):
    """Not even for a member of a finished group whose space the job has not made yet."""
    _g, ruimte, mensen, _f = cohort
    ruimte.delete()
    client.force_login(mensen[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("community"))
    assert response.status_code == 200
    schrijven = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert schrijven == []
    assert not Ruimte.objects.exists()


def test_a_member_of_a_group_that_ended_finds_its_space(client, cohort):
    """The space is made once by the job; nobody's visit is needed for it to exist."""
    groep, ruimte, mensen, _f = cohort
    ruimte.delete()
    tasks.maak_ruimtes()
    client.force_login(mensen[2])
    response = client.get(reverse("community"))
    ruimte = Ruimte.objects.get(groep=groep)
    assert ruimte in response.context["ruimtes"]
    assert client.get(reverse("ruimte", args=[ruimte.pk])).status_code == 200


def test_cohort_space_only_for_members(client, cohort, deelnemer, coordinator):
    _g, ruimte, mensen, facilitator = cohort
    draad, bericht = draad_met_bericht(ruimte, mensen[0])
    akkoord(deelnemer, coordinator)
    for buiten in (deelnemer, coordinator):
        client.force_login(buiten)
        assert client.get(reverse("ruimte", args=[ruimte.pk])).status_code == 404
        assert client.get(reverse("draad", args=[draad.pk])).status_code == 404
        assert client.post(reverse("draad", args=[draad.pk]), {"tekst": "x"}).status_code == 404
        assert client.post(reverse("herken_ik", args=[bericht.pk])).status_code == 404
        assert client.post(reverse("melden", args=[bericht.pk])).status_code == 404
    assert Bericht.objects.count() == 1
    assert not HerkenIk.objects.exists()
    assert not Moderatiezaak.objects.exists()
    client.force_login(facilitator)
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 200


def test_academy_space_for_people_who_took_part(client, cohort):
    """Issue 15 turned "everyone logged in" around: the academy-wide space is for people
    who took part (tests/nazorg/test_community_toegang.py has the refusals)."""
    _g, _r, mensen, _f = cohort
    ruimte = community.academieruimte()
    client.force_login(mensen[0])
    assert client.get(reverse("ruimte", args=[ruimte.pk])).status_code == 200


# --- Posting --------------------------------------------------------------------------------


def test_start_thread_and_reply(client, cohort):
    _g, ruimte, mensen, _f = cohort
    client.force_login(mensen[0])
    response = client.post(
        reverse("ruimte", args=[ruimte.pk]), {"titel": "Eerste", "tekst": "Hoi\nallemaal"}
    )
    draad = Draad.objects.get()
    assert response.url == reverse("draad", args=[draad.pk])
    assert draad.auteur == mensen[0]
    assert draad.status == Status.ZICHTBAAR
    client.force_login(mensen[1])
    response = client.post(reverse("draad", args=[draad.pk]), {"tekst": "Welkom"})
    assert response.status_code == 302
    assert draad.berichten.count() == 2
    response = client.get(reverse("draad", args=[draad.pk]))
    assert b"Welkom" in response.content
    assert b"Hoi<br>allemaal" in response.content


def test_anonymous_only_where_allowed(client, cohort):
    _g, ruimte, mensen, _f = cohort
    client.force_login(mensen[0])
    response = client.get(reverse("ruimte", args=[ruimte.pk]))
    assert "anoniem" not in response.context["form"].fields
    client.post(reverse("ruimte", args=[ruimte.pk]), {"titel": "A", "tekst": "B", "anoniem": "on"})
    assert Bericht.objects.get().anoniem is False

    ruimte.anoniem_toegestaan = True
    ruimte.save()
    client.post(reverse("ruimte", args=[ruimte.pk]), {"titel": "C", "tekst": "D", "anoniem": "on"})
    draad = next(d for d in Draad.objects.all() if d.titel == "C")  # encrypted: not in SQL
    assert draad.anoniem
    assert draad.berichten.get().anoniem
    client.force_login(mensen[1])
    response = client.get(reverse("draad", args=[draad.pk]), **EN)
    assert b"a participant" in response.content
    assert mensen[0].roepnaam.encode() not in response.content


def test_oversized_text_keeps_text(client, cohort):
    _g, ruimte, mensen, _f = cohort
    client.force_login(mensen[0])
    lang = "woord " * (POST_MAX // 5)
    response = client.post(reverse("ruimte", args=[ruimte.pk]), {"titel": "Lang", "tekst": lang})
    assert response.status_code == 400
    assert response.context["form"].errors["tekst"]
    assert lang.strip().encode() in response.content
    assert b'value="Lang"' in response.content
    te_lange_titel = "t" * (TITEL_MAX + 1)
    response = client.post(
        reverse("ruimte", args=[ruimte.pk]), {"titel": te_lange_titel, "tekst": "kort"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["titel"]
    assert not Draad.objects.exists()


def test_empty_reply_keeps_form(client, cohort):
    _g, ruimte, mensen, _f = cohort
    draad, _b = draad_met_bericht(ruimte, mensen[0])
    client.force_login(mensen[1])
    response = client.post(reverse("draad", args=[draad.pk]), {"tekst": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["tekst"]


def test_rate_limit_keeps_text(client, cohort):
    _g, ruimte, mensen, _f = cohort
    draad, _b = draad_met_bericht(ruimte, mensen[1])
    client.force_login(mensen[0])
    for i in range(community.RATE_AANTAL):
        assert (
            client.post(reverse("draad", args=[draad.pk]), {"tekst": f"nr {i}"}).status_code == 302
        )
    response = client.post(reverse("draad", args=[draad.pk]), {"tekst": "Nog eentje dan"}, **EN)
    assert response.status_code == 400
    assert b"You are writing fast" in response.content
    assert b"Nog eentje dan" in response.content
    assert draad.berichten.filter(auteur=mensen[0]).count() == community.RATE_AANTAL
    # Someone else may still write.
    client.force_login(mensen[2])
    assert client.post(reverse("draad", args=[draad.pk]), {"tekst": "Ik"}).status_code == 302


def test_signal_word_shows_help_to_writer_once(client, cohort):
    _g, ruimte, mensen, _f = cohort
    client.force_login(mensen[0])
    response = client.post(
        reverse("ruimte", args=[ruimte.pk]),
        {"titel": "Zwaar", "tekst": "Soms wil ik er een einde aan maken."},
        follow=True,
    )
    assert b'id="kop-hulp-nu"' in response.content
    assert Moderatiezaak.objects.filter(soort=Moderatiezaak.Soort.SIGNAAL).count() == 1
    draad = Draad.objects.get()
    assert b'id="kop-hulp-nu"' not in client.get(reverse("draad", args=[draad.pk])).content
    # Others never get the box for someone else's post.
    client.force_login(mensen[1])
    assert b'id="kop-hulp-nu"' not in client.get(reverse("draad", args=[draad.pk])).content


def test_held_thread_shows_only_to_writer(client, cohort):
    _g, ruimte, mensen, facilitator = cohort
    ruimte.signaalbeleid = Ruimte.Signaalbeleid.VASTHOUDEN
    ruimte.save()
    client.force_login(mensen[0])
    client.post(reverse("ruimte", args=[ruimte.pk]), {"titel": "Zwaar", "tekst": "zelfmoord"})
    draad = Draad.objects.get()
    assert draad.status == Status.VASTGEHOUDEN
    response = client.get(reverse("ruimte", args=[ruimte.pk]))
    assert list(response.context["pagina"]) == [draad]
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 200
    client.force_login(mensen[1])
    assert list(client.get(reverse("ruimte", args=[ruimte.pk])).context["pagina"]) == []
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 404
    client.force_login(facilitator)
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 200


def test_hidden_posts_and_threads(client, cohort):
    _g, ruimte, mensen, _f = cohort
    draad, bericht = draad_met_bericht(ruimte, mensen[0], tekst="zichtbaar")
    verborgen = Bericht.objects.create(
        draad=draad, auteur=mensen[0], tekst="GEHEIMVERBORGEN", status=Status.VERBORGEN
    )
    for user in (mensen[0], mensen[1]):
        client.force_login(user)
        response = client.get(reverse("draad", args=[draad.pk]))
        assert b"GEHEIMVERBORGEN" not in response.content
        assert client.post(reverse("herken_ik", args=[verborgen.pk])).status_code == 404
    draad.status = Status.VERBORGEN
    draad.save()
    client.force_login(mensen[1])
    assert client.get(reverse("draad", args=[draad.pk])).status_code == 404
    assert client.post(reverse("draad", args=[draad.pk]), {"tekst": "hoi"}).status_code == 404
    assert client.post(reverse("herken_ik", args=[bericht.pk])).status_code == 404
    assert draad.berichten.count() == 2


def test_getuigenis_attaches_latest_story_version(client, cohort):
    _g, ruimte, mensen, _f = cohort
    verhaal = Verhaal.objects.create(auteur=mensen[0])
    VerhaalVersie.objects.create(verhaal=verhaal, inhoud='{"leven": "oud"}')
    nieuw = VerhaalVersie.objects.create(verhaal=verhaal, inhoud='{"leven": "MIJNVERHAALNIEUW"}')
    client.force_login(mensen[0])
    client.post(
        reverse("ruimte", args=[ruimte.pk]), {"titel": "Mijn", "tekst": "Lees", "getuigenis": "on"}
    )
    assert Bericht.objects.get().getuigenis == nieuw
    client.force_login(mensen[1])
    response = client.get(reverse("draad", args=[Draad.objects.get().pk]))
    assert b"MIJNVERHAALNIEUW" in response.content
    assert (
        "getuigenis" not in client.get(reverse("ruimte", args=[ruimte.pk])).context["form"].fields
    )


# --- Reactions, reports, muting -----------------------------------------------------------


def test_herken_ik_toggles_and_counts(client, cohort):
    _g, ruimte, mensen, _f = cohort
    draad, bericht = draad_met_bericht(ruimte, mensen[0])
    url = reverse("herken_ik", args=[bericht.pk])
    for user in mensen[1:]:
        client.force_login(user)
        assert client.post(url).status_code == 302
    assert bericht.herken_ik.count() == 2
    response = client.get(reverse("draad", args=[draad.pk]))
    assert b'<span class="herken-aantal">2</span>' in response.content
    assert b'aria-pressed="true"' in response.content
    client.post(url)
    assert bericht.herken_ik.count() == 1
    # Not on your own post.
    client.force_login(mensen[0])
    client.post(url)
    assert not bericht.herken_ik.filter(user=mensen[0]).exists()
    assert client.get(reverse("herken_ik", args=[bericht.pk])).status_code == 405


def test_report_creates_one_case(client, cohort):
    _g, ruimte, mensen, _f = cohort
    _d, bericht = draad_met_bericht(ruimte, mensen[0])
    client.force_login(mensen[1])
    url = reverse("melden", args=[bericht.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reden": "Dit voelt niet goed"}, follow=True, **EN)
    assert response.status_code == 200
    response = client.post(url, {"reden": "Nog een keer"}, follow=True, **EN)
    assert b"We already have your report" in response.content
    zaak = Moderatiezaak.objects.get()
    assert zaak.gemeld_door == mensen[1]
    assert zaak.soort == Moderatiezaak.Soort.GEMELD
    # A reason that is too long keeps the text.
    lang = "x" * 600
    response = client.post(url, {"reden": lang})
    assert response.status_code == 400
    assert lang.encode() in response.content


def test_mute_toggles(client, cohort):
    _g, ruimte, mensen, _f = cohort
    draad, _b = draad_met_bericht(ruimte, mensen[0])
    client.force_login(mensen[1])
    url = reverse("dempen", args=[draad.pk])
    client.post(url)
    assert Demping.objects.filter(user=mensen[1], draad=draad).exists()
    assert client.get(reverse("draad", args=[draad.pk])).context["gedempt"]
    client.post(url)
    assert not Demping.objects.exists()


# --- XSS -------------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">klik</a>',
    "javascript:alert(1)",
    "[klik](javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<body onload="alert(1)">',
    '<input autofocus onfocus="alert(1)">',
    "<details open ontoggle=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    'http://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
]

GEVAARLIJK = [
    re.compile(rb"<script", re.I),
    re.compile(rb"<(img|svg|iframe|style|body|details|math|object|embed|meta)\b", re.I),
    # Inside a real tag (escaped text has no raw "<"): event handlers and script URLs.
    re.compile(rb"<[a-z][^<>]*\son\w+\s*=", re.I),
    re.compile(rb"<[a-z][^<>]*(href|src|data|action)\s*=\s*[\"']?\s*(javascript|data):", re.I),
]


def _tel(html: bytes) -> list[int]:
    return [len(p.findall(html)) for p in GEVAARLIJK]


def test_xss_corpus_is_never_live_html(client, cohort):
    """Posting the corpus adds no live tag, event handler or script URL to any page: the
    counts equal those of the same page with harmless text (base.html has its own tags)."""
    _g, ruimte, mensen, _f = cohort
    client.force_login(mensen[0])
    schoon_draad, schoon = draad_met_bericht(ruimte, mensen[1], titel="Schoon", tekst="Schoon")
    basis = {
        "draad": _tel(client.get(reverse("draad", args=[schoon_draad.pk])).content),
        "melden": _tel(client.get(reverse("melden", args=[schoon.pk])).content),
        "ruimte": _tel(client.get(reverse("ruimte", args=[ruimte.pk])).content),
        "community": _tel(client.get(reverse("community")).content),
    }
    for i, payload in enumerate(XSS):
        draad, _b = draad_met_bericht(
            ruimte, mensen[i % 3 and 1], titel=payload[:TITEL_MAX], tekst=payload
        )
        Bericht.objects.create(draad=draad, auteur=mensen[2], tekst=f"reactie {payload}")
    paginas = [("community", reverse("community")), ("ruimte", reverse("ruimte", args=[ruimte.pk]))]
    paginas += [("draad", reverse("draad", args=[d.pk])) for d in Draad.objects.all()]
    paginas += [("melden", reverse("melden", args=[b.pk])) for b in Bericht.objects.all()]
    for soort, url in paginas:
        html = client.get(url).content
        assert _tel(html) == basis[soort], url
    # The escaped text is there, as text.
    html = client.get(
        reverse("draad", args=[next(d.pk for d in Draad.objects.all() if d.titel == XSS[0])])
    ).content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Safe links do work, with nofollow.
    draad, _b = draad_met_bericht(ruimte, mensen[1], tekst="Kijk op https://www.113.nl hier")
    html = client.get(reverse("draad", args=[draad.pk])).content
    assert b'<a href="https://www.113.nl" rel="nofollow">https://www.113.nl</a>' in html


# --- Query counts ------------------------------------------------------------------------------


def _vul(ruimte, mensen, aantal):
    for i in range(aantal):
        _d, bericht = draad_met_bericht(ruimte, mensen[i % 3], titel=f"D{i}", tekst=f"T{i}")
        HerkenIk.objects.create(bericht=bericht, user=mensen[(i + 1) % 3])


@pytest.mark.parametrize("naam", ["ruimte", "community"])
def test_space_pages_query_count_is_constant(client, cohort, django_assert_num_queries, naam):
    _g, ruimte, mensen, _f = cohort
    client.force_login(mensen[0])
    url = reverse(naam, args=[ruimte.pk]) if naam == "ruimte" else reverse(naam)
    _vul(ruimte, mensen, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    _vul(ruimte, mensen, 25)
    with django_assert_num_queries(len(klein.captured_queries)):
        client.get(url)


def test_thread_page_query_count_is_constant(client, cohort, django_assert_num_queries):
    _g, ruimte, mensen, _f = cohort
    draad, _b = draad_met_bericht(ruimte, mensen[0])
    verhaal = Verhaal.objects.create(auteur=mensen[1])
    versie = VerhaalVersie.objects.create(verhaal=verhaal, inhoud='{"leven": "x"}')
    client.force_login(mensen[2])
    url = reverse("draad", args=[draad.pk])
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    for i in range(20):
        b = Bericht.objects.create(
            draad=draad, auteur=mensen[i % 2], tekst=f"r{i}", getuigenis=versie if i % 2 else None
        )
        HerkenIk.objects.create(bericht=b, user=mensen[2])
    with django_assert_num_queries(len(klein.captured_queries)):
        client.get(url)


def test_a_long_thread_pages_and_links_land_on_the_right_page(
    client, cohort, django_assert_num_queries
):
    from nazorg.models import Melding

    _g, ruimte, mensen, _f = cohort
    draad, eerste = draad_met_bericht(ruimte, mensen[0])
    Bericht.objects.filter(pk=eerste.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=2)
    )
    client.force_login(mensen[1])
    url = reverse("draad", args=[draad.pk])
    with CaptureQueriesContext(connection) as kort:
        assert client.get(url).status_code == 200
    kort_aantal = len(kort.captured_queries)  # read now: the query log is a bounded deque
    start = timezone.now() - datetime.timedelta(days=1)  # history, not a burst of posts
    Bericht.objects.bulk_create(
        Bericht(
            draad=draad,
            auteur=mensen[i % 2],
            tekst=f"bericht-{i:03d}",
            aangemaakt_op=start + datetime.timedelta(seconds=i),
        )
        for i in range(1, 120)
    )
    per = community.BERICHTEN_PER_PAGINA
    html = client.get(url).content.decode()
    assert html.count('class="card bericht"') == per
    assert "bericht-001" in html
    assert f"bericht-{per:03d}" not in html
    assert "?pagina=2" in html
    # The last page, in as many queries as a thread of one post.
    with django_assert_num_queries(kort_aantal):
        laatste = client.get(url + "?pagina=3").content.decode()
    assert laatste.count('class="card bericht"') == 120 - 2 * per
    assert "bericht-119" in laatste
    assert "?pagina=2" in laatste
    # A page that is not a number or too far shows a page, never an error.
    for fout in ("abc", "99", "-1", ""):
        assert client.get(url, {"pagina": fout}).status_code == 200

    # A reply lands on the last page, at the reply.
    response = client.post(url, {"tekst": "Mijn antwoord"})
    nieuw = Bericht.objects.filter(draad=draad).order_by("-pk").first()
    assert response.url == f"{url}?pagina=3#bericht-{nieuw.pk}"
    # A notification about a post opens the page that holds it.
    midden = Bericht.objects.filter(draad=draad).order_by("aangemaakt_op", "pk")[per + 5]
    melding = Melding.objects.create(
        user=mensen[1], titel="x", link=f"{url}#bericht-{midden.pk}", bericht=midden
    )
    response = client.get(reverse("meldingen_open", args=[melding.pk]))
    assert response.url == f"{url}?pagina=2#bericht-{midden.pk}"


def test_the_space_page_asks_count_following_and_moderating_in_one_query(cohort):
    """community.ruimte_pagina_voor gives what draden_in's count, volgen.volgt and
    is_moderator give on their own, for each kind of person."""
    _g, ruimte, mensen, facilitator = cohort
    lid, volger, benoemd = mensen
    benoem_moderator(benoemd, ruimte)
    volgen.volg(volger, ruimte)
    draad_met_bericht(ruimte, lid)
    vast, _b = draad_met_bericht(ruimte, volger, titel="Vast")
    vast.status = Status.VASTGEHOUDEN
    vast.save()
    verborgen, _b = draad_met_bericht(ruimte, lid, titel="Weg")
    verborgen.status = Status.VERBORGEN
    verborgen.save()
    for user in (lid, volger, benoemd, facilitator):
        user = type(user).objects.get(pk=user.pk)  # no answers kept from before
        pagina = community.ruimte_pagina_voor(user, ruimte.pk)
        los = type(user).objects.get(pk=user.pk)
        assert pagina.aantal_draden == community.draden_in(ruimte, los).count()
        assert pagina.gevolgd == volgen.volgt(los, ruimte)
        assert pagina.modereert == moderatie.is_moderator(los, ruimte)
        with CaptureQueriesContext(connection) as ctx:  # the answer is kept: no query
            assert moderatie.is_moderator(user, ruimte) == pagina.modereert
        assert not ctx.captured_queries
    assert community.ruimte_pagina_voor(volger, ruimte.pk).aantal_draden == 2  # own held one
    assert community.ruimte_pagina_voor(benoemd, ruimte.pk).modereert
    assert not community.ruimte_pagina_voor(lid, ruimte.pk).gevolgd
