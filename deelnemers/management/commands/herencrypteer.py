"""Re-encrypt every encrypted field with the newest key in FIELD_ENCRYPTION_KEYS.

Key rotation: put the new key first in FIELD_ENCRYPTION_KEYS (keep the old one after it),
run this command, then remove the old key. Works on raw column values, in batches, so
it never loads decrypted text into model instances and memory stays flat.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from deelnemers.fields import EncryptedTextField, rotate

BATCH = 500


def encrypted_fields():
    for model in apps.get_models():
        if model._meta.proxy:  # same table as its concrete model: rotate it once
            continue
        # Local fields only: an inherited field lives in (and is rotated with) the parent.
        fields = model._meta.local_concrete_fields
        names = [f.attname for f in fields if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names


class Command(BaseCommand):
    help = "Re-encrypt all encrypted text with the newest key (after adding a new key)."

    def handle(self, *args, **options):
        total = 0
        for model, names in encrypted_fields():
            done = self._rotate_model(model, names)
            total += done
            self.stdout.write(f"{model._meta.label}: {done} rows")
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} rows."))

    def _rotate_model(self, model, names):
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        columns = [connection.ops.quote_name(model._meta.get_field(n).column) for n in names]
        # Lock each batch: a row changed by the app between our SELECT and UPDATE would
        # otherwise be overwritten with its old (re-encrypted) text.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        done, last = 0, None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = f"WHERE {pk} > %s" if last is not None else ""
                params = [last] if last is not None else []
                cursor.execute(
                    f"SELECT {pk}, {', '.join(columns)} FROM {table} {where} "  # noqa: S608 - names are quoted identifiers from the model
                    f"ORDER BY {pk} LIMIT {BATCH}{lock}",
                    params,
                )
                rows = cursor.fetchall()
                if not rows:
                    return done
                sets = ", ".join(f"{c} = %s" for c in columns)
                cursor.executemany(
                    f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608 - as above
                    [[rotate(v) if v else v for v in row[1:]] + [row[0]] for row in rows],
                )
                done += len(rows)
                last = rows[-1][0]
