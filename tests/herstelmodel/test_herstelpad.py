"""Mijn herstelpad: the chart (six equal bands, one dot per reflection, or per week when
there are many), the timeline, the group filter, pagination, the query budget, a page size
that does not grow with how much you wrote, and that it only ever shows your own."""

import datetime
import re
from unittest import mock

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from deelnemers import fields
from herstelmodel import herstelpad
from herstelmodel.models import Herkenningsmoment, Reflectie, Stap
from tests.factories import BijeenkomstFactory, GroepFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/mijn-herstelpad/"
BAND = herstelpad.BAND_HOOGTE


class ReflectieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflectie

    auteur = factory.SubFactory(UserFactory)
    stap = Stap.HERKENNING
    tekst = factory.Sequence(lambda n: f"Reflectie nummer {n}")


class HerkenningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Herkenningsmoment

    auteur = factory.SubFactory(UserFactory)
    soort = Herkenningsmoment.Soort.HERKEND


def geleden(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def maak_reflecties(auteur, aantal, **kwargs):
    """Bulk: one per 17 hours back in time, steps moving back and forth."""
    return Reflectie.objects.bulk_create(
        Reflectie(
            auteur=auteur,
            stap=[1, 2, 3, 2, 4, 5, 3, 6][i % 8],
            tekst=f"Tekst {i}",
            gevoel="hoopvol" if i % 2 else "",
            aangemaakt_op=geleden(hours=17 * i + 1),
            **kwargs,
        )
        for i in range(aantal)
    )


def maak_momenten(auteur, aantal, **kwargs):
    return Herkenningsmoment.objects.bulk_create(
        Herkenningsmoment(
            auteur=auteur,
            soort="herkend" if i % 3 else "niet_herkend",
            notitie=f"Notitie {i}",
            aangemaakt_op=geleden(hours=61 * i + 3),
            **kwargs,
        )
        for i in range(aantal)
    )


@pytest.fixture
def deelnemer_client(client, deelnemer):
    client.force_login(deelnemer)
    return client


def en(client, url=URL, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def test_url_names_and_paths():
    assert reverse("herstelpad") == URL
    assert reverse("het_model") == "/het-model/"


# --- The chart --------------------------------------------------------------------------


def test_chart_has_six_equal_bands_and_a_dot_per_reflection(deelnemer_client, deelnemer):
    for dagen, stap in [(200, 1), (120, 3), (60, 2), (10, 5)]:
        ReflectieFactory(auteur=deelnemer, stap=stap, aangemaakt_op=geleden(days=dagen))
    ReflectieFactory(auteur=deelnemer, aangemaakt_op=geleden(days=400))  # older than a year
    HerkenningFactory(auteur=deelnemer, aangemaakt_op=geleden(days=30))
    HerkenningFactory(auteur=deelnemer, soort="niet_herkend", aangemaakt_op=geleden(days=3))

    html = en(deelnemer_client).content.decode()
    svg = re.search(r"<svg viewBox=[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
    assert 'aria-labelledby="grafiek-titel grafiek-uitleg"' in svg
    assert '<title id="grafiek-titel">' in svg
    assert '<desc id="grafiek-uitleg">' in svg
    assert "style=" not in svg
    banden = re.findall(r'<rect class="band"[^>]*height="(\d+)"[^>]*fill="([^"]+)"', svg)
    assert len(banden) == 6
    assert len({h for h, _ in banden}) == 1  # no step weighs more than another
    with translation.override("en"):
        for stap in Stap:
            assert f">{stap.label}</text>" in svg  # names, not numbers
    assert svg.count('class="stip"') == 4  # the one older than a year is not in the chart
    assert svg.count("<polyline") == 1
    assert svg.count('class="moment"') == 2
    # The same data as a table for screen readers.
    tabel = re.search(r'<caption id="kop-tabel-reflecties">.*?</table>', html, re.S).group(0)
    assert tabel.count("<tr>") == 1 + 4
    assert "Acknowledgement" in tabel
    assert "Projection" in tabel
    momenten = re.search(r'<caption id="kop-tabel-momenten">.*?</table>', html, re.S).group(0)
    assert momenten.count("<tr>") == 1 + 2


def test_dots_sit_in_their_own_band_in_time_order(deelnemer, groep):
    ReflectieFactory(auteur=deelnemer, stap=4, aangemaakt_op=geleden(days=50))
    ReflectieFactory(auteur=deelnemer, stap=1, aangemaakt_op=geleden(days=20))
    ReflectieFactory(auteur=deelnemer, stap=4, aangemaakt_op=geleden(days=1))
    grafiek = herstelpad.grafiek(deelnemer)
    banden = {b.stap: b for b in grafiek.banden}
    for punt in grafiek.punten:
        band = banden[punt.stap]
        assert band.y < punt.y < band.y + band.hoogte
    xs = [p.x for p in grafiek.punten]
    assert xs == sorted(xs)
    assert len(set(xs)) == 3
    assert [p.stap for p in grafiek.punten] == [4, 1, 4]  # back and forth, as it goes


def test_chart_reads_no_text(deelnemer):
    maak_reflecties(deelnemer, 30)
    maak_momenten(deelnemer, 5)
    with (
        mock.patch.object(fields, "decrypt", wraps=fields.decrypt) as decrypt,
        CaptureQueriesContext(connection) as queries,
    ):
        herstelpad.grafiek(deelnemer)
    assert decrypt.call_count == 0
    assert len(queries) == 1


def test_no_score_percentage_or_ladder_words(deelnemer_client, deelnemer):
    maak_reflecties(deelnemer, 12)
    maak_momenten(deelnemer, 3)
    html = en(deelnemer_client).content.decode()
    main = html.split('<main id="inhoud"', 1)[1]
    assert not re.search(r"\d\s*%", main)
    assert "%" not in main
    for woord in ("score", "percent", "progress", "completed", "level", "ladder</", "<progress"):
        assert woord not in main.lower(), woord
    assert "Recovery is not a ladder" in main  # the kind sentence, not a ladder


def _over_het_jaar(auteur, reflecties, momenten):
    """Spread evenly over the chart's year, steps moving back and forth."""
    uur = 365 * 24 - 48
    Reflectie.objects.bulk_create(
        Reflectie(
            auteur=auteur,
            stap=[1, 2, 3, 2, 4, 5, 3, 6][i % 8],
            tekst=f"Tekst {i}",
            aangemaakt_op=geleden(hours=1 + i * uur / reflecties),
        )
        for i in range(reflecties)
    )
    Herkenningsmoment.objects.bulk_create(
        Herkenningsmoment(
            auteur=auteur,
            soort="herkend" if i % 3 else "niet_herkend",
            aangemaakt_op=geleden(hours=2 + i * uur / momenten),
        )
        for i in range(momenten)
    )


def test_page_stays_bounded_however_much_you_write(client, django_user_model):
    """The chart and its table do not grow with the number of entries: at 100 or 1,000
    reflections (and 20 or 300 moments) in a year the page is about the same size."""
    gemeten = {}
    for reflecties, momenten in [(100, 20), (1000, 300)]:
        wie = UserFactory()
        _over_het_jaar(wie, reflecties, momenten)
        client.force_login(wie)
        response = en(client)
        html = response.content.decode()
        grafiek = response.context["grafiek"]
        assert grafiek.per_week
        assert grafiek.aantal_reflecties == reflecties
        svg = re.search(r"<svg viewBox=[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
        stippen = svg.count('class="stip"')
        assert stippen <= 54 * 6  # at most one dot per step per week
        assert svg.count('class="moment"') <= 54 * 2
        assert f"{reflecties} reflections" in svg  # the description still counts them all
        tabel = re.search(r'<caption id="kop-tabel-reflecties">.*?</table>', html, re.S).group(0)
        assert tabel.count("<tr>") <= 1 + 13  # one row per month
        gemeten[reflecties] = (len(html), stippen)
    (klein, _), (groot, stippen_groot) = gemeten[100], gemeten[1000]
    assert groot < 2 * klein, gemeten  # ten times the entries, not ten times the page
    assert groot < 80_000, gemeten  # a row and a dot each: several hundred KB
    assert stippen_groot <= 54 * 6


def test_up_to_the_limit_each_reflection_is_a_dot(deelnemer):
    _over_het_jaar(deelnemer, herstelpad.DETAIL_GRENS, 3)
    grafiek = herstelpad.grafiek(deelnemer)
    assert not grafiek.per_week
    assert not grafiek.momenten_per_week
    assert len(grafiek.punten) == herstelpad.DETAIL_GRENS
    ReflectieFactory(auteur=deelnemer, aangemaakt_op=geleden(hours=3))
    grafiek = herstelpad.grafiek(deelnemer)
    assert grafiek.per_week
    assert grafiek.aantal_reflecties == herstelpad.DETAIL_GRENS + 1
    assert len(grafiek.lijn_punten) <= 54
    assert grafiek.maanden


def test_per_week_back_and_forth_stays_visible(deelnemer_client, deelnemer):
    """Twenty weeks, four reflections each: mostly step 2 one week, mostly step 5 the
    next. Every step written in has a dot; the line swings between 2 and 5."""
    nu = datetime.datetime(
        2025, 6, 11, 12, 0, tzinfo=timezone.get_current_timezone()
    )  # a Wednesday
    rijen = []
    for week in range(1, 21):
        veel, weinig = (2, 5) if week % 2 == 0 else (5, 2)
        for j, stap in enumerate([veel, weinig, veel, veel]):
            datum = nu - datetime.timedelta(days=7 * week, minutes=10 * j)
            rijen.append(Reflectie(auteur=deelnemer, stap=stap, tekst="t", aangemaakt_op=datum))
    Reflectie.objects.bulk_create(rijen)

    grafiek = herstelpad.grafiek(deelnemer, nu=nu)
    assert grafiek.per_week
    assert grafiek.aantal_reflecties == 80
    assert len(grafiek.punten) == 40  # two steps in each of twenty weeks
    assert [p.stap for p in grafiek.lijn_punten] == [2, 5] * 10  # oldest week first
    for punt in grafiek.punten:
        assert (punt.aantal, punt.r) in {(3, 3.5), (1, 2.5)}
    xs = [p.x for p in grafiek.lijn_punten]
    assert xs == sorted(xs)
    assert len(set(xs)) == 20
    assert {p.x for p in grafiek.punten} == set(xs)  # a week's dots share one column
    banden = {b.stap: b for b in grafiek.banden}
    for punt in grafiek.punten:
        assert banden[punt.stap].y < punt.y < banden[punt.stap].y + BAND
    # The table counts per month, per step: together, every reflection.
    assert sum(sum(m.aantallen) for m in grafiek.maanden) == 80
    assert all(m.aantallen[0] == m.aantallen[2] == 0 for m in grafiek.maanden)
    assert [m.datum for m in grafiek.maanden] == sorted({m.datum for m in grafiek.maanden})


def test_per_week_page_explains_itself(deelnemer_client, deelnemer):
    _over_het_jaar(deelnemer, 200, 5)
    html = en(deelnemer_client).content.decode()
    assert "each column of dots is one week" in html
    assert "four or more in that step, that week" in html
    tabel = re.search(r'<caption id="kop-tabel-reflecties">.*?</table>', html, re.S).group(0)
    assert "per month" in tabel
    with translation.override("en"):
        for stap in Stap:
            assert f'<th scope="col">{stap.label}</th>' in tabel
    assert '<th scope="row"><time datetime="' in tabel
    main = html.split('<main id="inhoud"', 1)[1]
    assert "%" not in main
    assert "style=" not in main
    # Few moments: still one row each.
    momenten = re.search(r'<caption id="kop-tabel-momenten">.*?</table>', html, re.S).group(0)
    assert momenten.count("<tr>") == 1 + 5


# --- The timeline -----------------------------------------------------------------------


def test_timeline_merges_both_streams_newest_first(deelnemer_client, deelnemer, groep):
    bijeenkomst = BijeenkomstFactory(groep=groep, begint_om=geleden(days=2))
    r_oud = ReflectieFactory(auteur=deelnemer, aangemaakt_op=geleden(days=5), tekst="Oude tekst")
    h = HerkenningFactory(
        auteur=deelnemer,
        groep=groep,
        bijeenkomst=bijeenkomst,
        aangemaakt_op=geleden(days=2),
        oorzaak="sfeer",
        notitie="Mijn notitie",
    )
    r_nieuw = ReflectieFactory(
        auteur=deelnemer,
        groep=groep,
        aangemaakt_op=geleden(hours=1),
        tekst="Nieuwe tekst",
        zichtbaarheid="facilitators",
        gevoel="dankbaar",
    )
    response = en(deelnemer_client)
    items = response.context["tijdlijn"].items
    assert [i.obj for i in items] == [r_nieuw, h, r_oud]
    html = response.content.decode()
    assert html.index("Nieuwe tekst") < html.index("Mijn notitie") < html.index("Oude tekst")
    assert f'href="/reflecties/{r_nieuw.pk}/"' in html
    assert reverse("herkenning_verwijderen", kwargs={"pk": h.pk}) in html
    assert "shared with the facilitators" in html
    assert "only you" in html
    assert "grateful" in html
    assert "the atmosphere in the group" in html
    assert groep.naam in html


def test_long_texts_are_shortened_on_the_timeline(deelnemer_client, deelnemer):
    ReflectieFactory(auteur=deelnemer, tekst="a" * 150 + "EINDE" + "b" * 500)
    html = en(deelnemer_client).content.decode()
    assert "a" * 150 in html
    assert "b" * 100 not in html


def test_pagination_boundaries(deelnemer_client, deelnemer):
    maak_reflecties(deelnemer, 20)
    maak_momenten(deelnemer, 6)  # 26 entries: one more than a page

    eerste = en(deelnemer_client)
    tijdlijn = eerste.context["tijdlijn"]
    assert len(tijdlijn.items) == 25
    assert (tijdlijn.nieuwer, tijdlijn.ouder) == (None, 2)
    assert 'href="?pagina=2"' in eerste.content.decode()

    tweede = en(deelnemer_client, pagina=2)
    tijdlijn2 = tweede.context["tijdlijn"]
    assert len(tijdlijn2.items) == 1
    assert (tijdlijn2.nieuwer, tijdlijn2.ouder) == (1, None)
    assert 'href="?pagina=1"' in tweede.content.decode()
    # Every entry exactly once, newest first across the two pages.
    alles = tijdlijn.items + tijdlijn2.items
    assert len({(i.soort, i.obj.pk) for i in alles}) == 26
    datums = [i.datum for i in alles]
    assert datums == sorted(datums, reverse=True)


def test_exactly_one_page_has_no_older_link(deelnemer_client, deelnemer):
    maak_reflecties(deelnemer, 25)
    tijdlijn = en(deelnemer_client).context["tijdlijn"]
    assert len(tijdlijn.items) == 25
    assert tijdlijn.ouder is None


@pytest.mark.parametrize("pagina", ["0", "-3", "abc", ""])
def test_odd_page_numbers_show_the_first_page(deelnemer_client, deelnemer, pagina):
    maak_reflecties(deelnemer, 3)
    response = en(deelnemer_client, pagina=pagina)
    assert response.status_code == 200
    assert response.context["tijdlijn"].pagina == 1


def test_page_beyond_the_end_is_kind(deelnemer_client, deelnemer):
    maak_reflecties(deelnemer, 3)
    response = en(deelnemer_client, pagina=9)
    assert response.status_code == 200
    assert "There is nothing older." in response.content.decode()


# --- The group filter ---------------------------------------------------------------------


def test_filter_on_own_group(deelnemer_client, deelnemer, groep):
    andere = GroepFactory(naam="Tweede groep")
    LidmaatschapFactory(groep=andere, user=deelnemer)
    in_groep = ReflectieFactory(auteur=deelnemer, groep=groep, tekst="In mijn groep")
    ReflectieFactory(auteur=deelnemer, groep=andere, tekst="In de tweede groep")
    ReflectieFactory(auteur=deelnemer, tekst="Zonder groep")
    moment = HerkenningFactory(auteur=deelnemer, groep=groep)
    HerkenningFactory(auteur=deelnemer, groep=andere)

    response = en(deelnemer_client, groep=groep.pk)
    assert response.context["groep"] == groep
    assert {i.obj for i in response.context["tijdlijn"].items} == {in_groep, moment}
    html = response.content.decode()
    assert "In de tweede groep" not in html
    assert "Zonder groep" not in html
    assert html.count('class="stip"') == 1
    assert f'<option value="{groep.pk}" selected>' in html
    assert f'<option value="{andere.pk}">' in html


@pytest.mark.parametrize("waarde", ["vreemd", "abc", "999999"])
def test_foreign_or_unknown_group_is_ignored(deelnemer_client, deelnemer, groep, waarde):
    vreemd = GroepFactory(naam="Niet mijn groep")
    ReflectieFactory(auteur=deelnemer, groep=groep)
    ReflectieFactory(auteur=deelnemer)
    response = en(deelnemer_client, groep=vreemd.pk if waarde == "vreemd" else waarde)
    assert response.status_code == 200
    assert response.context["groep"] is None
    assert len(response.context["tijdlijn"].items) == 2
    assert "Niet mijn groep" not in response.content.decode()


def test_filter_shows_only_own_groups(deelnemer_client, deelnemer, groep):
    GroepFactory(naam="Niet mijn groep")
    wachtend = GroepFactory(naam="Op de wachtlijst")
    LidmaatschapFactory(groep=wachtend, user=deelnemer, status="wachtlijst")
    html = en(deelnemer_client).content.decode()
    assert groep.naam in html
    assert "Niet mijn groep" not in html
    assert "Op de wachtlijst" not in html


# --- Privacy ---------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["facilitator", "outsider", "coordinator"])
def test_nobody_else_sees_my_path(client, request, deelnemer, groep, wie):
    ReflectieFactory(
        auteur=deelnemer, groep=groep, tekst="KANARIE-reflectie", zichtbaarheid="groep"
    )
    HerkenningFactory(auteur=deelnemer, groep=groep, notitie="KANARIE-notitie")
    client.force_login(request.getfixturevalue(wie))
    for params in ({}, {"groep": groep.pk}):
        response = en(client, **params)
        html = response.content.decode()
        assert "KANARIE" not in html
        assert not response.context["tijdlijn"].items
        assert response.context["grafiek"].leeg
        assert 'class="stip"' not in html


def test_page_shows_only_my_texts_of_the_page(deelnemer_client, deelnemer):
    maak_reflecties(deelnemer, 60)
    maak_momenten(deelnemer, 10)
    with mock.patch.object(fields, "decrypt", wraps=fields.decrypt) as decrypt:
        assert en(deelnemer_client).status_code == 200
    assert decrypt.call_count <= herstelpad.PER_PAGINA


# --- Query budget ------------------------------------------------------------------------


def test_query_count_does_not_grow(deelnemer_client, deelnemer, groep, django_assert_num_queries):
    maak_reflecties(deelnemer, 50, groep=groep)
    maak_momenten(deelnemer, 10, groep=groep)
    with CaptureQueriesContext(connection) as klein:
        assert en(deelnemer_client).status_code == 200
    assert len(klein) <= 10, [q["sql"] for q in klein]

    maak_reflecties(deelnemer, 450)
    maak_momenten(deelnemer, 90)
    with django_assert_num_queries(len(klein)):
        response = en(deelnemer_client)
    assert len(response.context["tijdlijn"].items) == 25
    assert response.context["tijdlijn"].ouder == 2
    with django_assert_num_queries(len(klein)):
        en(deelnemer_client, groep=groep.pk, pagina=2)


# --- Empty states and the model page -----------------------------------------------------


def test_empty_state_invites(deelnemer_client):
    response = en(deelnemer_client)
    html = response.content.decode()
    assert "Your path starts here" in html
    assert 'href="/reflecties/nieuw/"' in html
    assert f'href="{reverse("herkenning_nieuw")}"' in html
    assert "<svg viewBox" not in html


def test_empty_group_filter_is_kind(deelnemer_client, deelnemer, groep):
    ReflectieFactory(auteur=deelnemer)
    html = en(deelnemer_client, groep=groep.pk).content.decode()
    assert "Nothing here for this group yet" in html


def test_het_model_explains_the_six_steps(deelnemer_client):
    response = en(deelnemer_client, reverse("het_model"))
    html = response.content.decode()
    with translation.override("en"):
        for stap in Stap:
            assert str(stap.label) in html
    assert "Recovery is not a ladder" in html
    assert 'href="/reflecties/nieuw/"' in html
    assert "%" not in html.split('<main id="inhoud"', 1)[1]
