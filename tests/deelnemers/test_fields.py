import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from deelnemers import fields

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def test_round_trip_and_ciphertext_hides_the_text():
    token = fields.encrypt("Ik herkende mij in haar verhaal")
    assert "herkende" not in token
    assert fields.decrypt(token) == "Ik herkende mij in haar verhaal"


def test_rotation_keeps_old_text_readable_and_moves_it_to_the_new_key():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        token = fields.encrypt("oud geheim")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        assert fields.decrypt(token) == "oud geheim"
        rotated = fields.rotate(token)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        assert fields.decrypt(rotated) == "oud geheim"
        with pytest.raises(ImproperlyConfigured, match="was a key removed"):
            fields.decrypt(token)


def test_field_encrypts_on_the_way_in_and_decrypts_on_the_way_out():
    field = fields.EncryptedTextField()
    stored = field.get_prep_value("tekst")
    assert stored != "tekst"
    assert field.from_db_value(stored, None, None) == "tekst"
    assert field.get_prep_value("") == ""
    assert field.from_db_value(None, None, None) is None


def test_bad_key_is_a_system_check_error():
    with override_settings(FIELD_ENCRYPTION_KEYS=["niet-een-sleutel"]):
        assert [e.id for e in fields.check_encryption_keys(None)] == ["herstelacademie.E001"]
        with pytest.raises(Exception, match="FIELD_ENCRYPTION_KEYS must be"):
            call_command("check")
