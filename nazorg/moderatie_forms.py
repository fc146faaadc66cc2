"""Forms for the moderation queue and the weekly digest preference."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DigestVoorkeur, Moderatiezaak
from .moderatie import REDEN_MAX, REDEN_VERPLICHT

Besluit = Moderatiezaak.Besluit


class BesluitForm(forms.Form):
    keuze = forms.ChoiceField(
        label=_("What do you do?"),
        choices=[
            (Besluit.GEREAGEERD, _("I responded with support")),
            (Besluit.GEEN_ACTIE, _("No action needed")),
            (Besluit.VERBORGEN, _("Hide the post")),
            (Besluit.HERSTELD, _("Show the post again")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you do with this post.")},
    )
    reden = forms.CharField(
        label=_("Reason"),
        help_text=_("Needed when you hide or show a post. The writer reads it, so keep it kind."),
        max_length=REDEN_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REDEN_MAX}),
    )

    def __init__(self, *args, zaak=None, **kwargs):
        super().__init__(*args, **kwargs)
        if zaak is not None and zaak.soort != Moderatiezaak.Soort.SIGNAAL:
            # "Responded with support" is for signal words; a report gets the other three.
            self.fields["keuze"].choices = self.fields["keuze"].choices[1:]

    def clean(self):
        data = super().clean()
        if data.get("keuze") in REDEN_VERPLICHT and not (data.get("reden") or "").strip():
            self.add_error("reden", _("Write a short reason. The writer will read it."))
        return data


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestVoorkeur
        fields = ["wekelijks"]
        help_texts = {
            "wekelijks": _(
                "Once a week, the titles of new conversations in your spaces. Never what "
                "people wrote. Only when there is something new."
            )
        }
