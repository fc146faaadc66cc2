"""Forms for coordinators: the offer, a group with its schedule, meetings, facilitators.

The rules themselves live in groepen/planning.py; these forms turn its PlanningFout into
a message next to the right field, so nothing typed is lost.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import kandidaten, planning
from .locatie_forms import zet_locatie_veld
from .models import Aanbod, Groep

GEEN_LOCATIE = _("No location yet")


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TijdInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def datum_veld(label, leeg_bericht):
    """A date field with our Dutch messages for an empty or unreadable date."""
    return forms.DateField(
        label=label,
        widget=DatumInput,
        error_messages={
            "required": leeg_bericht,
            "invalid": _("Type a date, for example 3-3-2026."),
        },
    )


def tijd_veld(label, leeg_bericht, ongeldig_bericht=None):
    """A time field with our Dutch messages for an empty or unreadable time."""
    return forms.TimeField(
        label=label,
        widget=TijdInput,
        error_messages={
            "required": leeg_bericht,
            "invalid": ongeldig_bericht or _("Type a time, for example 13:30."),
        },
    )


def _getal(label, minimum, maximum, help_text="", verplicht=True, initial=None, **berichten):
    """A whole number with messages that say what to fill in; `berichten` overrides them
    per field (invalid, required, min_value, max_value), so each names its own example."""
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        required=verplicht,
        help_text=help_text,
        initial=initial,
        error_messages={
            "min_value": _("Choose a number of at least %(limit_value)s."),
            "max_value": _("Choose a number of at most %(limit_value)s."),
            "invalid": _("Type a whole number, for example 8."),
            **berichten,
        },
    )


# Messages shared by the offer form and the group forms (Django's own say "Voer een geheel
# getal in." or "Dit veld is verplicht." without saying what belongs there).
DUUR_BERICHTEN = {
    "required": _("Fill in how long a meeting lasts, in minutes."),
    "invalid": _("Fill in the length in minutes, for example 120 for two hours."),
    "min_value": _("A meeting lasts at least %(limit_value)s minutes."),
    "max_value": _("A meeting lasts at most %(limit_value)s minutes."),
}
PLAATSEN_BERICHTEN = {
    "invalid": _("Fill in the number of places, for example 12. Leave it empty for no limit."),
    "min_value": _("A group has at least 1 place. Leave it empty for no limit."),
    "max_value": _("A group has at most %(limit_value)s places."),
}
AANTAL_BIJEENKOMSTEN = _("Fill in the number of meetings, for example 8.")


def _plaatsen():
    """The capacity of a group: empty means no limit. As a form field of its own, because
    the model's PositiveSmallIntegerField would tell the browser and the first message
    that 0 is allowed, while the model wants at least 1."""
    return _getal(
        _("Places"),
        1,
        500,
        _("How many participants can take part. Leave empty for no limit."),
        verplicht=False,
        **PLAATSEN_BERICHTEN,
    )


def _label(model, veld):
    return capfirst(model._meta.get_field(veld).verbose_name)


def _standaard(model, veld):
    """The model's default: a declared field of a ModelForm does not get it by itself."""
    return model._meta.get_field(veld).default


class PlanningForm:
    """Mixin: run a planning check and put its message next to its field."""

    def planning_fout(self, fout: planning.PlanningFout):
        veld = fout.veld if fout.veld in self.fields else None
        self.add_error(veld, fout.bericht)


class AanbodForm(forms.ModelForm):
    # Declared here, not generated from the model, so the limits in the browser and the
    # messages are the model's (1 to 60, 15 to 600, 1 to 100) and not "at least 0".
    aantal_bijeenkomsten = _getal(
        _label(Aanbod, "aantal_bijeenkomsten"),
        1,
        planning.MAX_BIJEENKOMSTEN,
        _("Needed for a course, for example 8. A workshop has 1."),
        verplicht=False,
        invalid=AANTAL_BIJEENKOMSTEN,
        min_value=_("Fill in 1 or more meetings."),
        max_value=_("At most %(limit_value)s meetings."),
    )
    duur_minuten = _getal(
        _label(Aanbod, "duur_minuten"),
        15,
        600,
        _("For example 150 for two and a half hours."),
        initial=_standaard(Aanbod, "duur_minuten"),
        **DUUR_BERICHTEN,
    )
    voltooiing_percentage = _getal(
        _label(Aanbod, "voltooiing_percentage"),
        1,
        100,
        _("For a course: the share of meetings someone attends to complete it."),
        initial=_standaard(Aanbod, "voltooiing_percentage"),
        required=_("Fill in the percentage, for example 75."),
        invalid=_("Fill in a whole number from 1 to 100, for example 75."),
        min_value=_("Choose a percentage from 1 to 100."),
        max_value=_("Choose a percentage from 1 to 100."),
    )

    class Meta:
        model = Aanbod
        fields = [
            "titel",
            "soort",
            "beschrijving",
            "voor_wie",
            "meenemen",
            "plek",
            "voor_naasten",
            "aantal_bijeenkomsten",
            "duur_minuten",
            "certificaat",
            "voltooiing_percentage",
            "nazit",
        ]
        help_texts = {
            "beschrijving": _("In plain words: what happens, and what it can bring someone."),
            "voor_wie": _("Who is it for? Nobody needs a diagnosis to take part."),
            "certificaat": _("Only for a course: people who complete it get a certificate."),
            "nazit": _(
                "Participants get an invitation by email and in the app, a few weeks after "
                "the last meeting. For a recovery group without an end: after someone "
                "leaves it. They hear about it when they sign up and can say no then or "
                "later. Not used for the walk-in."
            ),
        }
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
            "voor_wie": forms.Textarea(attrs={"rows": 3}),
            "meenemen": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "titel": {"required": _("Give the offer a title.")},
            "soort": {"required": _("Choose what kind of offer this is.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A required choice, but with no kind picked in advance: an empty option that says
        # what to do instead of Django's "---------".
        self.fields["soort"].choices = [
            ("", _("Choose a kind")),
            *((waarde, capfirst(label)) for waarde, label in Aanbod.Soort.choices),
        ]
        if self.instance.pk and self.instance.soort == Aanbod.Soort.INLOOP:
            del self.fields["nazit"]  # the walk-in has no nazit: no choice to show
        zet_locatie_veld(
            self,
            "plek",
            self.instance.plek_id,
            self.instance.locatie,
            leeg=GEEN_LOCATIE,
            help_text=_("Where it usually takes place. A group can have its own."),
        )
        self.order_fields(self._meta.fields)

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        aantal = data.get("aantal_bijeenkomsten")
        if soort == Aanbod.Soort.CURSUS and aantal is None and "aantal_bijeenkomsten" in data:
            self.add_error(
                "aantal_bijeenkomsten", _("A course has a fixed number of meetings. Fill it in.")
            )
        if soort == Aanbod.Soort.WORKSHOP:
            if aantal not in (None, 1):
                self.add_error("aantal_bijeenkomsten", _("A workshop has one meeting."))
            elif "aantal_bijeenkomsten" in data:
                data["aantal_bijeenkomsten"] = 1
        if soort and soort != Aanbod.Soort.CURSUS and data.get("certificaat"):
            self.add_error("certificaat", _("Only a course can end with a certificate."))
        if soort == Aanbod.Soort.INLOOP:
            # Nobody finishes the walk-in: there is nothing to invite back to.
            data.pop("nazit", None)
            self.instance.nazit = False
        elif soort and "nazit" not in self.fields:
            # A walk-in that becomes another kind starts with the nazit on, as new offers do.
            self.instance.nazit = True
        return data

    def save(self, commit=True):
        # A chosen location replaces an old free-text place (see migration 0011).
        if self.instance.plek_id:
            self.instance.locatie = ""
        return super().save(commit)


class GroepNieuwForm(PlanningForm, forms.Form):
    BEVESTIG = "verleden_ok"  # the box that confirms a start in the past

    naam = forms.CharField(
        label=_("Name of the group"),
        max_length=120,
        help_text=_("For example the offer and the season: WRAP spring."),
        error_messages={"required": _("Give the group a name.")},
    )
    capaciteit = _plaatsen()
    eerste_datum = datum_veld(
        _("Date of the first meeting"), _("Choose the date of the first meeting.")
    )
    begintijd = tijd_veld(_("Start time"), _("Choose a start time."))
    aantal = _getal(
        _("Number of meetings"),
        1,
        planning.MAX_BIJEENKOMSTEN,
        min_value=_("Plan at least one meeting."),
        max_value=_("Plan at most %(limit_value)s meetings at once. You can add more later."),
        required=_("Fill in how many meetings to plan."),
        invalid=AANTAL_BIJEENKOMSTEN,
    )
    elke_n_weken = _getal(
        _("Every how many weeks"),
        1,
        planning.MAX_WEKEN_TUSSEN,
        _("1 is every week, 2 is every other week."),
        required=_("Fill in every how many weeks the group meets, for example 1."),
        invalid=_("Fill in a number of weeks, for example 1 for every week."),
        min_value=_("Fill in 1 or more: 1 is every week."),
        max_value=_("At most once every %(limit_value)s weeks."),
    )
    duur_minuten = _getal(_("Length of a meeting (minutes)"), 15, 600, **DUUR_BERICHTEN)

    def __init__(self, *args, aanbod: Aanbod, **kwargs):
        self.aanbod = aanbod
        if aanbod.soort == Aanbod.Soort.WORKSHOP:
            aantal = 1
        elif aanbod.soort in planning.DOORLOPEND:
            aantal = aanbod.aantal_bijeenkomsten or 12
        else:
            aantal = aanbod.aantal_bijeenkomsten or 1
        kwargs.setdefault(
            "initial",
            {
                "naam": aanbod.titel,
                "plek": aanbod.plek_id,
                "aantal": aantal,
                "elke_n_weken": 1,
                "duur_minuten": aanbod.duur_minuten,
            },
        )
        super().__init__(*args, **kwargs)
        zet_locatie_veld(self, "plek", aanbod.plek_id, aanbod.locatie, leeg=GEEN_LOCATIE)
        self.order_fields(["naam", "plek"])
        if self.is_bound and self.add_prefix(self.BEVESTIG) in self.data:
            self._vraag_bevestiging()
        if aanbod.soort in planning.DOORLOPEND:
            self.fields["aantal"].help_text = _(
                "A recovery group goes on; plan the first meetings now and add more later."
            )

    def _vraag_bevestiging(self):
        """The confirmation box, right after the date and time it is about. It is only on
        the page once a past start was typed (or was already ticked), so nobody else sees
        it."""
        self.fields[self.BEVESTIG] = forms.BooleanField(
            label=_("Yes, the start date is in the past"),
            required=False,
            help_text=_("For example for a group that already started before it was entered."),
        )
        volgorde = list(self.fields)
        volgorde.remove(self.BEVESTIG)
        volgorde.insert(volgorde.index("begintijd") + 1, self.BEVESTIG)
        self.order_fields(volgorde)

    @property
    def verleden_ok(self) -> bool:
        return bool(self.cleaned_data.get(self.BEVESTIG))

    def planning_fout(self, fout: planning.PlanningFout):
        super().planning_fout(fout)
        if isinstance(fout, planning.StartInVerleden) and self.BEVESTIG not in self.fields:
            self._vraag_bevestiging()

    def schema(self) -> planning.Schema:
        d = self.cleaned_data
        return planning.Schema(
            eerste_datum=d["eerste_datum"],
            begintijd=d["begintijd"],
            aantal=d["aantal"],
            elke_n_weken=d["elke_n_weken"],
            duur_minuten=d["duur_minuten"],
        )

    def clean(self):
        data = super().clean()
        nodig = ("eerste_datum", "begintijd", "aantal", "elke_n_weken", "duur_minuten")
        if all(data.get(v) is not None for v in nodig):
            try:
                planning.controleer_schema(self.aanbod, self.schema(), self.verleden_ok)
            except planning.PlanningFout as fout:
                self.planning_fout(fout)
        return data


class GroepForm(PlanningForm, forms.ModelForm):
    capaciteit = _plaatsen()

    class Meta:
        model = Groep
        fields = ["naam", "plek", "capaciteit", "einddatum"]
        widgets = {"einddatum": DatumInput}
        error_messages = {
            "naam": {"required": _("Give the group a name.")},
            "einddatum": {"invalid": _("Type a date, for example 3-3-2026.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zet_locatie_veld(
            self, "plek", self.instance.plek_id, self.instance.locatie, leeg=GEEN_LOCATIE
        )
        self.order_fields(self._meta.fields)

    def clean_einddatum(self):
        einddatum = self.cleaned_data.get("einddatum")
        try:
            planning.controleer_einddatum(self.instance.startdatum, einddatum)
        except planning.PlanningFout as fout:
            raise forms.ValidationError(fout.bericht) from None
        return einddatum


class FacilitatorForm(PlanningForm, forms.Form):
    email = forms.EmailField(
        label=_("Email address of the facilitator"),
        max_length=254,
        help_text=_("The email address they log in with."),
        error_messages={
            "required": _("Fill in an email address."),
            "invalid": _("This is not an email address. Check for typing errors."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    vrijwilliger = forms.BooleanField(label=_("Volunteer (co-facilitator)"), required=False)

    def voeg_toe(self, groep_id: int):
        d = self.cleaned_data
        return planning.voeg_facilitator_toe(groep_id, d["email"], d["vrijwilliger"])


class KandidaatForm(PlanningForm, forms.Form):
    """The "Add" button next to a person found by the search (groepen/kandidaten.py).
    Only someone on that list can be chosen; any other id gets a message, not a place."""

    persoon = forms.ModelChoiceField(
        queryset=None,  # set per group in __init__
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose someone from the list."),
            "invalid_choice": _(
                "This person is not on the list (any more). Search again, or add them by "
                "their email address."
            ),
        },
    )
    vrijwilliger = forms.BooleanField(label=_("Volunteer (co-facilitator)"), required=False)

    def __init__(self, *args, groep, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = kandidaten.kandidaten(groep)

    def voeg_toe(self, groep_id: int):
        d = self.cleaned_data
        return planning.maak_facilitator(groep_id, d["persoon"], d["vrijwilliger"], "persoon")


class BijeenkomstForm(PlanningForm, forms.Form):
    datum = datum_veld(_("Date"), _("Choose a date."))
    begintijd = tijd_veld(_("Start time"), _("Choose a start time."))
    eindtijd = tijd_veld(
        _("End time"), _("Choose an end time."), _("Type a time, for example 16:00.")
    )

    def __init__(self, *args, huidige_plek=None, **kwargs):
        super().__init__(*args, **kwargs)
        zet_locatie_veld(
            self,
            "plek",
            huidige_plek,
            "",
            leeg=_("The group's usual place"),
            help_text=_("Only when this meeting is somewhere else."),
        )

    def clean(self):
        data = super().clean()
        if all(data.get(v) is not None for v in ("datum", "begintijd", "eindtijd")):
            try:
                begin, _eind = planning.tijden(data["datum"], data["begintijd"], data["eindtijd"])
                planning.controleer_toekomst(begin)
            except planning.PlanningFout as fout:
                self.planning_fout(fout)
        return data

    def tijden(self) -> dict:
        return {v: self.cleaned_data[v] for v in ("datum", "begintijd", "eindtijd", "plek")}
