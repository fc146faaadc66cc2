"""Forms for activity proposals: the proposer's form, the coordinator's decisions, and
approving (the coordinators' own offer and group forms from groepen, prefilled).

Every form that changes a proposal carries the version the person saw (`versie`), so a
decision on a proposal that changed meanwhile is refused with a message, not applied.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from groepen.beheer_forms import AanbodForm, GroepNieuwForm
from groepen.models import Aanbod

from .models.voorstel import NOTITIE_MAX, Activiteitvoorstel

TE_LANG = _(
    "That is more than %(limit_value)d characters. A shorter version is enough: you can "
    "tell the rest when you talk with the coordinator."
)


class VoorstelForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activiteitvoorstel
        fields = ["titel", "beschrijving", "voor_wie", "hoe_vaak", "nodig", "soort", "mail"]
        labels = {
            "titel": _("What would you call it?"),
            "beschrijving": _("What would you like to do?"),
            "voor_wie": _("Who is it for? (you may skip this)"),
            "hoe_vaak": _("How often, and how long? (you may skip this)"),
            "nodig": _("What would you need? (you may skip this)"),
            "soort": _("What kind of activity is it?"),
            "mail": _("Also tell me by email when there is news"),
        }
        help_texts = {
            "titel": _("A short name, for example “Samen schilderen”."),
            "beschrijving": _(
                "Tell it as you would at the coffee table: what happens, and what it could "
                "bring people."
            ),
            "voor_wie": _("For example: for anyone who likes to draw, no experience needed."),
            "hoe_vaak": _("For example: once, on a Saturday afternoon. Or: every other week."),
            "nodig": _("For example: a room with tables, paper and paint, someone beside me."),
            "mail": _("You always find the news on your own page as well."),
        }
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
            "voor_wie": forms.Textarea(attrs={"rows": 2}),
            "nodig": forms.Textarea(attrs={"rows": 2}),
            "soort": forms.RadioSelect,
        }
        error_messages = {
            "titel": {
                "required": _("Give your activity a name, for example “Samen schilderen”."),
                "max_length": _("Keep the name under %(limit_value)d characters."),
            },
            "beschrijving": {
                "required": _("Tell in a few words what you would like to do."),
                "max_length": TE_LANG,
            },
            "voor_wie": {"max_length": TE_LANG},
            "nodig": {"max_length": TE_LANG},
            "hoe_vaak": {"max_length": _("Keep this under %(limit_value)d characters.")},
            "soort": {"invalid_choice": _("Choose one of the kinds in the list.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        soorten = [(k, capfirst(v)) for k, v in self.fields["soort"].choices if k]
        self.fields["soort"].choices = [*soorten, ("", _("I don't know yet"))]
        self.fields["soort"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["versie"] = self.instance.versie

    def teksten(self) -> list[str]:
        d = self.cleaned_data
        return [d.get(v, "") for v in ("titel", "beschrijving", "voor_wie", "hoe_vaak", "nodig")]

    def velden(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "versie"}


class BesluitForm(forms.Form):
    """ "Let's talk" or "not now", each with a note to the proposer."""

    IN_GESPREK = "in_gesprek"
    NIET_NU = "niet_nu"

    notitie = forms.CharField(
        label=_("Your note to the proposer"),
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the note under %(limit_value)d characters.")},
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, actie: str, voorstel: Activiteitvoorstel, **kwargs):
        self.actie = actie
        kwargs.setdefault("initial", {"versie": voorstel.versie})
        super().__init__(*args, prefix=actie, **kwargs)
        veld = self.fields["notitie"]
        if actie == self.IN_GESPREK:
            veld.help_text = _("For example when and where you would like to talk.")
            veld.error_messages["required"] = _(
                "Write a few words to the proposer, for example when you would like to talk."
            )
        else:
            veld.help_text = _("Say kindly why not now, and what could make it possible later.")
            veld.error_messages["required"] = _(
                "Write a few words to the proposer about why not now. They will read it."
            )


class GoedkeurNotitieForm(forms.Form):
    notitie = forms.CharField(
        label=_("A word to the proposer (you may skip this)"),
        max_length=NOTITIE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the note under %(limit_value)d characters.")},
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)


class Goedkeuren:
    """The approval page's three forms: the offer (groepen's AanbodForm), its first
    group (groepen's GroepNieuwForm, checked against the offer as typed), and a note.
    Prefilled from the proposal; all validation is groepen's own."""

    def __init__(self, voorstel: Activiteitvoorstel, data=None):
        self.voorstel = voorstel
        self.aanbod_form = AanbodForm(
            data,
            prefix="aanbod",
            initial={
                "titel": voorstel.titel,
                "soort": voorstel.soort,
                "beschrijving": voorstel.beschrijving,
                "voor_wie": voorstel.voor_wie,
                # A workshop has one meeting (AanbodForm would set it anyway).
                "aantal_bijeenkomsten": 1 if voorstel.soort == Aanbod.Soort.WORKSHOP else None,
            },
        )
        self.groep_form = GroepNieuwForm(data, prefix="groep", aanbod=self._aanbod(data))
        self.notitie_form = GoedkeurNotitieForm(
            data, prefix="besluit", initial={"versie": voorstel.versie}
        )

    def _aanbod(self, data) -> Aanbod:
        """The offer the group is checked against: as typed when that is valid, else a
        sketch from the proposal (a workshop still gets one meeting, and so on)."""
        if data is not None and self.aanbod_form.is_valid():
            return self.aanbod_form.save(commit=False)
        soort = self.voorstel.soort
        if data is not None and data.get("aanbod-soort") in Aanbod.Soort.values:
            soort = data["aanbod-soort"]
        return Aanbod(titel=self.voorstel.titel, soort=soort)

    @property
    def forms(self):
        return (self.aanbod_form, self.groep_form, self.notitie_form)

    def is_valid(self) -> bool:
        return all([f.is_valid() for f in self.forms])  # a list: every form shows its errors

    @property
    def versie(self) -> int:
        return self.notitie_form.cleaned_data["versie"]

    @property
    def notitie(self) -> str:
        return self.notitie_form.cleaned_data["notitie"]
