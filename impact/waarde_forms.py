"""The form on which a coordinator changes the value report's assumptions.

One field per assumption, with the range from impact/waarde.py, plus one optional
"source or reason" that is stored with every value changed in the same go.
"""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

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


class AannamesForm(forms.Form):
    def __init__(self, *args, huidig: dict[str, Decimal], **kwargs):
        super().__init__(*args, initial=dict(huidig), **kwargs)
        for definitie in AANNAMES:
            self.fields[definitie.sleutel] = _veld(definitie)
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
            (regel, [self[a.sleutel] for a in AANNAMES if a.regel == regel.sleutel])
            for regel in REGELS
        ]

    def nieuwe_waarden(self) -> dict[str, Decimal]:
        return {k: v for k, v in self.cleaned_data.items() if k in PER_SLEUTEL}


class TerugForm(forms.Form):
    """Back to the study's value for one assumption."""

    sleutel = forms.ChoiceField(choices=[(a.sleutel, a.label) for a in AANNAMES])
