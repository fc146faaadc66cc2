"""Forms for the community. Length and pace are checked in community.plaats_bericht(), so
its messages land next to the right field and nothing typed is lost."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import bewerken, community
from .models import POST_MAX, TITEL_MAX, Moderatiezaak

MELD_MAX = Moderatiezaak._meta.get_field("reden").max_length


class _PlaatsForm(forms.Form):
    tekst = forms.CharField(
        label=_("Your message"),
        max_length=POST_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Plain text. Links start with https://"),
    )
    anoniem = forms.BooleanField(
        label=_("Post without my name"),
        required=False,
        help_text=_("Others see “a participant”. Facilitators can still see who wrote it."),
    )

    def __init__(self, *args, user, doel, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.doel = doel
        self.bericht = None
        ruimte = doel if isinstance(doel, community.Ruimte) else doel.ruimte
        if not ruimte.anoniem_toegestaan:
            del self.fields["anoniem"]

    def plaats(self, **extra):
        try:
            self.bericht = community.plaats_bericht(
                self.user,
                self.doel,
                self.cleaned_data.get("tekst", ""),
                anoniem=self.cleaned_data.get("anoniem", False),
                **extra,
            )
        except ValidationError as fout:
            for veld, berichten in fout.message_dict.items():
                self.add_error(veld if veld in self.fields else None, berichten)
            return None
        return self.bericht


class DraadForm(_PlaatsForm):
    titel = forms.CharField(label=_("Title"), required=False, max_length=TITEL_MAX)
    field_order = ["titel", "tekst", "anoniem", "getuigenis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].help_text = _(
            "Plain text, up to %(max)s characters. Links start with https://"
        ) % {"max": POST_MAX}
        if community.laatste_verhaalversie(self.user) is not None:
            self.fields["getuigenis"] = forms.BooleanField(
                label=_("Add my story from “My story”"),
                required=False,
                help_text=_("Only the latest version. Share it only if it feels right."),
            )

    def is_valid(self):
        return (
            super().is_valid()
            and self.plaats(
                titel=self.cleaned_data.get("titel", ""),
                getuigenis=self.cleaned_data.get("getuigenis", False),
            )
            is not None
        )


class ReactieForm(_PlaatsForm):
    def is_valid(self):
        return super().is_valid() and self.plaats() is not None


class MeldForm(forms.Form):
    reden = forms.CharField(
        label=_("What is wrong? (a few words are enough)"),
        required=False,
        max_length=MELD_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the facilitators who look after this space read this."),
    )


class BewerkForm(forms.Form):
    """Edit your own post; the title only for the first post of a thread. Checks live in
    bewerken.bewerk(), so their messages land next to the field and nothing is lost."""

    # No max_length here: bewerk() says how long is too long (and a browser's maxlength
    # would silently cut off pasted text).
    titel = forms.CharField(label=_("Title"), required=False)
    tekst = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Plain text. Links start with https://"),
    )

    def __init__(self, *args, bericht, **kwargs):
        kwargs.setdefault(
            "initial",
            {"tekst": bericht.tekst, "titel": bericht.draad.titel if bericht.eerste else ""},
        )
        super().__init__(*args, **kwargs)
        self.bericht = bericht
        self.gewijzigd = False
        if not bericht.eerste:
            del self.fields["titel"]

    def teksten(self):
        return [self.data.get("titel", ""), self.data.get("tekst", "")]

    def is_valid(self):
        if not super().is_valid():
            return False
        try:
            self.gewijzigd = bewerken.bewerk(
                self.bericht, self.cleaned_data["tekst"], self.cleaned_data.get("titel")
            )
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, berichten in fout.message_dict.items():
                    self.add_error(veld if veld in self.fields else None, berichten)
            else:
                self.add_error(None, fout.messages)
            return False
        return True
