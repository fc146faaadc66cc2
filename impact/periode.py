"""The period and filters every coordinator figure is computed for.

Stable API (the participation dashboard, the model mirror and the value report use it):

- ``Periode(begin, einde, label, soort="eigen")``: frozen; ``einde`` is inclusive.
  ``begin_dt`` / ``einde_dt`` are aware datetimes for a half-open range
  ``[begin_dt, einde_dt)`` (use ``__gte`` / ``__lt``); ``dagen``; ``vorige()`` is the
  period just before (the previous calendar month/quarter/year, or for a custom period
  the same number of days directly before); ``nog_geen_gegevens(vandaag)`` is True when
  the period lies entirely in the future.
- ``standaard_periode(vandaag=None)``: the current quarter (the default everywhere).
- ``Filters(locatie="", aanbod=None)``: ``groep_q(prefix)`` gives a Q on Groep
  (``prefix="groep__"`` for models with a ``groep`` foreign key); ``actief`` says whether
  any filter is set.
- ``PeriodeForm(data)``: a GET form. ``periode()`` returns the chosen Periode (the
  default when invalid); ``filters()`` returns Filters from the valid fields.
- ``periode_uit_request(request) -> (form, periode)``: binds request.GET (or the defaults
  when nothing was sent); an invalid form keeps what was typed and its messages, while
  the figures fall back to the default period so the page still shows something.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groepen.models import Aanbod, Groep

MAAND, KWARTAAL, JAAR, EIGEN = "maand", "kwartaal", "jaar", "eigen"
EERSTE_JAAR, LAATSTE_JAAR = 2000, 2100
# A custom period longer than this makes little sense and only slows the figures down.
MAX_DAGEN = 366 * 5


def _dt(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.min))


@dataclass(frozen=True)
class Periode:
    begin: datetime.date
    einde: datetime.date  # inclusive
    label: str
    soort: str = EIGEN

    @property
    def dagen(self) -> int:
        return (self.einde - self.begin).days + 1

    @property
    def begin_dt(self) -> datetime.datetime:
        return _dt(self.begin)

    @property
    def einde_dt(self) -> datetime.datetime:
        """Exclusive: the first moment after the period."""
        return _dt(self.einde + datetime.timedelta(days=1))

    def nog_geen_gegevens(self, vandaag: datetime.date | None = None) -> bool:
        return self.begin > (vandaag or timezone.localdate())

    def vorige(self) -> Periode:
        if self.soort == MAAND:
            einde = self.begin - datetime.timedelta(days=1)
            return maand_periode(einde.year, einde.month)
        if self.soort == KWARTAAL:
            einde = self.begin - datetime.timedelta(days=1)
            return kwartaal_periode(einde.year, (einde.month - 1) // 3 + 1)
        if self.soort == JAAR:
            return jaar_periode(self.begin.year - 1)
        einde = self.begin - datetime.timedelta(days=1)
        return eigen_periode(einde - datetime.timedelta(days=self.dagen - 1), einde)


def maand_periode(jaar: int, maand: int) -> Periode:
    begin = datetime.date(jaar, maand, 1)
    volgende = datetime.date(jaar + (maand == 12), maand % 12 + 1, 1)
    return Periode(begin, volgende - datetime.timedelta(days=1), date_format(begin, "F Y"), MAAND)


def kwartaal_periode(jaar: int, kwartaal: int) -> Periode:
    begin = datetime.date(jaar, 3 * (kwartaal - 1) + 1, 1)
    einde = maand_periode(jaar, 3 * kwartaal).einde
    label = gettext("Quarter %(kwartaal)s %(jaar)s") % {"kwartaal": kwartaal, "jaar": jaar}
    return Periode(begin, einde, label, KWARTAAL)


def jaar_periode(jaar: int) -> Periode:
    return Periode(datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31), str(jaar), JAAR)


def eigen_periode(begin: datetime.date, einde: datetime.date) -> Periode:
    label = f"{date_format(begin, 'j-n-Y')} – {date_format(einde, 'j-n-Y')}"
    return Periode(begin, einde, label, EIGEN)


def standaard_periode(vandaag: datetime.date | None = None) -> Periode:
    vandaag = vandaag or timezone.localdate()
    return kwartaal_periode(vandaag.year, (vandaag.month - 1) // 3 + 1)


@dataclass(frozen=True)
class Filters:
    locatie: str = ""
    aanbod: Aanbod | None = None

    @property
    def actief(self) -> bool:
        return bool(self.locatie or self.aanbod)

    def groep_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.locatie:
            # By the location's name; the old free text for groups not yet linked to one.
            q &= Q(**{f"{prefix}plek__naam": self.locatie}) | Q(
                **{f"{prefix}plek__isnull": True, f"{prefix}locatie": self.locatie}
            )
        if self.aanbod:
            q &= Q(**{f"{prefix}aanbod": self.aanbod})
        return q


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _datum_veld(label):
    return forms.DateField(
        label=label,
        required=False,
        help_text=_("Only for 'choose dates'."),
        widget=DatumInput,
        error_messages={"invalid": _("Type a date, for example 3-3-2026.")},
    )


class PeriodeForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (MAAND, _("Month")),
            (KWARTAAL, _("Quarter")),
            (JAAR, _("Year")),
            (EIGEN, _("Choose dates")),
        ],
        error_messages={
            "required": _("Choose a kind of period."),
            "invalid_choice": _("Choose month, quarter, year or your own dates."),
        },
    )
    jaar = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=EERSTE_JAAR,
        max_value=LAATSTE_JAAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Type a year, for example 2026."),
            "min_value": _("Choose a year from %(limit_value)s."),
            "max_value": _("Choose a year up to %(limit_value)s."),
        },
    )
    maand = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        help_text=_("Only for the period 'month'."),
        coerce=int,
        empty_value=None,
        choices=[(m, str(m)) for m in range(1, 13)],  # named per request in __init__
        error_messages={"invalid_choice": _("Choose a month from the list.")},
    )
    kwartaal = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        help_text=_("Only for the period 'quarter'."),
        coerce=int,
        empty_value=None,
        choices=[(k, str(k)) for k in range(1, 5)],
        error_messages={"invalid_choice": _("Choose quarter 1, 2, 3 or 4.")},
    )
    begin = _datum_veld(_("First day"))
    einde = _datum_veld(_("Last day"))
    locatie = forms.ChoiceField(label=_("Location"), required=False)
    aanbod = forms.ModelChoiceField(
        label=_("Offer"),
        required=False,
        queryset=Aanbod.objects.all(),
        empty_label=_("All offer"),
        error_messages={"invalid_choice": _("Choose an offer from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Month names depend on the active language, so build them per request.
        self.fields["maand"].choices = [
            (m, date_format(datetime.date(2000, m, 1), "F")) for m in range(1, 13)
        ]
        # The location's name, or the old free text of a group without one. One query.
        locaties = (
            Groep.objects.annotate(plaatsnaam=Coalesce("plek__naam", "locatie"))
            .exclude(plaatsnaam="")
            .order_by("plaatsnaam")
            .values_list("plaatsnaam", flat=True)
            .distinct()
        )
        self.fields["locatie"].choices = [("", _("All locations"))] + [
            (loc, loc) for loc in locaties
        ]
        self.fields["locatie"].error_messages["invalid_choice"] = _(
            "Choose a location from the list."
        )

    @staticmethod
    def standaard_data(vandaag: datetime.date | None = None) -> dict:
        vandaag = vandaag or timezone.localdate()
        return {
            "soort": KWARTAAL,
            "jaar": vandaag.year,
            "maand": vandaag.month,
            "kwartaal": (vandaag.month - 1) // 3 + 1,
        }

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        jaar_nodig = soort in (MAAND, KWARTAAL, JAAR)
        if jaar_nodig and data.get("jaar") is None and "jaar" not in self.errors:
            self.add_error("jaar", _("Fill in the year."))
        if soort == MAAND and data.get("maand") is None and "maand" not in self.errors:
            self.add_error("maand", _("Choose the month."))
        if soort == KWARTAAL and data.get("kwartaal") is None and "kwartaal" not in self.errors:
            self.add_error("kwartaal", _("Choose the quarter."))
        if soort == EIGEN:
            begin, einde = data.get("begin"), data.get("einde")
            if begin is None and "begin" not in self.errors:
                self.add_error("begin", _("Fill in the first day of the period."))
            if einde is None and "einde" not in self.errors:
                self.add_error("einde", _("Fill in the last day of the period."))
            if begin and einde:
                if einde < begin:
                    self.add_error(
                        "einde", _("The last day is before the first day. Please check both.")
                    )
                elif (einde - begin).days + 1 > MAX_DAGEN:
                    self.add_error("einde", _("Choose a period of at most five years."))
        return data

    def periode(self) -> Periode:
        if not self.is_valid():
            return standaard_periode()
        d = self.cleaned_data
        if d["soort"] == MAAND:
            return maand_periode(d["jaar"], d["maand"])
        if d["soort"] == KWARTAAL:
            return kwartaal_periode(d["jaar"], d["kwartaal"])
        if d["soort"] == JAAR:
            return jaar_periode(d["jaar"])
        return eigen_periode(d["begin"], d["einde"])

    def filters(self) -> Filters:
        # Valid fields count even when another field is wrong, so a typo in a date
        # does not silently drop the location someone chose.
        self.is_valid()
        d = getattr(self, "cleaned_data", {})
        return Filters(locatie=d.get("locatie") or "", aanbod=d.get("aanbod"))


def periode_uit_request(request) -> tuple[PeriodeForm, Periode]:
    velden = set(PeriodeForm.base_fields)
    if velden & set(request.GET):
        data = request.GET.copy()
        # Fill in what was not sent at all (a link with only a location); a field that
        # was sent empty stays empty so its message shows.
        for sleutel, waarde in PeriodeForm.standaard_data().items():
            if sleutel not in data:
                data[sleutel] = waarde
    else:
        data = PeriodeForm.standaard_data()
    form = PeriodeForm(data)
    return form, form.periode()
