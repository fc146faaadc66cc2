"""The form to correct a walk-in count afterwards (counted on paper, or a wrong tap)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .inloop import DAGDELEN, MAX_AANTAL


class CorrectieForm(forms.Form):
    datum = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Fill in the day you want to correct."),
            "invalid": _("We don't recognise this date. Use for example 14-03-2026."),
        },
    )
    dagdeel = forms.ChoiceField(
        label=_("Part of the day"),
        choices=DAGDELEN.choices,
        error_messages={
            "required": _("Choose the part of the day."),
            "invalid_choice": _("Choose morning, afternoon or evening."),
        },
    )
    aantal = forms.IntegerField(
        label=_("Number of visitors"),
        min_value=0,
        max_value=MAX_AANTAL,
        help_text=_("The total for that part of the day. It replaces the number counted so far."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Fill in how many visitors came. No one came? Fill in 0."),
            "invalid": _("Fill in a whole number, for example 12."),
            "min_value": _("The number can't be below 0."),
            "max_value": _("That is more than %(limit_value)s. Please check the number."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(
                _("That day is still to come. You can correct today or a day that has passed.")
            )
        return datum
