"""Indexes for the "changed since" check of impact/samenvatting.py.

They live here, not in groepen or herstelmodel, because only this check reads these
columns this way; without them each dashboard visit would scan every reflection."""

from django.db import migrations

INDEXEN = [
    ("impact_reflectie_gewijzigd_idx", "herstelmodel_reflectie", "gewijzigd_op"),
    ("impact_aanwezigheid_bijgewerkt_idx", "groepen_aanwezigheid", "bijgewerkt_op"),
    ("impact_lidmaatschap_statussinds_idx", "groepen_lidmaatschap", "status_sinds"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0003_maandcijfers"),
        ("herstelmodel", "0004_steunplan"),
        ("groepen", "0008_soorten_samen"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {naam} ON {tabel} ({kolom})",
            f"DROP INDEX IF EXISTS {naam}",
        )
        for naam, tabel, kolom in INDEXEN
    ]
