"""NazitMoment.vertrek: moments for people who leave an ongoing recovery group, counted
from the day they left (nazorg/planning.py). Moments after a group's end keep their key."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("groepen", "0003_aanbod_nazit"),
        ("nazorg", "0011_nazitberichten"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="nazitmoment",
            name="nazitmoment_uniek",
        ),
        migrations.AddField(
            model_name="nazitmoment",
            name="vertrek",
            field=models.DateField(blank=True, null=True, verbose_name="left on"),
        ),
        migrations.AddConstraint(
            model_name="nazitmoment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("vertrek__isnull", True)),
                fields=("groep", "dagen_na_einde"),
                name="nazitmoment_uniek",
            ),
        ),
        migrations.AddConstraint(
            model_name="nazitmoment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("vertrek__isnull", False)),
                fields=("groep", "vertrek", "dagen_na_einde"),
                name="nazitmoment_vertrek_uniek",
            ),
        ),
    ]
