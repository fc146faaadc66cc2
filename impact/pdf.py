"""The value report as a PDF for funders, drawn with reportlab's platypus.

Same content as the printable page: the period, the figures, every assumption with its
source, the formula and the statement that these are estimates. Built in memory from an
impact.waarde.Rapport; no personal data is in it.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from deelnemers.academie import huidige_academie
from deelnemers.privacy import MIN_AGGREGATE

from . import waarde

LIJN = colors.HexColor("#c9b8a6")


def euro(bedrag) -> str:
    return f"€ {number_format(bedrag, decimal_pos=2, use_l10n=True, force_grouping=True)}"


def getal(waarde_) -> str:
    return number_format(waarde.schoon(waarde_), use_l10n=True, force_grouping=True)


def _p(tekst, stijl):
    return Paragraph(escape(str(tekst)), stijl)


def _tabel(rijen, breedtes, kop=True):
    t = Table(rijen, colWidths=breedtes, repeatRows=1 if kop else 0, hAlign="LEFT")
    stijl = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, LIJN),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    t.setStyle(TableStyle(stijl))
    return t


def filters_tekst(filters) -> str:
    if filters is None or not filters.actief:
        return ""
    delen = []
    if filters.locatie:
        delen.append(_("location: %(locatie)s") % {"locatie": filters.locatie})
    if filters.aanbod:
        delen.append(_("offer: %(aanbod)s") % {"aanbod": filters.aanbod.titel})
    return ", ".join(delen)


def gemeten_tekst(meting) -> str:
    """A measured figure as a cell: the percentage, or why there is none."""
    if meting.toonbaar:
        # Always one decimal, as measured (20.0%), unlike the assumptions people typed.
        return f"{number_format(meting.procent, decimal_pos=1, use_l10n=True)}%"
    return _("too few to show") if meting.mensen else "–"


def gebruikt_tekst(a) -> str:
    if a.gemeten:
        return _("the measured figure")
    if a.gemeten_gekozen:
        return _("the assumed figure, until 5 people have answered")
    return _("the assumed figure")


def _gemeten(rapport, h2, body, klein) -> list:
    """Assumed and measured side by side, with the number of people behind each."""
    rijen = [
        [
            _p(_("Assumption"), body),
            _p(_("Assumed"), body),
            _p(_("Measured in this academy"), body),
            _p(_("People"), body),
            _p(_("This report uses"), body),
        ]
    ]
    for a in rapport.gemeten:
        mensen = a.meting.mensen
        rijen.append(
            [
                _p(a.definitie.label, body),
                f"{getal(a.aangenomen_waarde)}%",
                gemeten_tekst(a.meting),
                str(mensen)
                if a.meting.toonbaar or not mensen
                else _("fewer than %(n)s") % {"n": MIN_AGGREGATE},
                _p(gebruikt_tekst(a), body),
            ]
        )
    uitleg = _(
        "Measured: from the check-ins people do themselves, each person's latest check-in in "
        "the period; shown from %(n)s people who answered the question."
    ) % {"n": MIN_AGGREGATE}
    return [
        _p(_("Assumed and measured in this academy"), h2),
        _tabel(rijen, [52 * mm, 20 * mm, 34 * mm, 22 * mm, 46 * mm]),
        _p(uitleg, klein),
        Spacer(1, 4 * mm),
    ]


def waarde_pdf(rapport: waarde.Rapport, *, comprimeer: bool = True) -> bytes:
    """The report as PDF bytes. `comprimeer=False` keeps the text readable (for tests)."""
    stijlen = getSampleStyleSheet()
    h1, h2, body = stijlen["Heading1"], stijlen["Heading2"], stijlen["BodyText"]
    academie = huidige_academie()
    h1.textColor = colors.HexColor(academie.kleur)
    klein = stijlen["Italic"]
    buffer = BytesIO()
    titel = _("Societal value of the academy")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=titel,
        author=academie.naam,
        pageCompression=1 if comprimeer else 0,
        invariant=0 if comprimeer else 1,
    )
    verhaal = [_p(academie.naam, body), _p(titel, h1)]
    periode = rapport.periode
    verhaal.append(
        _p(
            _("Period: %(label)s (%(begin)s to %(einde)s, %(dagen)s days)")
            % {
                "label": periode.label,
                "begin": date_format(periode.begin, "j F Y"),
                "einde": date_format(periode.einde, "j F Y"),
                "dagen": periode.dagen,
            },
            body,
        )
    )
    if f := filters_tekst(rapport.filters):
        verhaal.append(_p(_("Only: %(filters)s") % {"filters": f}, body))
    verhaal.append(_p(waarde.SCHATTING, body))
    verhaal.append(Spacer(1, 4 * mm))

    verhaal.append(_p(_("The figures"), h2))
    if rapport.deelnemers is None:
        deelnemers = _("fewer than %(n)s") % {"n": MIN_AGGREGATE}
        totaal = _("too little data")
    else:
        deelnemers = str(rapport.deelnemers)
        totaal = euro(rapport.totaal)
    rijen = [
        [_p(_("Value per participant per year"), body), euro(rapport.waarde.per_deelnemer)],
        [_p(_("Active participants in the period"), body), deelnemers],
        [_p(_("Days in the period"), body), str(rapport.dagen)],
        [_p(_("Value for the period"), body), totaal],
    ]
    verhaal.append(_tabel(rijen, [110 * mm, 60 * mm], kop=False))
    verhaal.append(
        _p(
            _(
                "Value for the period = value per participant per year x active participants "
                "x (days in the period / 365)."
            ),
            klein,
        )
    )
    verhaal.append(Spacer(1, 4 * mm))

    verhaal += _gemeten(rapport, h2, body, klein)

    verhaal.append(_p(_("Per line, per participant per year"), h2))
    for regel in rapport.waarde.regels:
        verhaal.append(_p(f"{regel.definitie.titel}: {euro(regel.bedrag)}", stijlen["Heading3"]))
        verhaal.append(_p(regel.definitie.uitleg, body))
        verhaal.append(_p(_("Formula: %(f)s") % {"f": regel.definitie.formule}, klein))
        rijen = [[_p(_("Assumption"), body), _p(_("Value"), body), _p(_("Source"), body)]]
        for a in regel.aannames:
            bron = str(a.definitie.bron)
            if a.gemeten:
                bron = _(
                    "Measured in this academy: %(n)s people, their latest check-in in the "
                    "period (assumed: %(aangenomen)s)."
                ) % {"n": a.meting.mensen, "aangenomen": getal(a.aangenomen_waarde)}
            elif a.gewijzigd:
                bron = _("Changed by the academy (the study: %(std)s). %(bron)s") % {
                    "std": getal(a.definitie.standaard),
                    "bron": a.versie.bron if a.versie else "",
                }
            rijen.append(
                [
                    _p(a.definitie.label, body),
                    _p(f"{getal(a.waarde)} {a.definitie.eenheid}", body),
                    _p(bron, body),
                ]
            )
        verhaal.append(_tabel(rijen, [55 * mm, 35 * mm, 84 * mm]))
    verhaal.append(Spacer(1, 4 * mm))

    verhaal.append(_p(_("Not expressed in money (PM)"), h2))
    for naam, uitleg in waarde.PM_EFFECTEN:
        verhaal.append(_p(f"{naam}: {uitleg}", body))
    verhaal.append(Spacer(1, 4 * mm))
    verhaal.append(_p(_("Source of the method: %(bron)s.") % {"bron": waarde.STUDIE}, klein))
    verhaal.append(
        _p(
            _("Made on %(datum)s.") % {"datum": date_format(timezone.localdate(), "j F Y")},
            klein,
        )
    )
    doc.build(verhaal)
    return buffer.getvalue()
