"""The coordinator's settings page for the academy's identity (deelnemers.models.Academie)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .academie import controleer_kleur, controleer_telefoon, lees_logo
from .models import Academie

ENKELE_REGEL = (
    "naam",
    "crisislijn_naam",
    "huisarts",
)
TELEFOONS = ("contact_telefoon", "crisislijn_nummer", "crisislijn_gratis", "noodnummer")


def _zonder_stuurtekens(waarde: str) -> str:
    if any(ord(t) < 32 or 127 <= ord(t) < 160 for t in waarde):
        raise ValidationError(
            _("This contains an invisible character (like a tab or line break). Type it again."),
            code="onleesbaar",
        )
    return waarde


class AcademieForm(forms.ModelForm):
    logo_bestand = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG or JPEG file of at most 200 kB. Leave empty to keep the current one."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    logo_weg = forms.BooleanField(label=_("Remove the logo"), required=False)
    # Declared here to say that a web address without a scheme is https (Django 6's way).
    crisislijn_website = forms.URLField(
        label=_("Crisis line: website"),
        max_length=200,
        assume_scheme="https",
        error_messages={
            "required": _(
                "Fill in the website of the crisis line, for example https://www.113.nl."
            ),
            "invalid": _("Type a full web address, for example https://www.113.nl."),
        },
    )

    class Meta:
        model = Academie
        fields = [
            "naam",
            "introductie",
            "contact_email",
            "contact_telefoon",
            "contact_adres",
            "crisislijn_naam",
            "crisislijn_nummer",
            "crisislijn_gratis",
            "crisislijn_website",
            "huisarts",
            "noodnummer",
            "kleur",
        ]
        widgets = {
            "introductie": forms.Textarea(attrs={"rows": 4}),
            "contact_adres": forms.Textarea(attrs={"rows": 3}),
            "kleur": forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"}),
        }
        error_messages = {
            "naam": {"required": _("Fill in the name of the academy.")},
            "contact_email": {"invalid": _("This is not an email address. Check for typos.")},
            "crisislijn_naam": {"required": _("Fill in the name of the crisis line.")},
            "crisislijn_gratis": {"required": _("Fill in the free number of the crisis line.")},
            "crisislijn_nummer": {"required": _("Fill in the short number of the crisis line.")},
            "huisarts": {"required": _("Fill in who to call in office hours.")},
            "noodnummer": {"required": _("Fill in the emergency number, in the Netherlands 112.")},
            "kleur": {"required": _("Fill in a colour, for example #8a3b12.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the browser: it would cut off pasted text without a word. The
        # server says what is too long and gives the whole text back.
        for veld in self.fields.values():
            veld.widget.attrs.pop("maxlength", None)
        self.nieuw_logo: tuple[bytes, str] | None = None

    def _controleer(self, data, naam, controle):
        """Run one check on a field that passed Django's own; its message goes next to it."""
        if naam not in data:
            return
        try:
            uitkomst = controle(data[naam])
        except ValidationError as fout:
            self.add_error(naam, fout)
        else:
            if uitkomst is not None:
                data[naam] = uitkomst

    def clean(self):
        data = super().clean()
        for naam in ENKELE_REGEL:
            self._controleer(data, naam, _zonder_stuurtekens)
        for naam in TELEFOONS:
            self._controleer(data, naam, controleer_telefoon)
        self._controleer(data, "kleur", controleer_kleur)
        if data.get("logo_bestand"):
            try:
                self.nieuw_logo = lees_logo(data["logo_bestand"])
            except ValidationError as fout:
                self.add_error("logo_bestand", fout)
        return data

    def teksten(self) -> list[str]:
        return [self.cleaned_data.get(v) or "" for v in ("naam", "introductie", "contact_adres")]

    def save(self, commit=True):
        academie = super().save(commit=False)
        if self.nieuw_logo:
            academie.logo, academie.logo_type = self.nieuw_logo
        elif self.cleaned_data.get("logo_weg"):
            academie.logo, academie.logo_type = None, ""
        if commit:
            academie.save()
        return academie
