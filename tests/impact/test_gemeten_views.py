"""Measured and assumed side by side on the value report's page, PDF and CSV, and the
coordinator's choice on the assumptions page. The dataset is the one of
tests/impact/test_gemeten.py (volunteer work 33.3% of 6, paid work 20.0% of 5, care
80.0% of 5)."""

import pytest
from django.urls import reverse
from django.utils import translation

from impact import pdf, waarde
from impact.models import Aanname
from tests.impact.test_gemeten import Q1, _tien_actief, maak
from tests.impact.test_pdf import _tekst

pytestmark = pytest.mark.django_db

KWARTAAL_1 = {"soort": "kwartaal", "jaar": "2026", "kwartaal": "1"}


@pytest.fixture
def coord(client, coordinator):
    client.force_login(coordinator)
    return client


def test_page_shows_measured_next_to_assumed_with_the_people_behind_it(coord, coordinator):
    maak()
    _tien_actief()
    waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True})
    html = coord.get(reverse("impact_waarde"), KWARTAAL_1).content.decode()
    assert "Gemeten in deze academie" in html
    tabel = html[
        html.index('class="gemeten-tabel"') : html.index("</table>", html.index("gemeten-tabel"))
    ]
    for cel in ('<td class="num">15%</td>', '<td class="num">33,3%</td>', '<td class="num">6</td>'):
        assert cel in tabel, cel
    assert '<td class="num">20,0%</td>' in tabel
    assert '<td class="num">80,0%</td>' in tabel
    assert tabel.count("het gemeten cijfer") == 1  # only paid work uses it
    assert "€&nbsp;8.226,40" in html  # per participant with measured paid work


def test_page_with_four_people_says_too_few_to_show(coord):
    maak(4)
    html = coord.get(reverse("impact_waarde"), KWARTAAL_1).content.decode()
    tabel = html[html.index('class="gemeten-tabel"') :]
    assert tabel.count("te weinig om te tonen") >= 3
    assert "33,3%" not in html
    assert "25,0%" not in html


def test_pdf_holds_assumed_and_measured(coordinator):
    maak()
    _tien_actief()
    waarde.wijzig(coordinator, {}, gemeten={"vrijwilliger_aandeel": True})
    with translation.override("en"):
        tekst = _tekst(pdf.waarde_pdf(waarde.rapport(Q1), comprimeer=False))
    assert "Assumed and measured in this academy" in tekst
    for stuk in ("33.3%", "20.0%", "80.0%", "15%", "67%", "the measured figure"):
        assert stuk in tekst, stuk
    assert "Measured in this academy: 6 people" in tekst  # the source of the used figure


def test_pdf_with_four_people_says_too_few(coordinator):
    maak(4)
    with translation.override("en"):
        tekst = _tekst(pdf.waarde_pdf(waarde.rapport(Q1), comprimeer=False))
    assert tekst.count("too few to show") == 3
    assert "fewer than 5" in tekst


def test_csv_holds_assumed_and_measured(coord, coordinator):
    maak()
    _tien_actief()
    waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True})
    body = coord.get(reverse("impact_waarde_csv"), KWARTAAL_1).content.decode("utf-8")
    regels = body[1:].splitlines()
    gemeten = [r for r in regels if r.startswith("Gemeten in deze academie;")]
    assert len(gemeten) == 3
    assert gemeten[0].split(";")[2:4] == ["33,3", "procent van de deelnemers"]
    assert "6 mensen" in gemeten[0]
    assert "het aangenomen cijfer" in gemeten[0]
    assert gemeten[1].split(";")[2] == "20,0"
    assert "het gemeten cijfer" in gemeten[1]
    assert gemeten[2].split(";")[2] == "80,0"
    # The assumption rows keep the assumed value.
    werk = next(r for r in regels if r.startswith("Aanname;") and ";5;" in r and "betaald" in r)
    assert werk


def test_csv_with_four_people_says_too_few(coord):
    maak(4)
    body = coord.get(reverse("impact_waarde_csv"), KWARTAAL_1).content.decode("utf-8")
    gemeten = [r for r in body.splitlines() if r.startswith("Gemeten in deze academie;")]
    assert [r.split(";")[2] for r in gemeten] == ["te weinig om te tonen"] * 3


def test_coordinator_chooses_measured_on_the_assumptions_page(coord, coordinator):
    maak()
    data = {k: str(v) for k, v in waarde.standaard_waarden().items()}
    page = coord.get(reverse("impact_aannames")).content.decode()
    assert "gebruik_werk_aandeel" in page
    data["gebruik_werk_aandeel"] = "gemeten"
    assert coord.post(reverse("impact_aannames"), data).status_code == 302
    versie = Aanname.objects.get()
    assert (versie.sleutel, versie.gemeten, versie.waarde) == ("werk_aandeel", True, 5)
    page = coord.get(reverse("impact_aannames")).content.decode()
    assert 'value="gemeten" id="id_gebruik_werk_aandeel_1" checked>' in page
    # The history says the report now uses the measured figure.
    assert "Het rapport gebruikt het cijfer dat in deze academie is gemeten." in page


def test_a_made_up_choice_is_refused_and_nothing_is_stored(coord):
    data = {k: str(v) for k, v in waarde.standaard_waarden().items()}
    data["gebruik_werk_aandeel"] = "allebei"
    data["wonen_kosten"] = "45000"
    response = coord.post(reverse("impact_aannames"), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["gebruik_werk_aandeel"]
    assert 'value="45000"' in response.content.decode()
    assert not Aanname.objects.exists()


def test_report_queries_stay_flat_with_many_check_ins(
    coord, coordinator, django_assert_max_num_queries
):
    from tests.factories import UserFactory
    from tests.impact.test_gemeten import check_in, op

    maak()
    _tien_actief()
    waarde.wijzig(coordinator, {}, gemeten={"werk_aandeel": True})
    for naam in ("impact_waarde", "impact_waarde_csv", "impact_waarde_pdf"):
        with django_assert_max_num_queries(12) as klein:
            coord.get(reverse(naam), KWARTAAL_1)
        for user in UserFactory.create_batch(5):
            check_in(user, op(2, 2), vrijwilligerswerk=True)
            check_in(user, op(2, 3), betaald_werk=False)
        with django_assert_max_num_queries(len(klein.captured_queries)):
            coord.get(reverse(naam), KWARTAAL_1)
