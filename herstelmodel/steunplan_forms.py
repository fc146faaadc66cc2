"""Forms for "Mijn steunplan": writing the plan, and choosing who may read it.

Nothing typed is ever cut off: the fields have no maxlength in the page; a part that is
too long gets a message and comes back in full.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from . import steunplan as logica
from .models import Steunplan, Zichtbaarheid

TE_LANG = _(
    "This part has %(show_value)d characters; the limit is %(limit_value)d. "
    "Everything you wrote is still here: you could shorten it a little."
)


class SteunplanForm(forms.ModelForm):
    class Meta:
        model = Steunplan
        fields = list(logica.SLEUTELS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for deel in logica.DELEN:
            self.fields[deel.sleutel] = forms.CharField(
                label=deel.titel,
                help_text=deel.vraag,
                required=False,
                validators=[MaxLengthValidator(logica.DEEL_MAX, message=TE_LANG)],
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def clean(self):
        cleaned = super().clean()
        # Browsers send line breaks as two characters; keep them as the person sees them.
        for sleutel in logica.SLEUTELS:
            if isinstance(cleaned.get(sleutel), str):
                cleaned[sleutel] = cleaned[sleutel].replace("\r\n", "\n")
        if not self.errors and logica.is_leeg({s: cleaned.get(s) for s in logica.SLEUTELS}):
            raise forms.ValidationError(
                _(
                    "Your plan is still empty. Every part is optional, but write something "
                    "in at least one of them to save it."
                ),
                code="leeg",
            )
        return cleaned

    def teksten(self) -> list[str]:
        return [self.cleaned_data.get(s, "") for s in logica.SLEUTELS]


class DelenForm(forms.Form):
    """Who may read the plan: only me, or the facilitators / the people of one group."""

    zichtbaarheid = forms.ChoiceField(
        label=_("Who may read your plan?"),
        choices=Zichtbaarheid.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who may read your plan."),
            "invalid_choice": _("Choose who may read your plan."),
        },
    )
    groep = forms.ModelChoiceField(
        label=_("Which group?"),
        queryset=None,
        required=False,
        empty_label=_("Choose a group"),
        error_messages={
            "invalid_choice": _("You can only share your plan with a group you take part in now."),
        },
    )

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = logica.deelbare_groepen(user)
        self.fields["zichtbaarheid"].initial = plan.zichtbaarheid
        self.fields["groep"].initial = plan.groep_id

    def clean(self):
        cleaned = super().clean()
        gedeeld = cleaned.get("zichtbaarheid") not in (None, "", Zichtbaarheid.ALLEEN_IK)
        if gedeeld and not cleaned.get("groep") and "groep" not in self.errors:
            if self.fields["groep"].queryset.exists():
                melding = _("Choose the group you would like to share your plan with.")
            else:
                melding = _(
                    "You are not in a group right now, so you can't share your plan here. "
                    "You can print it and give it to someone you trust."
                )
            self.add_error("groep", melding)
        return cleaned
