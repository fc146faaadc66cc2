"""Forms for one-to-one conversations: slots, booking, cancelling, the note, another time.

Texts have no maxlength in the page (a browser would silently cut off pasted text); a
text that is too long gets a message and is shown again in full.
"""

import datetime
import itertools
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .beheer_forms import datum_veld
from .gesprek import BERICHT_MAX, NOTITIE_MAX, gesprek_aanbod
from .models import Aanbod, Gespreksslot

MAX_SLOTS = 12
TIJD = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _max(maximum):
    def check(tekst):
        if len(tekst) > maximum:
            raise ValidationError(
                _(
                    "This text has %(lengte)s characters, and %(max)s fit. Please make it a "
                    "little shorter. Everything you wrote is still here."
                ),
                code="te_lang",
                params={
                    "lengte": formats.number_format(len(tekst), force_grouping=True),
                    "max": formats.number_format(maximum, force_grouping=True),
                },
            )

    return check


def _tekst(label, maximum, help_text="", verplicht=False, rows=3, leeg=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=verplicht,
        validators=[_max(maximum)],
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": leeg} if leeg else {},
    )


class SlotForm(forms.Form):
    """One day, one or more start times, one length and place."""

    aanbod = forms.ModelChoiceField(
        label=_("Offer"),
        queryset=Aanbod.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the offers in the list.")},
    )
    datum = datum_veld(_("Date"), _("Choose a date."))
    tijden = forms.CharField(
        label=_("Start time(s)"),
        max_length=200,
        help_text=_("One time, or several separated by commas, for example 10:00, 11:30."),
        error_messages={"required": _("Type at least one start time, for example 10:00.")},
    )
    duur_minuten = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=15,
        max_value=240,
        initial=60,
        error_messages={
            "required": _("Fill in how long a conversation takes, for example 60."),
            "invalid": _("Type a whole number of minutes, for example 60."),
            "min_value": _("A conversation takes at least 15 minutes."),
            "max_value": _("A conversation takes at most 240 minutes (4 hours)."),
        },
    )
    plaats = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("An address or room, or for example: by phone or video call."),
        error_messages={
            "required": _("Fill in where you meet, or for example: by phone."),
            "max_length": _("Please keep the place under 200 characters."),
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["aanbod"].queryset = gesprek_aanbod()

    def clean_tijden(self):
        tijden = []
        for deel in re.split(r"[,;\s]+", self.cleaned_data["tijden"].strip()):
            if not deel:
                continue
            match = TIJD.match(deel)
            if not match:
                raise ValidationError(
                    _("“%(deel)s” is not a time we can read. Type for example 10:00, 11:30."),
                    params={"deel": deel[:20]},
                )
            tijden.append(datetime.time(int(match[1]), int(match[2])))
        if not tijden:
            raise ValidationError(_("Type at least one start time, for example 10:00."))
        if len(tijden) > MAX_SLOTS:
            raise ValidationError(
                _("At most %(n)s times at once, please."), params={"n": MAX_SLOTS}
            )
        return sorted(set(tijden))

    def begintijden(self):
        datum = self.cleaned_data["datum"]
        return [
            timezone.make_aware(datetime.datetime.combine(datum, t))
            for t in self.cleaned_data["tijden"]
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        duur = datetime.timedelta(minutes=data["duur_minuten"])
        begins = self.begintijden()
        if begins[0] <= timezone.now():
            self.add_error("tijden", _("This time has already passed. Choose a time to come."))
            return data
        for eerder, later in itertools.pairwise(begins):
            if eerder + duur > later:
                self.add_error(
                    "tijden",
                    _("These times overlap with this length. Leave more room between them."),
                )
                return data
        if self.user is not None:
            overlap = Gespreksslot.objects.filter(
                ervaringsdeskundige=self.user,
                ingetrokken_op__isnull=True,
                begint_om__lt=begins[-1] + duur,
                eindigt_om__gt=begins[0],
            )
            botst = [
                s
                for s in overlap
                if any(s.begint_om < b + duur and b < s.eindigt_om for b in begins)
            ]
            if botst:
                self.add_error(
                    "tijden",
                    _("You already offered a conversation at %(tijd)s. Choose another time.")
                    % {"tijd": formats.time_format(timezone.localtime(botst[0].begint_om), "H:i")},
                )
        return data


class BoekForm(forms.Form):
    vraag = _tekst(
        _("What would you like to talk about? (optional)"),
        BERICHT_MAX,
        _("Only the peer expert you talk with reads this. You may also leave it empty."),
    )


class AnnuleerForm(forms.Form):
    bericht = _tekst(
        _("A short message (optional)"),
        BERICHT_MAX,
        _("We send it with the cancellation. You do not have to give a reason."),
        rows=2,
    )


class AnnuleerAlsEdForm(AnnuleerForm):
    intrekken = forms.BooleanField(
        label=_("I can't make this time myself: take it off the offer"),
        required=False,
        help_text=_("Otherwise the time becomes free again for someone else."),
    )


class NotitieForm(forms.Form):
    notitie = _tekst(
        _("Your note"),
        NOTITIE_MAX,
        _("Only you can read this. A few words about the conversation, for yourself."),
        verplicht=True,
        rows=6,
        leeg=_("Write a few words, or go back if you don't want a note."),
    )


class AnderMomentForm(forms.Form):
    bericht = _tekst(
        _("Which times suit you?"),
        BERICHT_MAX,
        _("For example: weekday evenings, or Tuesday mornings. By phone is fine too."),
        verplicht=True,
        leeg=_("Write a few words about which times suit you."),
    )
