"""The form on which a coordinator changes the value report's assumptions.

One field per assumption, with the range from impact/waarde.py, plus one optional
"source or reason" that is stored with every value changed in the same go. For the
assumptions the academy also measures (impact/gemeten.py) a second field chooses which
figure the report uses.
"""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .gemeten import METINGEN
from .waarde import AANNAMES, PER_SLEUTEL, REGELS, schoon

BRON_MAX = 300


def _getal(waarde: Decimal) -> str:
    return number_format(schoon(waarde), use_l10n=True)


def _veld(definitie) -> forms.DecimalField:
    bereik = {"min": _getal(definitie.minimum), "max": _getal(definitie.maximum)}
    buiten = _("Choose a value from %(min)s to %(max)s.") % bereik
    return forms.DecimalField(
        label=definitie.label,
        help_text=_("%(eenheid)s, from %(min)s to %(max)s")
        % {"eenheid": definitie.eenheid, **bereik},
        min_value=definitie.minimum,
        max_value=definitie.maximum,
        max_digits=12,
        decimal_places=4,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": _(
                "Fill in a value. To go back to the study's value, use 'Back to the study'."
            ),
            "invalid": _("Type a number, for example 12 or 1,41."),
            "min_value": buiten,
            "max_value": buiten,
            "max_digits": _("This number is too long."),
            "max_decimal_places": _("Use at most 4 digits after the comma."),
            "max_whole_digits": buiten,
        },
    )


AANGENOMEN, GEMETEN = "aangenomen", "gemeten"


def _gebruik_veld(meting) -> forms.ChoiceField:
    if meting is None or meting.mensen == 0:
        nu = _("No check-ins this quarter yet.")
    elif not meting.toonbaar:
        nu = _("This quarter: too few to show (fewer than 5 people answered).")
    else:
        nu = _("This quarter: %(procent)s%% measured, from %(n)s people.") % {
            "procent": number_format(meting.procent, decimal_pos=1, use_l10n=True),
            "n": meting.mensen,
        }
    return forms.ChoiceField(
        label=_("Which figure does the report use?"),
        help_text=nu,
        choices=[
            (AANGENOMEN, _("The assumed figure above")),
            (
                GEMETEN,
                _("Measured in this academy (the assumed figure while fewer than 5 answered)"),
            ),
        ],
        widget=forms.RadioSelect,
        # Not sent (an older page, a script): the choice in force stays.
        required=False,
        error_messages={"invalid_choice": _("Choose one of the two.")},
    )


def gebruik_naam(sleutel: str) -> str:
    return f"gebruik_{sleutel}"


class AannamesForm(forms.Form):
    def __init__(self, *args, huidig: dict[str, Decimal], gemeten=(), metingen=None, **kwargs):
        initial = dict(huidig)
        for sleutel in METINGEN:
            initial[gebruik_naam(sleutel)] = GEMETEN if sleutel in gemeten else AANGENOMEN
        super().__init__(*args, initial=initial, **kwargs)
        for definitie in AANNAMES:
            self.fields[definitie.sleutel] = _veld(definitie)
            if definitie.sleutel in METINGEN:
                meting = (metingen or {}).get(definitie.sleutel)
                self.fields[gebruik_naam(definitie.sleutel)] = _gebruik_veld(meting)
        self.fields["bron"] = forms.CharField(
            label=_("Source or reason for this change (optional)"),
            help_text=_("For example a newer price list, or your own figures. Keep it short."),
            required=False,
            max_length=BRON_MAX,
            error_messages={
                "max_length": _("Keep it to %(limit_value)d characters (now %(show_value)d)."),
            },
        )

    def per_regel(self):
        """Fields grouped by line, for one fieldset each."""
        return [
            (regel, [self[n] for a in AANNAMES if a.regel == regel.sleutel for n in _namen(a)])
            for regel in REGELS
        ]

    def nieuwe_waarden(self) -> dict[str, Decimal]:
        return {k: v for k, v in self.cleaned_data.items() if k in PER_SLEUTEL}

    def gemeten(self) -> dict[str, bool]:
        """Per measured assumption: does the report use the measured figure?"""
        keuzes = {k: self.cleaned_data.get(gebruik_naam(k)) for k in METINGEN}
        return {k: v == GEMETEN for k, v in keuzes.items() if v}


def _namen(definitie):
    yield definitie.sleutel
    if definitie.sleutel in METINGEN:
        yield gebruik_naam(definitie.sleutel)


class TerugForm(forms.Form):
    """Back to the study's value for one assumption."""

    sleutel = forms.ChoiceField(choices=[(a.sleutel, a.label) for a in AANNAMES])
