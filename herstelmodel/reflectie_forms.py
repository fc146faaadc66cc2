"""The reflection form and the quick sharing form.

Nothing typed is ever cut off: the text has no maxlength in the page; a text that is too
long gets a message and is shown again in full.
"""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import reflectie as logica
from .models import TEKST_MAX, Gevoel, Reflectie, Zichtbaarheid


class BijeenkomstKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        wanneer = formats.date_format(timezone.localtime(obj.begint_om), "l j F")
        return f"{obj.groep.naam} · {wanneer}"


def _deel_fouten(form, zichtbaarheid, bijeenkomst):
    """Sharing goes to the people of a meeting's group, so it needs a meeting of a group
    the person is still part of."""
    if zichtbaarheid in (None, "", Zichtbaarheid.ALLEEN_IK):
        return
    if bijeenkomst is None:
        form.add_error(
            "zichtbaarheid",
            _(
                "To share this, first choose the meeting it is about: it is shared with the "
                "people of that group. Or keep it for yourself."
            ),
        )
    elif not logica.is_actief_in(form.user, bijeenkomst.groep):
        form.add_error(
            "zichtbaarheid",
            _(
                "You are no longer part of %(groep)s, so you can't share with that group. "
                "You can keep it for yourself."
            )
            % {"groep": bijeenkomst.groep.naam},
        )


class ReflectieForm(forms.ModelForm):
    stap = forms.TypedChoiceField(
        label=_("Where do you recognise yourself right now?"),
        choices=Reflectie._meta.get_field("stap").choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the step that fits you best today. Any step is fine."),
            "invalid_choice": _("Choose the step that fits you best today. Any step is fine."),
        },
    )
    tekst = forms.CharField(
        label=_("Your reflection"),
        help_text=_(
            "Write as much or as little as you like. No one else reads it, unless you share it."
        ),
        # No max_length here: that would put a maxlength in the page and cut off typing.
        widget=forms.Textarea(attrs={"rows": 10, "data-concept": ""}),
        error_messages={"required": _("Write a few words first. There is no right or wrong.")},
    )
    gevoel = forms.ChoiceField(
        label=_("How do you feel? (you can skip this)"),
        choices=[("", _("leave open")), *Gevoel.choices],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the feelings, or leave it open.")},
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Who may read this?"),
        help_text=_("Only you, unless you choose otherwise. You can change this at any time."),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.ALLEEN_IK,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who may read this."),
            "invalid_choice": _("Choose who may read this."),
        },
    )

    class Meta:
        model = Reflectie
        fields = ["stap", "tekst", "gevoel", "bijeenkomst", "zichtbaarheid"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        huidige = self.instance.bijeenkomst if self.instance.pk else None
        getoond = list(logica.te_kiezen_bijeenkomsten(user))
        if huidige is not None and huidige not in getoond:
            getoond.insert(0, huidige)
        veld = BijeenkomstKeuze(
            queryset=logica.toegestane_bijeenkomsten(user, huidige),
            required=False,
            label=_("Is it about a meeting?"),
            help_text=_(
                "Your meetings of the last two weeks. To share it with a group, choose the "
                "meeting it is about."
            ),
            empty_label=_("Not about a meeting"),
            error_messages={
                "invalid_choice": _(
                    "This meeting is not one of your groups'. Choose one of your own "
                    "meetings, or “Not about a meeting”."
                )
            },
        )
        # Show the person's own recent meetings; accept the wider set (see logica).
        veld.choices = [("", veld.empty_label)] + [
            (b.pk, veld.label_from_instance(b)) for b in getoond
        ]
        self.fields["bijeenkomst"] = veld

    def clean_tekst(self):
        # Browsers send line breaks as two characters; count them as the person sees them.
        tekst = self.cleaned_data["tekst"].replace("\r\n", "\n")
        if len(tekst) > TEKST_MAX:
            raise forms.ValidationError(
                _(
                    "Your text has %(lengte)s characters, and %(max)s fit. Please make it a "
                    "little shorter. Everything you wrote is still here."
                ),
                code="te_lang",
                params={
                    "lengte": formats.number_format(len(tekst), force_grouping=True),
                    "max": formats.number_format(TEKST_MAX, force_grouping=True),
                },
            )
        return tekst

    def clean(self):
        cleaned = super().clean()
        _deel_fouten(self, cleaned.get("zichtbaarheid"), cleaned.get("bijeenkomst"))
        return cleaned


class DelenForm(forms.Form):
    """Change who may read an entry, from its page."""

    zichtbaarheid = forms.ChoiceField(
        label=_("Who may read this?"),
        choices=Zichtbaarheid.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who may read this."),
            "invalid_choice": _("Choose who may read this."),
        },
    )

    def __init__(self, *args, reflectie, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.reflectie = reflectie
        self.user = user
        self.fields["zichtbaarheid"].initial = reflectie.zichtbaarheid

    def clean(self):
        cleaned = super().clean()
        _deel_fouten(self, cleaned.get("zichtbaarheid"), self.reflectie.bijeenkomst)
        return cleaned
