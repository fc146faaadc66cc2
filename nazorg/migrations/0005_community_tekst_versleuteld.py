"""Community text encrypted at rest: post text, thread titles, report and decision reasons.

Three steps, so that no step ever reads ciphertext as text or text as ciphertext:
1. the columns become plain unlimited text (a Fernet token is longer than the
   150/500 characters of the old varchar columns);
2. the existing rows are encrypted in batches, through the plain historical fields;
3. the fields become EncryptedTextField (no database change: the columns stay text).

Reversible: going back decrypts every row before the columns shrink again. A value that
already decrypts is left alone, so a half-run migration can safely be run again.
"""

from cryptography.fernet import InvalidToken
from django.db import migrations, models

import deelnemers.fields

BATCH = 500
# (model, the fields that hold a person's words)
VELDEN = (
    ("Bericht", ("tekst",)),
    ("Draad", ("titel",)),
    ("Moderatiezaak", ("reden", "besluit_reden")),
)


def _is_versleuteld(waarde: str) -> bool:
    try:
        deelnemers.fields.fernet().decrypt(waarde.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def _versleutel(waarde: str) -> str:
    if not waarde or _is_versleuteld(waarde):
        return waarde
    return deelnemers.fields.encrypt(waarde)


def _ontsleutel(waarde: str) -> str:
    if not waarde or not _is_versleuteld(waarde):
        return waarde
    return deelnemers.fields.decrypt(waarde)


def _per_batch(apps, omzetten):
    """Walk every model in pk order, BATCH rows at a time, and rewrite the fields."""
    for model_naam, velden in VELDEN:
        model = apps.get_model("nazorg", model_naam)
        vanaf = 0
        while True:
            rijen = list(model.objects.filter(pk__gt=vanaf).order_by("pk").only(*velden)[:BATCH])
            if not rijen:
                break
            for rij in rijen:
                for veld in velden:
                    setattr(rij, veld, omzetten(getattr(rij, veld)))
            model.objects.bulk_update(rijen, velden)
            vanaf = rijen[-1].pk


def versleutel(apps, schema_editor):
    _per_batch(apps, _versleutel)


def ontsleutel(apps, schema_editor):
    _per_batch(apps, _ontsleutel)


def _velden(soort):
    """The four fields, as `soort` (plain text or encrypted), in the migration's order."""
    return [
        migrations.AlterField(
            model_name="bericht",
            name="tekst",
            field=soort(max_length=5000, verbose_name="your message"),
        ),
        migrations.AlterField(
            model_name="draad",
            name="titel",
            field=soort(max_length=150, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="moderatiezaak",
            name="besluit_reden",
            field=soort(blank=True, max_length=500, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="moderatiezaak",
            name="reden",
            field=soort(blank=True, max_length=500, verbose_name="what is wrong?"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("nazorg", "0004_herinnering_claim"),
    ]

    operations = [
        *_velden(models.TextField),
        migrations.RunPython(versleutel, ontsleutel, elidable=False),
        *_velden(deelnemers.fields.EncryptedTextField),
    ]
