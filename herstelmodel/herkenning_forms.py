"""The quick herkenning capture: a few taps on a phone right after a meeting."""

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Bijeenkomst, Lidmaatschap

from .models import NOTITIE_MAX, Herkenningsmoment

RECENT = datetime.timedelta(days=14)


def eigen_bijeenkomsten(user):
    """Meetings that took place in the person's own groups (cancelled ones left out)."""
    groepen = Lidmaatschap.objects.actief().filter(user=user).values("groep")
    return Bijeenkomst.objects.geweest().filter(groep__in=groepen).select_related("groep")


def _label(bijeenkomst) -> str:
    dag = formats.date_format(timezone.localtime(bijeenkomst.begint_om), "KORTE_DAG_DATUM_FORMAT")
    return f"{bijeenkomst.groep.naam} · {dag}"


class HerkenningForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("What happened?"),
        choices=Herkenningsmoment.Soort.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the two: did you recognise yourself, or not?"),
            "invalid_choice": _("Choose one of the two: did you recognise yourself, or not?"),
        },
    )
    bijeenkomst = forms.ModelChoiceField(
        label=_("Which meeting?"),
        queryset=Bijeenkomst.objects.none(),
        required=False,
        empty_label=_("Not about a meeting"),
        error_messages={
            "invalid_choice": _(
                "This is not a meeting of one of your groups. Choose one from the list, "
                "or choose 'Not about a meeting'."
            ),
        },
    )
    oorzaak = forms.ChoiceField(
        label=_("What made it click?"),
        choices=Herkenningsmoment.Oorzaak.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the options, or leave it open.")},
    )
    belemmering = forms.ChoiceField(
        label=_("What stood in the way?"),
        choices=Herkenningsmoment.Belemmering.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the options, or leave it open.")},
    )
    notitie = forms.CharField(
        label=_("A short note for yourself (if you like)"),
        required=False,
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Your note is a bit long: %(limit_value)s characters at most, and it has "
                "%(show_value)s now. Could you make it a little shorter? Your text is still here."
            ),
        },
    )

    def __init__(self, user, *args, bijeenkomst_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # No maxlength in the browser: it would cut off pasted text without a word.
        self.fields["notitie"].widget.attrs.pop("maxlength", None)
        self.fields["notitie"].help_text = _(
            "Only you can read this. At most %(max)s characters."
        ) % {"max": NOTITIE_MAX}

        eigen = eigen_bijeenkomsten(user)
        veld = self.fields["bijeenkomst"]
        veld.queryset = eigen
        # The list shows the last 14 days, newest first; an older own meeting asked for
        # in the address (?bijeenkomst=) is added to it.
        recent = list(eigen.filter(begint_om__gte=timezone.now() - RECENT).order_by("-begint_om"))
        gevraagd = None
        if bijeenkomst_id is not None:
            gevraagd = next((b for b in recent if b.pk == bijeenkomst_id), None)
            if gevraagd is None:
                gevraagd = eigen.filter(pk=bijeenkomst_id).first()
                if gevraagd is not None:
                    recent.append(gevraagd)
        veld.widget.choices = [("", veld.empty_label)] + [(b.pk, _label(b)) for b in recent]
        if not self.is_bound:
            voorkeur = gevraagd or (recent[0] if recent else None)
            self.initial.setdefault("bijeenkomst", voorkeur.pk if voorkeur else "")

    def clean(self):
        data = super().clean()
        # Only the reason that fits the choice is kept (the other list may have been
        # touched before the person changed their mind).
        if data.get("soort") == Herkenningsmoment.Soort.HERKEND:
            data["belemmering"] = ""
        elif data.get("soort") == Herkenningsmoment.Soort.NIET_HERKEND:
            data["oorzaak"] = ""
        return data

    def save(self) -> Herkenningsmoment:
        data = self.cleaned_data
        bijeenkomst = data.get("bijeenkomst")
        return Herkenningsmoment.objects.create(
            auteur=self.user,
            bijeenkomst=bijeenkomst,
            groep=bijeenkomst.groep if bijeenkomst else None,
            soort=data["soort"],
            oorzaak=data.get("oorzaak") or "",
            belemmering=data.get("belemmering") or "",
            notitie=data.get("notitie") or "",
        )
