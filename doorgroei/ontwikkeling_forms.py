"""The coordinator's form for a training or other development of a volunteer.

Texts have no maxlength in the page (a browser would silently cut off pasted text); a
text that is too long gets a message and is shown again in full, as are the dates.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from groepen.beheer_forms import DatumInput, datum_veld

from .models import Ontwikkeling
from .models.ontwikkeling import NOTITIE_MAX, TITEL_MAX


def te_lang(maximum):
    def check(tekst):
        if len(tekst) > maximum:
            raise ValidationError(
                _(
                    "This text has %(lengte)s characters, and %(max)s fit. Please make it a "
                    "little shorter. Everything you wrote is still here."
                ),
                code="te_lang",
                params={
                    "lengte": formats.number_format(len(tekst), force_grouping=True),
                    "max": formats.number_format(maximum, force_grouping=True),
                },
            )

    return check


class OntwikkelingForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("What kind"),
        choices=Ontwikkeling.Soort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of training or development this is.")},
    )
    titel = forms.CharField(
        label=_("Name"),
        help_text=_("For example: OCE course spring 2026, or: Training group dynamics."),
        validators=[te_lang(TITEL_MAX)],
        error_messages={"required": _("Give it a name, so you both recognise it later.")},
    )
    datum = datum_veld(_("Date (or first day)"), _("Fill in the day it took place or started."))
    einddatum = forms.DateField(
        label=_("Last day (optional)"),
        help_text=_("Only for something that took more than one day."),
        required=False,
        widget=DatumInput,
        error_messages={"invalid": _("Type a date, for example 3-3-2026.")},
    )
    notitie = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("The volunteer sees this note too, on their own path."),
        required=False,
        validators=[te_lang(NOTITIE_MAX)],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_titel(self):
        titel = self.cleaned_data["titel"].strip()
        if not titel:
            raise ValidationError(self.fields["titel"].error_messages["required"])
        return titel

    def clean(self):
        data = super().clean()
        datum, einddatum = data.get("datum"), data.get("einddatum")
        if datum and einddatum and einddatum < datum:
            self.add_error(
                "einddatum",
                _(
                    "The last day is before the first day (%(datum)s). Choose a last day on "
                    "or after it, or leave it empty for one day."
                )
                % {"datum": formats.date_format(datum, "j F Y")},
            )
        return data

    def teksten(self) -> tuple[str, str]:
        return self.cleaned_data.get("titel", ""), self.cleaned_data.get("notitie", "")
