"""The sign-up form. It asks one optional thing and never anything about health, and,
when the offer has a nazit, lets people say no to its invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AanmeldForm(forms.Form):
    motivatie = forms.CharField(
        label=_("Would you like to tell the facilitators something?"),
        help_text=_(
            "You don't have to. For example what you hope for, or what helps you to take part."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    geen_nazit = forms.BooleanField(
        label=_("I don't want an invitation to the nazit"),
        required=False,
        help_text=_(
            "You can also change this later: with one click in the invitation, or on the "
            "page Follow-up reminders."
        ),
    )

    def __init__(self, *args, nazit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not nazit:
            del self.fields["geen_nazit"]  # an offer without a nazit: nothing to say no to
        # No maxlength in the browser: it would cut off pasted text without a word. The
        # server says what is too long and gives the whole text back to shorten.
        self.fields["motivatie"].widget.attrs.pop("maxlength", None)
