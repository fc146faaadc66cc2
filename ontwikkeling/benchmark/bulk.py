"""Small helpers for bulk-generating benchmark data."""

import datetime

from django.utils import timezone

BATCH = 2000
# Years of history in the generated academy.
JAREN = 3


def bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def op_dag(dag: datetime.date, uur: int = 19) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur, 0)))


def verdeel(totaal: int, gewichten: list[float]) -> list[int]:
    """Split `totaal` over the weights exactly (largest remainder)."""
    som = sum(gewichten) or 1
    ruw = [totaal * g / som for g in gewichten]
    delen = [int(r) for r in ruw]
    rest = sorted(range(len(ruw)), key=lambda i: ruw[i] - delen[i], reverse=True)
    for i in rest[: totaal - sum(delen)]:
        delen[i] += 1
    return delen
