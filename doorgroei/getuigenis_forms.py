"""The facilitator's invitation to tell one's story at a meeting.

The list shows only meetings still to come; a meeting that has started by the time the
form is sent (or a stale page) gets a clear message instead of "not a valid choice".
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models.getuigenis import BERICHT_MAX
from .ontwikkeling_forms import te_lang


def _label(bijeenkomst) -> str:
    moment = formats.date_format(timezone.localtime(bijeenkomst.begint_om), "l j F, H:i")
    return f"{bijeenkomst.groep.naam} · {moment}"


class UitnodigingForm(forms.Form):
    bijeenkomst = forms.ModelChoiceField(
        label=_("Which meeting"),
        queryset=None,
        empty_label=_("Choose a meeting"),
        error_messages={
            "required": _("Choose the meeting you invite them for."),
            "invalid_choice": _("Choose one of the meetings in the list."),
        },
    )
    bericht = forms.CharField(
        label=_("A short message (optional)"),
        help_text=_("For example what kind of meeting it is, or how long they could speak."),
        required=False,
        validators=[te_lang(BERICHT_MAX)],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, bijeenkomsten, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["bijeenkomst"]
        # Validation knows every meeting of the facilitator's groups; the list shows
        # only the ones still to come.
        veld.queryset = bijeenkomsten
        nu = timezone.now()
        komend = [b for b in bijeenkomsten.filter(begint_om__gt=nu)[:40]]
        veld.choices = [("", veld.empty_label), *((b.pk, _label(b)) for b in komend)]

    def clean_bijeenkomst(self):
        bijeenkomst = self.cleaned_data["bijeenkomst"]
        if bijeenkomst.begint_om <= timezone.now():
            raise ValidationError(
                _("This meeting has already taken place. Choose one still to come.")
            )
        return bijeenkomst
