"""The academy's identity as data: one cached row, checked on the settings page, used in
pages, the help box, mails and PDFs."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from deelnemers.academie import contrast_met_wit, huidige_academie, vergeet_academie
from deelnemers.models import Academie
from groepen import mail as groepen_mail
from groepen.models import Groep
from impact import pdf, waarde
from impact.periode import Filters, jaar_periode
from tests.factories import LocatieFactory

pytestmark = pytest.mark.django_db

GELDIG = {
    "naam": "Herstelacademie Oost",
    "introductie": "Een plek om te herstellen.",
    "contact_email": "hallo@oost.example",
    "contact_telefoon": "024 123 45 67",
    "contact_adres": "Lindelaan 12\n6511 AB Nijmegen",
    "crisislijn_naam": "113 Zelfmoordpreventie",
    "crisislijn_nummer": "113",
    "crisislijn_gratis": "0800-0113",
    "crisislijn_website": "https://www.113.nl",
    "huisarts": "je huisarts",
    "noodnummer": "112",
    "kleur": "#1d4f91",
}


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


def _plaatje(formaat="PNG", grootte=(40, 20)) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", grootte, (138, 59, 18)).save(uit, format=formaat)
    return uit.getvalue()


def _bewaar(**velden):
    academie = Academie.objects.get(pk=huidige_academie().pk)
    for naam, waarde_ in velden.items():
        setattr(academie, naam, waarde_)
    academie.save()
    return academie


def test_the_migration_made_one_row_with_the_crisis_defaults():
    academie = Academie.objects.get()
    assert (
        academie.naam,
        academie.crisislijn_nummer,
        academie.crisislijn_gratis,
        academie.huisarts,
        academie.noodnummer,
    ) == ("Herstelacademie", "113", "0800-0113", "je huisarts", "112")
    assert huidige_academie().pk == academie.pk


def test_the_row_is_cached_and_forgotten_on_save():
    vergeet_academie()
    with CaptureQueriesContext(connection) as koud:
        huidige_academie()
    with CaptureQueriesContext(connection) as warm:
        huidige_academie()
    assert (len(koud.captured_queries), len(warm.captured_queries)) == (1, 0)

    _bewaar(naam="Nieuwe naam")
    assert huidige_academie().naam == "Nieuwe naam"


def test_a_page_asks_for_the_academy_at_most_once(client, deelnemer):
    """The header, the title and the footer all show it: one query when the cache is
    cold, none when it is warm."""
    client.force_login(deelnemer)
    url = reverse("mijn_gegevens")
    client.get(url)  # the session and the like, so both runs below are alike
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    vergeet_academie()
    with CaptureQueriesContext(connection) as koud:
        response = client.get(url)
    academie_queries = [q for q in koud.captured_queries if "deelnemers_academie" in q["sql"]]
    assert len(academie_queries) == 1
    assert len(koud.captured_queries) == len(warm.captured_queries) + 1
    html = response.content.decode()
    assert html.count("Herstelacademie") >= 2  # header and <title>


def test_header_footer_and_help_box_use_the_settings(c):
    _bewaar(
        naam="Herstelacademie Oost", contact_telefoon="024 123 45 67", crisislijn_gratis="0800 9999"
    )
    html = c.get(reverse("academie_instellingen")).content.decode()
    assert "<title>Over de academie · Herstelacademie Oost</title>" in html
    assert '<a href="tel:0241234567">024 123 45 67</a>' in html
    # The help box (shown here as a preview, the same template as after a signal word).
    assert '<a href="tel:08009999">0800 9999</a> (gratis, dag en nacht)' in html
    assert "Bel je huisarts, of buiten kantoortijd de huisartsenpost." in html


def test_coordinator_saves_the_identity(c):
    response = c.post(reverse("academie_instellingen"), GELDIG)
    assert response.status_code == 302
    academie = Academie.objects.get()
    assert (academie.naam, academie.kleur) == ("Herstelacademie Oost", "#1d4f91")
    css = c.get(reverse("academie_kleur")).content.decode()
    assert "--accent: #1d4f91" in css


@pytest.mark.parametrize(
    ("veld", "invoer", "bericht"),
    [
        ("kleur", "#ffcc00", "Witte tekst is op deze kleur slecht te lezen (contrast 1,5:1"),
        ("kleur", "rood", "Typ een kleur als # met zes tekens"),
        ("kleur", "#8a3b1", "Typ een kleur als # met zes tekens"),
        ("contact_telefoon", "bel me", "Typ een telefoonnummer"),
        ("noodnummer", "", "Vul het alarmnummer in"),
        ("naam", "Herstel\tacademie", "onzichtbaar teken"),
        ("contact_email", "hallo@", "Dit is geen e-mailadres"),
    ],
)
def test_bad_identity_input_gets_a_dutch_message_and_keeps_the_rest(c, veld, invoer, bericht):
    response = c.post(reverse("academie_instellingen"), {**GELDIG, veld: invoer})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{veld}_error"' in html
    assert bericht in html
    assert "Een plek om te herstellen." in html
    assert Academie.objects.get().naam == "Herstelacademie"


def test_contrast_is_measured_as_wcag_says():
    assert round(contrast_met_wit("#000000"), 1) == 21.0
    assert round(contrast_met_wit("#8a3b12"), 1) == 7.7  # the default, the --accent of app.css
    assert contrast_met_wit("#767676") >= 4.5 > contrast_met_wit("#777777")


def test_a_png_logo_is_kept_and_served(c):
    logo = SimpleUploadedFile("logo.png", _plaatje(), content_type="image/png")
    response = c.post(reverse("academie_instellingen"), {**GELDIG, "logo_bestand": logo})
    assert response.status_code == 302
    beeld = c.get(reverse("academie_logo"))
    assert beeld["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(beeld.content)).size == (40, 20)
    assert reverse("academie_logo") in c.get(reverse("mijn_gegevens")).content.decode()


@pytest.mark.parametrize(
    ("naam", "inhoud", "bericht"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "geen plaatje",
        ),
        ("logo.gif", None, "Kies een PNG- of JPEG-bestand"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 300_000, "te groot"),
    ],
)
def test_other_logos_are_refused(c, naam, inhoud, bericht):
    if inhoud is None:
        inhoud = _plaatje("GIF")
    bestand = SimpleUploadedFile(naam, inhoud, content_type="image/png")
    response = c.post(reverse("academie_instellingen"), {**GELDIG, "logo_bestand": bestand})
    assert response.status_code == 400
    assert bericht in response.content.decode()
    assert not Academie.objects.get().logo_type
    assert c.get(reverse("academie_logo")).status_code == 404


def test_a_mail_is_signed_with_the_academy_and_names_the_place(groep, deelnemer):
    _bewaar(naam="Herstelacademie Oost")
    locatie = LocatieFactory(naam="Buurthuis De Linde", straat="Lindelaan 12")
    Groep.objects.filter(pk=groep.pk).update(plek=locatie, locatie="")
    bericht = groepen_mail.render_mail(
        "aangemeld", deelnemer, groepen_mail.laad_context({"groep_id": groep.pk})
    )
    assert "Herstelacademie Oost" in bericht.body
    assert "Buurthuis De Linde, Lindelaan 12" in bericht.body
    html = bericht.alternatives[0][0]
    assert "Herstelacademie Oost" in html


def test_the_pdf_names_the_academy():
    _bewaar(naam="Herstelacademie Oost")
    r = waarde.rapport(jaar_periode(2031), Filters())
    assert b"Herstelacademie Oost" in pdf.waarde_pdf(r, comprimeer=False)
