"""Forms for locations: the coordinator's form, and the select that offers, groups and
meetings use to choose one."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Locatie


def kies_locatie(huidige_id: int | None = None, *, leeg: str, help_text: str = ""):
    """A select of the locations in use. An archived location that is already chosen
    stays in the list, so saving an old group does not lose its place."""
    keuze = Locatie.objects.filter(Q(gearchiveerd=False) | Q(pk=huidige_id)).order_by("naam")
    return forms.ModelChoiceField(
        queryset=keuze,
        required=False,
        empty_label=leeg,
        label=_("Location"),
        help_text=help_text,
        error_messages={
            "invalid_choice": _(
                "This location is not in the list (any more). Choose one from the list."
            )
        },
    )


def zet_locatie_veld(form, naam: str, huidige_id, oude_tekst: str, **kwargs):
    """Put the location select on `form`. When an old free text could not become a
    location, it is named in the help text, so the coordinator knows what to choose."""
    veld = kies_locatie(huidige_id, **kwargs)
    if oude_tekst and not huidige_id:
        veld.help_text = _("Written before as: “%(tekst)s”. Choose a location to replace it.") % {
            "tekst": oude_tekst
        }
    form.fields[naam] = veld


class LocatieForm(forms.ModelForm):
    class Meta:
        model = Locatie
        fields = [
            "naam",
            "straat",
            "postcode",
            "plaats",
            "route",
            "drempelvrij",
            "stilteruimte",
            "invalidentoilet",
            "toegankelijkheid",
        ]
        widgets = {
            "route": forms.Textarea(attrs={"rows": 4}),
            "toegankelijkheid": forms.Textarea(attrs={"rows": 3}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8}),
            "straat": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "plaats": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }
        help_texts = {
            "naam": _("How people know the place, for example Buurthuis De Linde."),
            "postcode": _("For example 1234 AB."),
        }
        error_messages = {
            "naam": {"required": _("Give the location a name.")},
            "postcode": {"max_length": _("A postcode is four digits and two letters: 1234 AB.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the browser: it would cut off pasted text without a word.
        for veld in self.fields.values():
            veld.widget.attrs.pop("maxlength", None)

    def teksten(self) -> list[str]:
        return [self.cleaned_data.get(v) or "" for v in ("naam", "route", "toegankelijkheid")]
