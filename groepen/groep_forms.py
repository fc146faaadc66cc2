"""Forms for the group page area: the attendance register."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .aanwezigheid import kan_registreren
from .models import Aanwezigheid

STATUS = Aanwezigheid.Status

# Short labels: these are big buttons a facilitator taps on a phone.
KEUZES = [
    (STATUS.AANWEZIG, _("Present")),
    # Translators: they let us know in advance that they could not come (afgemeld).
    (STATUS.AFGEMELD, _("Let us know")),
    (STATUS.AFWEZIG, _("Absent")),
]
VELD_PREFIX = "deelnemer_"


class RegisterForm(forms.Form):
    """One choice per active participant, pre-filled so a facilitator only taps the
    exceptions: a saved status (including "afgemeld" reported in advance), else present.

    Field names carry the user id (deelnemer_<id>). Ids of people who are not an active
    participant of the group have no field, so posting them does nothing.
    """

    def __init__(self, *args, bijeenkomst, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.bijeenkomst = bijeenkomst
        for lid in deelnemers:
            naam = lid.user.roepnaam
            self.fields[f"{VELD_PREFIX}{lid.user_id}"] = forms.ChoiceField(
                label=naam,
                choices=KEUZES,
                initial=lid.opgeslagen or STATUS.AANWEZIG,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one for %(naam)s.") % {"naam": naam},
                    # Django formats this message with the posted value: keep a "%" in a
                    # name from being read as a placeholder.
                    "invalid_choice": _("Choose one for %(naam)s.")
                    % {"naam": naam.replace("%", "%%")},
                },
            )

    def clean(self):
        cleaned = super().clean()
        if self.bijeenkomst.geannuleerd:
            raise ValidationError(
                _("This meeting was cancelled, so there is no attendance to keep."),
                code="geannuleerd",
            )
        if not kan_registreren(self.bijeenkomst):
            raise ValidationError(
                _(
                    "This meeting has not happened yet. You can fill in who was there "
                    "from the day of the meeting."
                ),
                code="toekomst",
            )
        return cleaned

    def statussen(self) -> dict[int, str]:
        """user id -> chosen status, from the cleaned data."""
        return {
            int(naam.removeprefix(VELD_PREFIX)): status
            for naam, status in self.cleaned_data.items()
            if naam.startswith(VELD_PREFIX)
        }


def keuzes_html(veld) -> str:
    """One participant's three radio buttons, each in its label, as
    `{% for keuze in veld %}<label class="keuze" for="…">{{ keuze.tag }} <span>…</span>
    </label>{% endfor %}` draws them, built here.

    Why: Django renders every radio through its widget templates (about 1 ms a person),
    which made the register of a 30-person group 9-12x the bare view. The attributes come
    from the bound field itself (build_widget_attrs: required, aria-invalid, disabled) in
    Django's order (id, then those, then checked), and the checked one from the same
    value Django would use (posted, else initial), so the markup is the same.
    """
    widget = veld.field.widget
    id_ = widget.attrs.get("id") or veld.auto_id
    attrs = veld.build_widget_attrs({"id": id_} if id_ else {})
    gekozen = widget.format_value(veld.value())
    naam = conditional_escape(veld.html_name)
    labels = []
    for index, (waarde, label) in enumerate(veld.field.choices):
        optie = dict(attrs)
        if str(waarde) in gekozen:
            optie["checked"] = True
            gekozen = ()  # one radio is checked, as in Django's optgroups()
        if "id" in optie:
            optie["id"] = widget.id_for_label(optie["id"], index)
        extra = "".join(
            f" {n}" if w is True else f' {n}="{conditional_escape(w)}"'
            for n, w in optie.items()
            if w is not False
        )
        for_ = optie.get("id", "")
        labels.append(
            f'<label class="keuze" for="{conditional_escape(for_)}"><input type="radio" '
            f'name="{naam}" value="{conditional_escape(waarde)}"{extra}> '
            f"<span>{conditional_escape(label)}</span></label>"
        )
    return mark_safe("\n".join(labels))  # noqa: S308 - every part above is escaped
