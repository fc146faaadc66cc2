"""The free-text places of offers, groups and meetings become Locatie rows.

One Locatie per distinct text, trimmed and compared without case ("Buurthuis De Linde"
and " buurthuis de linde" are one place; the first spelling met, by table and pk, names
it). Each row then points at its Locatie and its text is emptied, so there is one source
of truth. A text that does not fit a Locatie name (control characters from an old paste)
stays as text: the pages show it as before.

Backwards: the texts come back from the names and the links are removed; the Locatie rows
that were made here are deleted.
"""

import unicodedata

from django.db import migrations

TABELLEN = ("Aanbod", "Groep", "Bijeenkomst")


def _sleutel(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def _bruikbaar(tekst: str) -> bool:
    return bool(tekst) and not any(unicodedata.category(t).startswith("C") for t in tekst)


def naar_locaties(apps, schema_editor):
    Locatie = apps.get_model("groepen", "Locatie")
    gevonden: dict[str, int] = {
        _sleutel(naam): pk for pk, naam in Locatie.objects.values_list("pk", "naam")
    }
    for tabel in TABELLEN:
        model = apps.get_model("groepen", tabel)
        rijen = model.objects.exclude(locatie="").filter(plek__isnull=True).order_by("pk")
        for pk, tekst in rijen.values_list("pk", "locatie").iterator():
            naam = " ".join(tekst.split())
            if not _bruikbaar(naam):
                continue
            sleutel = _sleutel(naam)
            if sleutel not in gevonden:
                gevonden[sleutel] = Locatie.objects.create(naam=naam).pk
            model.objects.filter(pk=pk).update(plek_id=gevonden[sleutel], locatie="")


def naar_tekst(apps, schema_editor):
    Locatie = apps.get_model("groepen", "Locatie")
    namen = dict(Locatie.objects.values_list("pk", "naam"))
    for tabel in TABELLEN:
        model = apps.get_model("groepen", tabel)
        for pk, plek_id in model.objects.filter(plek__isnull=False).values_list("pk", "plek"):
            model.objects.filter(pk=pk).update(locatie=namen[plek_id][:200], plek=None)
    Locatie.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("groepen", "0006_locaties")]

    operations = [migrations.RunPython(naar_locaties, naar_tekst)]
