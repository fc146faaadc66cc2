"""The session log form: four optional notes, at least one filled in.

Nothing typed is ever cut off: the fields have no maxlength in the page (a browser would
silently cut off pasted text); a note that is too long gets a message and is shown again
in full.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .sessielog import NOTITIE_MAX, TEKSTVELDEN, kan_schrijven


def _niet_te_lang(tekst: str) -> None:
    if len(tekst) > NOTITIE_MAX:
        raise ValidationError(
            _(
                "This note has %(lengte)s characters, and %(max)s fit. Please make it a "
                "little shorter. Everything you wrote is still here."
            ),
            code="te_lang",
            params={
                "lengte": formats.number_format(len(tekst), force_grouping=True),
                "max": formats.number_format(NOTITIE_MAX, force_grouping=True),
            },
        )


def _notitie(label, help_text):
    # No max_length here: that would put a maxlength in the page and cut off typing.
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        validators=[_niet_te_lang],
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SessielogForm(forms.Form):
    sfeer = _notitie(
        _("Atmosphere"),
        _("How did the group feel today? Calm, lively, quiet, tense?"),
    )
    veiligheid = _notitie(
        _("Safety"),
        _(
            "Did people feel safe enough to share? Was anything hard for someone, "
            "and did it get enough room?"
        ),
    )
    opvallend = _notitie(
        _("What stood out"),
        _("A moment, a story or a change you noticed. Describe the group rather than a person."),
    )
    opvolging = _notitie(
        _("To follow up"),
        _("What do you want to pick up next time, or check with someone after the meeting?"),
    )
    # The version of the log the person started from; see groepen/sessielog.versie.
    gezien = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, bijeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.bijeenkomst = bijeenkomst

    def clean(self):
        cleaned = super().clean()
        if self.bijeenkomst.geannuleerd:
            raise ValidationError(
                _(
                    "This meeting was cancelled, so there is no session log to write. "
                    "Your text is still below if you want to keep it."
                ),
                code="geannuleerd",
            )
        if not kan_schrijven(self.bijeenkomst):
            raise ValidationError(
                _(
                    "This meeting has not happened yet. You can write the session log "
                    "from the day of the meeting."
                ),
                code="te_vroeg",
            )
        if not self.errors and not any(cleaned.get(veld) for veld in TEKSTVELDEN):
            raise ValidationError(
                _("Write something in at least one of the four fields, even a single line."),
                code="leeg",
            )
        return cleaned

    def teksten(self) -> dict[str, str]:
        return {veld: self.cleaned_data.get(veld, "") for veld in TEKSTVELDEN}
