from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Privacyverklaring

SAMENVATTING_MAX = Privacyverklaring._meta.get_field("samenvatting").max_length
TEKST_MAX = Privacyverklaring._meta.get_field("tekst").max_length


class PublicatieForm(forms.Form):
    samenvatting = forms.CharField(
        label=_("What changed"),
        max_length=SAMENVATTING_MAX,
        help_text=_(
            "In a few plain sentences. Everyone reads this first, before they accept again."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write in a few sentences what changed."),
            "max_length": _("Keep it short: at most %(limit_value)d characters."),
        },
    )
    tekst = forms.CharField(
        label=_("The full privacy statement"),
        max_length=TEKST_MAX,
        help_text=_("The whole text of the new version, not only the changes."),
        widget=forms.Textarea(attrs={"rows": 20}),
        error_messages={
            "required": _("Write the full text of the privacy statement."),
            "max_length": _("The text can be at most %(limit_value)d characters."),
        },
    )
    bevestig = forms.BooleanField(
        label=_("Publish now. Everyone has to accept this version at their next visit."),
        error_messages={"required": _("Tick this box to publish the new version.")},
    )

    def _niet_leeg(self, naam):
        # strip=True already turns only-spaces into "", which `required` catches; this
        # also refuses text without a single letter or digit (e.g. only dots).
        waarde = self.cleaned_data[naam]
        if not any(teken.isalnum() for teken in waarde):
            raise forms.ValidationError(self.fields[naam].error_messages["required"])
        return waarde

    def clean_samenvatting(self):
        return self._niet_leeg("samenvatting")

    def clean_tekst(self):
        return self._niet_leeg("tekst")


class AccepteerForm(forms.Form):
    """Accept the version that was shown (not a newer one published in between)."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
