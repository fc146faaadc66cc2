"""Forms for "Mijn verhaal": the guided editor and sharing it with a group."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from . import verhaal
from .stappen import VERHAAL_DELEN

# No max_length on the fields: that would add a maxlength attribute, and a browser then
# silently cuts off pasted text. The limit is checked on the server instead, and the
# form comes back with everything that was typed.
TE_LANG = _(
    "This part has %(show_value)d characters; the limit is %(limit_value)d. "
    "Everything you wrote is still here: you could shorten it a little."
)


def _veld_naam(sleutel: str) -> str:
    return f"deel_{sleutel}"


class VerhaalForm(forms.Form):
    titel = forms.CharField(
        label=_("Title (if you like)"),
        required=False,
        validators=[MaxLengthValidator(verhaal.TITEL_MAX, message=TE_LANG)],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for deel in VERHAAL_DELEN:
            self.fields[_veld_naam(deel.sleutel)] = forms.CharField(
                label=deel.titel,
                help_text=" ".join(str(vraag) for vraag in deel.vragen),
                required=False,
                validators=[MaxLengthValidator(verhaal.DEEL_MAX, message=TE_LANG)],
                # data-concept: static/js/concept.js keeps a draft in the browser tab, so
                # nothing is lost when the session ran out while writing.
                widget=forms.Textarea(attrs={"rows": 8, "data-concept": ""}),
            )

    @classmethod
    def initial_van(cls, versie) -> dict:
        delen = verhaal.delen_van(versie)
        initial = {_veld_naam(s): tekst for s, tekst in delen.items()}
        if versie is not None:
            initial["titel"] = versie.titel
        return initial

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not verhaal.inhoud_van(self.delen()):
            raise ValidationError(
                _(
                    "Your story is still empty. Every part is optional, but write something "
                    "in at least one of them to save it."
                ),
                code="leeg",
            )
        return cleaned

    def delen(self) -> dict:
        return {
            deel.sleutel: self.cleaned_data.get(_veld_naam(deel.sleutel), "")
            for deel in VERHAAL_DELEN
        }


class DelenForm(forms.Form):
    """Share the latest version with one of your groups, or stop sharing."""

    groep = forms.ModelChoiceField(
        label=_("Share with"),
        queryset=None,
        required=False,
        empty_label=_("Choose a group"),
        error_messages={
            "invalid_choice": _("You can only share your story with a group you take part in now."),
        },
    )
    stoppen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = verhaal.deelbare_groepen(user)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("stoppen") and not cleaned.get("groep") and "groep" not in self.errors:
            self.add_error("groep", _("Choose the group you would like to share your story with."))
        return cleaned
