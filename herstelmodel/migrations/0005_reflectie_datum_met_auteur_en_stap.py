"""The date index of reflections carries the author and the step (PostgreSQL: INCLUDE), so
the academy-wide figures per period read the index only. Added before the old one goes,
so the figures are never without an index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("herstelmodel", "0004_steunplan"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="reflectie",
            index=models.Index(
                fields=["aangemaakt_op"],
                include=("auteur", "stap"),
                name="reflectie_aangemaakt_incl_idx",
            ),
        ),
        migrations.RemoveIndex(
            model_name="reflectie",
            name="reflectie_aangemaakt_idx",
        ),
    ]
