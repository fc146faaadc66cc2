"""The sign-up form. It asks one optional thing and never anything about health."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the browser: it would cut off pasted text without a word. The
        # server says what is too long and gives the whole text back to shorten.
        self.fields["motivatie"].widget.attrs.pop("maxlength", None)
