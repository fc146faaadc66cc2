"""Forms for the group page area: the attendance register."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .aanwezigheid import kan_registreren
from .models import Aanwezigheid

STATUS = Aanwezigheid.Status

# Short labels: these are big buttons a facilitator taps on a phone.
KEUZES = [
    (STATUS.AANWEZIG, _("Present")),
    # Translators: they let us know in advance that they could not come (afgemeld).
    (STATUS.AFGEMELD, _("Let us know")),
    (STATUS.AFWEZIG, _("Absent")),
]
VELD_PREFIX = "deelnemer_"


class RegisterForm(forms.Form):
    """One choice per active participant, pre-filled so a facilitator only taps the
    exceptions: a saved status (including "afgemeld" reported in advance), else present.

    Field names carry the user id (deelnemer_<id>). Ids of people who are not an active
    participant of the group have no field, so posting them does nothing.
    """

    def __init__(self, *args, bijeenkomst, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.bijeenkomst = bijeenkomst
        for lid in deelnemers:
            naam = lid.user.roepnaam
            self.fields[f"{VELD_PREFIX}{lid.user_id}"] = forms.ChoiceField(
                label=naam,
                choices=KEUZES,
                initial=lid.opgeslagen or STATUS.AANWEZIG,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one for %(naam)s.") % {"naam": naam},
                    # Django formats this message with the posted value: keep a "%" in a
                    # name from being read as a placeholder.
                    "invalid_choice": _("Choose one for %(naam)s.")
                    % {"naam": naam.replace("%", "%%")},
                },
            )

    def clean(self):
        cleaned = super().clean()
        if self.bijeenkomst.geannuleerd:
            raise ValidationError(
                _("This meeting was cancelled, so there is no attendance to keep."),
                code="geannuleerd",
            )
        if not kan_registreren(self.bijeenkomst):
            raise ValidationError(
                _(
                    "This meeting has not happened yet. You can fill in who was there "
                    "from the day of the meeting."
                ),
                code="toekomst",
            )
        return cleaned

    def statussen(self) -> dict[int, str]:
        """user id -> chosen status, from the cleaned data."""
        return {
            int(naam.removeprefix(VELD_PREFIX)): status
            for naam, status in self.cleaned_data.items()
            if naam.startswith(VELD_PREFIX)
        }
