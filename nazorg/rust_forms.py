"""Forms for a break from the community and muted words. The rules live in nazorg/rust.py;
their messages land next to the field, and what was typed stays in the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import rust

# Room for the longest allowed list (words, separators) and a little slack; past this the
# list is certainly too long, and the text is not even split.
WOORDEN_TEKST_MAX = rust.MAX_WOORDEN * (rust.WOORD_MAX + 2)


class PauzeForm(forms.Form):
    duur = forms.ChoiceField(
        label=_("How long would you like a break?"),
        choices=[
            ("week", _("One week")),
            ("twee_weken", _("Two weeks")),
            ("maand", _("A month")),
            ("datum", _("Until a date I choose")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how long your break lasts.")},
    )
    tot_datum = forms.DateField(
        label=_("Until (if you choose a date)"),
        required=False,
        help_text=_("At most three months from today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Fill in a date, for example 31-12-2026.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tot_datum"].widget.attrs["max"] = rust.max_datum().isoformat()
        self.tot = None

    def clean(self):
        data = super().clean()
        duur = data.get("duur")
        if duur and "tot_datum" not in self.errors:
            try:
                self.tot = rust.pauze_einde(duur, data.get("tot_datum"))
            except ValidationError as fout:
                self.add_error(None, fout)
        return data


class WoordenForm(forms.Form):
    # Not passed to the crisis detector (lib.hulp): this list is a private filter that is
    # never published, and it will often hold exactly the hard words a person wants to
    # avoid. A help box each time they save it would meet them with what they mute.
    woorden = forms.CharField(
        label=_("Words you would rather not run into"),
        required=False,
        max_length=WOORDEN_TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Texts with a number: made here, in the language of the request.
        veld = self.fields["woorden"]
        veld.help_text = gettext(
            "One word or short phrase per line, at most %(max)s. A word also mutes words "
            "that start with it: “drank” also mutes “drankprobleem”. Only you see this list."
        ) % {"max": rust.MAX_WOORDEN}
        veld.error_messages["max_length"] = gettext(
            "This list is too long. Keep it to %(max)s words or short phrases."
        ) % {"max": rust.MAX_WOORDEN}

    def clean_woorden(self):
        woorden = rust.splits(self.cleaned_data.get("woorden", ""))
        rust.controleer(woorden)
        return woorden
