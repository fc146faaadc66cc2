"""Every model that holds personal data is covered by a privacy provider (<app>/privacy.py),
for the export and for the erasure, or is left out on purpose with the reason below.

A new model with a foreign key to the user (or with encrypted text) fails here until its
app's provider says what happens with it, so nobody has to remember to edit privacy/.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model

from deelnemers.fields import EncryptedTextField
from lib import privacy as register

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Models with personal text but without a foreign key to the user or encrypted fields
# (those two are found by themselves). None today: add "app_label.Model" here when one
# comes, so it is checked too.
PERSOONLIJKE_TEKST: set[str] = set()

# Deliberately not in the export, and why.
NIET_GEEXPORTEERD = {
    # The user is the staff member who made a change in the admin: their work log, not
    # something the person gave or wrote. Entries about the person are erased with them.
    "admin.LogEntry": "admin history, written by staff",
    # Who last changed an assumption of the value study: a coordinator's work.
    "impact.Aanname": "a coordinator's edit of study figures",
    # Who published a version of the privacy statement: a coordinator's work.
    "privacy.Privacyverklaring": "a coordinator's publication",
}

# Deliberately not erased, and why. The user row itself is scrubbed (deelnemers), so what
# stays points at nobody.
NIET_GEWIST = {
    # Kept as anonymous counts: the row then only says "someone was there", and the
    # academy's attendance figures stay the same (test_verwijderen_sporen.py).
    "groepen.Aanwezigheid": "anonymous attendance counts",
    # Append-only trail of ids and short codes, no words; it records the erasure itself.
    "audit.AuditEvent": "append-only audit trail",
    "impact.Aanname": "a coordinator's edit of study figures",
    "privacy.Privacyverklaring": "a coordinator's publication",
    # The record that the erasure was asked and done (dates and a choice, no words);
    # privacy.verwijderen marks the waiting request as carried out.
    "privacy.Verwijderverzoek": "the record of the erasure",
}


def persoonlijke_modellen() -> dict[str, str]:
    """label -> why it counts as personal data."""
    user = get_user_model()
    gevonden = {user._meta.label: "the user model"}
    for model in apps.get_models():
        label = model._meta.label
        for veld in model._meta.get_fields():
            if veld.is_relation and veld.concrete and veld.related_model is user:
                gevonden.setdefault(label, f"{veld.name} points at the user")
            elif isinstance(veld, EncryptedTextField):
                gevonden.setdefault(label, f"{veld.name} is encrypted personal text")
        if label in PERSOONLIJKE_TEKST:
            gevonden.setdefault(label, "listed as personal text")
    return gevonden


def exporteert() -> set[str]:
    return set().union(*(p.exporteert for p in register.providers()))


def wist() -> set[str]:
    return set().union(*(p.wist for p in register.providers()))


def _ontbreekt(gedekt: set[str], weggelaten: dict) -> list[str]:
    return sorted(
        f"{label} ({waarom})"
        for label, waarom in persoonlijke_modellen().items()
        if label not in gedekt and label not in weggelaten
    )


def test_every_model_with_personal_data_is_in_the_export():
    ontbreekt = _ontbreekt(exporteert(), NIET_GEEXPORTEERD)
    assert not ontbreekt, (
        "No privacy provider exports these models. Add a Sectie with modellen=(...) to "
        "the app's privacy.py, or add the model to NIET_GEEXPORTEERD with the reason:\n"
        + "\n".join(ontbreekt)
    )


def test_every_model_with_personal_data_is_erased():
    ontbreekt = _ontbreekt(wist(), NIET_GEWIST)
    assert not ontbreekt, (
        "No privacy provider erases these models. Add a Wisser with modellen=(...) to the "
        "app's privacy.py, or add the model to NIET_GEWIST with the reason:\n"
        + "\n".join(ontbreekt)
    )


def test_the_lists_name_real_models_and_nothing_twice():
    persoonlijk = persoonlijke_modellen()
    for label in exporteert() | wist() | PERSOONLIJKE_TEKST:
        assert apps.get_model(label), label  # a typo raises LookupError
    # A model left out on purpose must be personal data and must not also be covered:
    # a stale entry would hide a model that is no longer handled the way it says.
    for label in NIET_GEEXPORTEERD:
        assert label in persoonlijk, label
        assert label not in exporteert(), label
    for label in NIET_GEWIST:
        assert label in persoonlijk, label
        assert label not in wist(), label


def test_every_app_with_personal_data_has_a_provider():
    namen = {p.naam for p in register.providers()}
    assert namen >= {"deelnemers", "audit", "groepen", "herstelmodel", "nazorg", "privacy"}
    eigen = {label.split(".")[0] for label in persoonlijke_modellen()}
    derden = {"admin", "account", "mfa"}  # covered by deelnemers (the account)
    # An app may split its provider per topic ("doorgroei_uitkomsten", "groepen_rollen").
    apps = namen | {n.split("_")[0] for n in namen}
    assert eigen - derden - {"impact"} <= apps


def test_sections_and_steps_have_one_place_each():
    secties = register.secties()
    assert len({s.sleutel for s in secties}) == len(secties)
    assert len({s.volgorde for s in secties}) == len(secties)
    assert secties[0].sleutel == "account"
    stappen = [w.volgorde for w in register.wissers()]
    assert len(set(stappen)) == len(stappen)
    # The user row is scrubbed last: the other steps still find the person by it.
    assert "deelnemers.User" in {
        m if isinstance(m, str) else m._meta.label for m in register.wissers()[-1].modellen
    }


def test_the_privacy_app_imports_no_other_app_with_personal_data():
    """privacy/ only collects the providers; the apps' models stay in the apps."""
    verboden = {"groepen", "herstelmodel", "nazorg"}
    gevonden = []
    for pad in (BASE_DIR / "privacy").rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text())):
            if isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
                namen = [knoop.module]
            elif isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            else:
                continue
            gevonden += [f"{pad.name}: {n}" for n in namen if n.split(".")[0] in verboden]
    assert gevonden == []
