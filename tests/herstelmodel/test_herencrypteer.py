"""Text is encrypted at rest, and `manage.py herencrypteer` moves it to a new key.

deelnemers.fields caches a MultiFernet per tuple of keys, so override_settings switches
keys cleanly within one test.
"""

import io
import json

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from deelnemers.management.commands import herencrypteer
from herstelmodel import verhaal
from herstelmodel.models import Herkenningsmoment, Reflectie, Stap, VerhaalVersie

SLEUTEL_A = Fernet.generate_key().decode()
SLEUTEL_B = Fernet.generate_key().decode()

REFLECTIE = "GEHEIM-reflectie: ik zag mezelf in haar verhaal"
NOTITIE = "GEHEIM-notitie: de stilte na het verhaal"
VERHAAL = "GEHEIM-verhaal: het begon met niet meer slapen"
TITEL = "GEHEIM-titel"
GEHEIMEN = (REFLECTIE, NOTITIE, VERHAAL, TITEL)

KOLOMMEN = {
    "reflectie": ("herstelmodel_reflectie", "tekst"),
    "notitie": ("herstelmodel_herkenningsmoment", "notitie"),
    "inhoud": ("herstelmodel_verhaalversie", "inhoud"),
    "titel": ("herstelmodel_verhaalversie", "titel"),
}


def ruw(tabel, kolom):
    """Column values as stored, straight from the database (no model field involved)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {kolom} FROM {tabel} ORDER BY id")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]


def alles_ruw():
    return {naam: ruw(*plek) for naam, plek in KOLOMMEN.items()}


def schrijf_alles(user, groep, n=1):
    for i in range(n):
        Reflectie.objects.create(auteur=user, groep=groep, stap=Stap.HERKENNING, tekst=REFLECTIE)
        Herkenningsmoment.objects.create(
            auteur=user,
            groep=groep,
            soort=Herkenningsmoment.Soort.HERKEND,
            oorzaak=Herkenningsmoment.Oorzaak.VERHAAL,
            notitie=NOTITIE,
        )
        verhaal.opslaan(user, TITEL, {"overweldigd": f"{VERHAAL} ({i})"})
    # An empty note stays empty: there is nothing to encrypt.
    Herkenningsmoment.objects.create(
        auteur=user, soort=Herkenningsmoment.Soort.NIET_HERKEND, notitie=""
    )


def lees_alles():
    return (
        [r.tekst for r in Reflectie.objects.order_by("pk")],
        [h.notitie for h in Herkenningsmoment.objects.order_by("pk")],
        [
            (v.titel, verhaal.delen_van(v)["overweldigd"])
            for v in VerhaalVersie.objects.order_by("pk")
        ],
    )


def assert_geen_klare_tekst(waarden):
    for kolom, rijen in waarden.items():
        for waarde in rijen:
            for geheim in GEHEIMEN:
                assert geheim not in (waarde or ""), f"plain text in {kolom}"
            assert "GEHEIM" not in (waarde or ""), f"plain text in {kolom}"


@pytest.mark.django_db
@override_settings(FIELD_ENCRYPTION_KEYS=[SLEUTEL_A])
def test_columns_never_hold_plain_text(deelnemer, groep):
    schrijf_alles(deelnemer, groep)
    waarden = alles_ruw()
    assert all(waarden.values())
    assert_geen_klare_tekst(waarden)
    # What is stored is a Fernet token under the current key.
    fernet = Fernet(SLEUTEL_A.encode())
    assert fernet.decrypt(waarden["reflectie"][0].encode()).decode() == REFLECTIE
    assert fernet.decrypt(waarden["notitie"][0].encode()).decode() == NOTITIE
    inhoud = json.loads(fernet.decrypt(waarden["inhoud"][0].encode()))
    assert inhoud == {"overweldigd": f"{VERHAAL} (0)"}


@pytest.mark.django_db
def test_rotating_to_a_new_key(deelnemer, groep, monkeypatch):
    # Small batches, so the command has to walk several of them.
    monkeypatch.setattr(herencrypteer, "BATCH", 2)
    with override_settings(FIELD_ENCRYPTION_KEYS=[SLEUTEL_A]):
        schrijf_alles(deelnemer, groep, n=3)
        verwacht = lees_alles()
        voor = alles_ruw()

    with override_settings(FIELD_ENCRYPTION_KEYS=[SLEUTEL_B, SLEUTEL_A]):
        uit = io.StringIO()
        call_command("herencrypteer", stdout=uit)
        assert "herstelmodel.Reflectie: 3 rows" in uit.getvalue()
        assert "herstelmodel.VerhaalVersie: 3 rows" in uit.getvalue()

    na = alles_ruw()
    assert_geen_klare_tekst(na)
    nieuw, oud = Fernet(SLEUTEL_B.encode()), Fernet(SLEUTEL_A.encode())
    for kolom in KOLOMMEN:
        for was, is_nu in zip(voor[kolom], na[kolom], strict=True):
            if not was:
                assert is_nu == was  # an empty note is left alone
                continue
            assert is_nu != was
            nieuw.decrypt(is_nu.encode())  # under the new key ...
            with pytest.raises(InvalidToken):
                oud.decrypt(is_nu.encode())  # ... and no longer under the old one

    # With only the new key every text still reads the same through the ORM.
    with override_settings(FIELD_ENCRYPTION_KEYS=[SLEUTEL_B]):
        assert lees_alles() == verwacht
        # Running it again (after removing the old key) is harmless.
        call_command("herencrypteer", stdout=io.StringIO())
        assert lees_alles() == verwacht

    # And the old key alone no longer opens anything: no silent fallback.
    with override_settings(FIELD_ENCRYPTION_KEYS=[SLEUTEL_A]), pytest.raises(ImproperlyConfigured):
        lees_alles()


def test_the_command_knows_every_encrypted_field():
    velden = {model._meta.label: set(namen) for model, namen in herencrypteer.encrypted_fields()}
    assert velden["herstelmodel.Reflectie"] == {"tekst"}
    assert velden["herstelmodel.Herkenningsmoment"] == {"notitie"}
    assert velden["herstelmodel.VerhaalVersie"] == {"titel", "inhoud"}
