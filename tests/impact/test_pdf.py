"""The value report as PDF: a real PDF with the period, figures and sources in it."""

import base64
import contextlib
import datetime
import zlib
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from impact import pdf, waarde
from impact.periode import Filters, eigen_periode, jaar_periode
from tests.factories import AanbodFactory

pytestmark = pytest.mark.django_db


def _tekst(inhoud: bytes) -> str:
    """All text in the PDF, also from compressed streams."""
    delen = [inhoud]
    start = 0
    while (i := inhoud.find(b"stream\n", start)) != -1:
        j = inhoud.find(b"endstream", i)
        stroom = inhoud[i + 7 : j].strip()
        with contextlib.suppress(zlib.error, ValueError):  # not every stream is compressed
            if stroom.endswith(b"~>"):  # reportlab: ASCII85, then Flate
                stroom = base64.a85decode(stroom[:-2])
            delen.append(zlib.decompress(stroom))
        start = j
    return b"".join(delen).decode("latin-1")


def test_pdf_has_period_figures_and_sources(coordinator):
    with translation.override("en"):
        waarde.wijzig(coordinator, {"wonen_aandeel": Decimal("7")}, bron="Telling-2025")
        r = waarde.rapport(eigen_periode(datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)))
        inhoud = pdf.waarde_pdf(r, comprimeer=False)
    assert inhoud.startswith(b"%PDF-")
    assert inhoud.rstrip().endswith(b"%%EOF")
    tekst = _tekst(inhoud)
    assert "1 February 2025" in tekst
    assert "28 February 2025" in tekst
    assert "7,249.80" in tekst  # 6,449.80 + 2% x 40,000
    assert "Telling-2025" in tekst  # the coordinator's source
    assert "not invoices" in tekst
    assert "PM" in tekst


def test_pdf_with_odd_input(coordinator):
    # Text that looks like markup, and a filter that leaves nobody.
    waarde.wijzig(coordinator, {"wonen_kosten": Decimal("0")}, bron="<b>&amp; ‘quotes’ € </para>")
    aanbod = AanbodFactory(titel="WRAP <i>")
    r = waarde.rapport(jaar_periode(2031), Filters(locatie="Nergens", aanbod=aanbod))
    inhoud = pdf.waarde_pdf(r)
    assert inhoud.startswith(b"%PDF-")
    assert len(inhoud) > 2000


def test_pdf_view(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("impact_waarde_pdf"), {"soort": "jaar", "jaar": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "maatschappelijke-waarde-20250101-20251231.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    # The period reached the PDF (page streams are compressed in the real download).
    assert "1 januari 2025" in _tekst(response.content)
