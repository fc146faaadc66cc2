"""The study's assumptions and lines for the societal value report, as data: every
assumption with its default, unit, valid range and source (in our own words), the five
lines it makes up, and the effects the study does not put in money (PM). The formulas
and the report are in impact/waarde.py."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# Units, shown next to each value.
PROCENT = _("percent of participants")
PROCENT_VAN = _("percent")
EURO = _("euro")
EURO_PER_UUR = _("euro per hour")
WEKEN = _("weeks per year")
UREN_PER_WEEK = _("hours per week")
MINUTEN_PER_WEEK = _("minutes per week")
DAGDELEN_PER_WEEK = _("day-parts per week")
EURO_PER_MAAND = _("euro per month")
EURO_PER_JAAR = _("euro per year")


@dataclass(frozen=True)
class AannameDef:
    sleutel: str
    regel: str
    label: str
    eenheid: str
    standaard: Decimal
    minimum: Decimal
    maximum: Decimal
    bron: str


def _def(sleutel, regel, label, eenheid, standaard, maximum, bron, minimum="0"):
    return AannameDef(
        sleutel, regel, label, eenheid, Decimal(standaard), Decimal(minimum), Decimal(maximum), bron
    )


STUDIE = _("Study of two recovery facilities (Lumen, HVO-Querido), chapter 7")

AANNAMES: tuple[AannameDef, ...] = (
    # Less professional support
    _def(
        "begeleiding_minuten",
        "begeleiding",
        _("Less support per participant"),
        MINUTEN_PER_WEEK,
        "20",
        "600",
        _("Participants grow more self-reliant and need about 20 minutes less support a week."),
    ),
    _def(
        "begeleiding_weken",
        "begeleiding",
        _("Weeks of support in a year"),
        WEKEN,
        "46",
        "52",
        _("The study counts 46 weeks of support in a year."),
    ),
    _def(
        "begeleiding_uurtarief",
        "begeleiding",
        _("Cost of one hour of support"),
        EURO_PER_UUR,
        "75",
        "1000",
        _("The study uses 75 euro for an hour of professional support."),
    ),
    # Less day care
    _def(
        "dagbesteding_dagdelen",
        "dagbesteding",
        _("Day-parts of day care less"),
        DAGDELEN_PER_WEEK,
        "3",
        "14",
        _("A careful guess in the study: 3 day-parts of day care less each week."),
    ),
    _def(
        "dagbesteding_weken",
        "dagbesteding",
        _("Weeks of day care in a year"),
        WEKEN,
        "46",
        "52",
        _("The study counts 46 weeks of day care in a year."),
    ),
    _def(
        "dagbesteding_prijs",
        "dagbesteding",
        _("Cost of one day-part of day care"),
        EURO,
        "44",
        "1000",
        _("On average a day-part of day care costs 44 euro (societal price list)."),
    ),
    _def(
        "dagbesteding_aandeel",
        "dagbesteding",
        _("Participants who would otherwise use day care"),
        PROCENT,
        "33",
        "100",
        _("The study assumes this holds for a third (33%) of the participants."),
    ),
    # Volunteering and paid work
    _def(
        "vrijwilliger_aandeel",
        "participatie",
        _("Participants who start volunteering"),
        PROCENT,
        "15",
        "100",
        _("A careful guess in the study: about 15% become active as a volunteer."),
    ),
    _def(
        "vrijwilliger_uren",
        "participatie",
        _("Hours of volunteering"),
        UREN_PER_WEEK,
        "4",
        "40",
        _("The study counts 4 hours of volunteering a week."),
    ),
    _def(
        "vrijwilliger_weken",
        "participatie",
        _("Weeks of volunteering in a year"),
        WEKEN,
        "40",
        "52",
        _("The study counts 40 weeks of volunteering in a year."),
    ),
    _def(
        "vrijwilliger_uurwaarde",
        "participatie",
        _("Value of one hour of volunteering"),
        EURO_PER_UUR,
        "1.41",
        "100",
        # xgettext:no-python-format
        _("The study values an hour of volunteering at 10% of the minimum wage: 1.41 euro."),
    ),
    _def(
        "werk_aandeel",
        "participatie",
        _("Participants who find paid work"),
        PROCENT,
        "5",
        "100",
        # xgettext:no-python-format
        _("In one of the two facilities about 5% of participants found paid work in time."),
    ),
    _def(
        "werk_uitkering",
        "participatie",
        _("Benefit before the paid work"),
        EURO_PER_MAAND,
        "1645",
        "10000",
        _("The study takes a Wajong benefit of 1,645 euro a month (societal price list)."),
    ),
    _def(
        "werk_vermindering",
        "participatie",
        _("How much smaller the benefit becomes"),
        PROCENT_VAN,
        "60",
        "100",
        _("The study assumes paid work lowers the benefit by 60%."),
    ),
    # More effective treatment
    _def(
        "behandeling_aandeel",
        "behandeling",
        _("Participants in mental health treatment"),
        PROCENT,
        "50",
        "100",
        _("The study assumes about half of the participants are in treatment."),
    ),
    _def(
        "behandeling_effectiever",
        "behandeling",
        _("Of them, treatment becomes shorter or more effective for"),
        PROCENT_VAN,
        "67",
        "100",
        # xgettext:no-python-format
        _("The study assumes treatment works better or ends sooner for 67% of them."),
    ),
    _def(
        "behandeling_besparing",
        "behandeling",
        _("Saving per participant whose treatment becomes more effective"),
        EURO_PER_JAAR,
        "2000",
        "100000",
        _(
            "The study's 670 euro is 50% x 67% x this amount; it does not name the amount "
            "itself, so 2,000 euro follows from its figures."
        ),
    ),
    # Housing
    _def(
        "wonen_aandeel",
        "wonen",
        _("Participants who avoid sheltered housing"),
        PROCENT,
        "5",
        "100",
        # xgettext:no-python-format
        _("The study assumes 5% can live on their own instead of in sheltered housing."),
    ),
    _def(
        "wonen_kosten",
        "wonen",
        _("Cost of a light form of sheltered housing"),
        EURO_PER_JAAR,
        "40000",
        "500000",
        _("The study uses 40,000 euro a year for a light form of sheltered housing."),
    ),
)

PER_SLEUTEL = {a.sleutel: a for a in AANNAMES}


@dataclass(frozen=True)
class RegelDef:
    sleutel: str
    titel: str
    uitleg: str
    formule: str


REGELS: tuple[RegelDef, ...] = (
    RegelDef(
        "begeleiding",
        _("Less professional support"),
        _("Participants become more self-reliant and need less support from professionals."),
        _("minutes per week / 60 x weeks x hourly rate"),
    ),
    RegelDef(
        "dagbesteding",
        _("Less day care"),
        _("The academy gives structure and peer contact some would otherwise find in day care."),
        _("day-parts per week x weeks x price per day-part x share of participants"),
    ),
    RegelDef(
        "participatie",
        _("Volunteering and paid work"),
        _("Participants learn from each other how to take part in society again."),
        _(
            "volunteer share x hours per week x weeks x value per hour + "
            "work share x benefit per month x 12 x reduction"
        ),
    ),
    RegelDef(
        "behandeling",
        _("More effective treatment"),
        _(
            "Working on recovery can make treatment work better or end sooner, and "
            "helps prevent relapse and crises."
        ),
        _("share in treatment x share treated more effectively x saving"),
    ),
    RegelDef(
        "wonen",
        _("Housing"),
        _("With a network and a daily rhythm, some can live on their own instead of sheltered."),
        _("share of participants x yearly cost of sheltered housing"),
    ),
)

# Effects the study names but does not express in money ("PM": pro memorie).
PM_EFFECTEN = (
    (
        _("Recognition and acknowledgement"),
        _("Feeling recognised and acknowledged improves quality of life; hard to put in money."),
    ),
    (
        _("Social network"),
        _(
            # xgettext:no-python-format
            "About 85% of participants build a social network. Part of its value is already in "
            "the line about less professional support."
        ),
    ),
)

SCHATTING = _(
    "These figures are estimates. They make the value of the academy tangible for "
    "participants and society; they are not invoices and not exact amounts. The study "
    "calls its assumptions careful, so the real value may well be higher."
)
