"""Forms for intervisie: a new group, its management, planning a meeting, the notes.

The notes form runs the name warning (groepen/intervisie.py): a note that mentions a
participant of the writer's groups is not saved until the writer has checked it.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from deelnemers.models import User

from . import intervisie
from .beheer_forms import datum_veld, tijd_veld
from .models import NOTITIE_MAX, Intervisiebijeenkomst, Intervisiegroep
from .rules import is_facilitator

TE_LANG = _("This is %(show_value)s characters long. Keep it to %(limit_value)s.")


class IntervisiegroepForm(forms.ModelForm):
    class Meta:
        model = Intervisiegroep
        fields = ["naam", "beschrijving"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "beschrijving": _("For example: how often you meet, and for whom it is meant."),
        }
        error_messages = {
            "naam": {
                "required": _("Give the group a name."),
                "max_length": TE_LANG,
            },
            "beschrijving": {"max_length": TE_LANG},
        }


class LidToevoegenForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the facilitator"),
        max_length=254,
        help_text=_("The email address they log in with. Only people who facilitate a group."),
        error_messages={
            "required": _("Fill in an email address."),
            "invalid": _("This is not an email address. Check for typing errors."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not is_facilitator(user):
            raise forms.ValidationError(
                _(
                    "We can't find a facilitator with this email address. Only people who "
                    "facilitate a group can join intervision."
                )
            )
        self.user = user
        return email


class PlanForm(forms.Form):
    datum = datum_veld(_("Date"), _("Choose a date."))
    tijd = tijd_veld(_("Time"), _("Choose a time."))
    locatie = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Where you meet, or a link for a video call."),
        error_messages={"max_length": TE_LANG},
    )
    methode = forms.ChoiceField(
        label=_("Method"),
        choices=[("", _("Choose a method")), *intervisie.METHODE.choices],
        help_text=_("You can still change it later."),
        error_messages={"required": _("Choose a method. Not sure yet? Choose 'Our own way'.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("datum") and data.get("tijd"):
            data["begint_om"] = timezone.make_aware(
                datetime.datetime.combine(data["datum"], data["tijd"])
            )
        return data

    def maak(self, groep, door) -> Intervisiebijeenkomst:
        data = self.cleaned_data
        return Intervisiebijeenkomst.objects.create(
            groep=groep,
            begint_om=data["begint_om"],
            locatie=data["locatie"],
            methode=data["methode"],
            aangemaakt_door=door,
        )


def _notitie(label, help_text="", rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TE_LANG},
    )


class NotitieForm(forms.ModelForm):
    """The structured notes of one intervisie meeting.

    `schrijver` is the person saving: names of participants in the groups they facilitate
    are looked for in the texts. When found, nothing is saved; the form comes back with a
    message next to each text and a checkbox to save anyway.
    """

    TEKSTEN = ("vraag", "inzichten", "afspraken")

    vraag = _notitie(
        _("The question"),
        _("What did the person who brought the case want to look at?"),
        rows=3,
    )
    inzichten = _notitie(_("Insights"), _("What did you learn together?"))
    afspraken = _notitie(_("Agreements"), _("What will you do, or try, next time?"), rows=3)
    toch_opslaan = forms.BooleanField(
        label=_("I have checked this; save anyway"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Intervisiebijeenkomst
        fields = ["methode", "inbrenger", "vraag", "thema", "inzichten", "afspraken"]
        error_messages = {
            "methode": {"required": _("Choose a method. Not sure? Choose 'Our own way'.")},
        }

    def __init__(self, *args, schrijver, **kwargs):
        super().__init__(*args, **kwargs)
        self.schrijver = schrijver
        self.namen: dict[str, list[str]] = {}
        inbrenger = self.fields["inbrenger"]
        inbrenger.queryset = User.objects.filter(
            pk__in=intervisie.actieve_leden(self.instance.groep).values("user")
        ).order_by("roepnaam", "pk")
        inbrenger.label_from_instance = lambda u: u.roepnaam
        inbrenger.required = False
        inbrenger.empty_label = _("Nobody in particular")
        inbrenger.help_text = _("Optional.")
        inbrenger.error_messages["invalid_choice"] = _(
            "This person is no longer in the group. Choose someone else."
        )
        self.fields["thema"].empty_label = None
        self.fields["thema"].choices = [("", _("Not chosen yet")), *intervisie.THEMA.choices]
        if self.is_bound and self.data.get(self.add_prefix("toch_opslaan")) in ("on", "True"):
            self._toon_vinkje()

    def _toon_vinkje(self):
        veld = self.fields["toch_opslaan"]
        veld.widget = forms.CheckboxInput()
        veld.help_text = _("Only if the name is needed, or it is not about a participant.")

    def clean(self):
        data = super().clean()
        if data.get("toch_opslaan"):
            return data
        teksten = {v: data.get(v, "") for v in self.TEKSTEN if v not in self.errors}
        self.namen = intervisie.genoemde_namen(self.schrijver, teksten)
        for veld, namen in self.namen.items():
            self.add_error(
                veld,
                _(
                    "You mention %(names)s. Could you write it without the name, "
                    "for example 'a participant'?"
                )
                % {"names": get_text_list(namen, _("and"))},
            )
        if self.namen:
            self._toon_vinkje()
            raise forms.ValidationError(
                _(
                    "Nothing is saved yet. Your notes mention a name of someone in your "
                    "groups. Could you leave out the name? Everything you typed is still here."
                ),
                code="naam",
            )
        return data
