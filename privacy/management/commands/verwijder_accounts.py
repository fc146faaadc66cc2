from django.core.management.base import BaseCommand

from privacy import bewaartermijn, verwijderen


class Command(BaseCommand):
    help = (
        "Carry out deletion requests whose cooling-off period has passed, warn accounts "
        "that have been inactive too long, and erase those warned long enough ago. "
        "Safe to run more than once; the daily Celery task does the same."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, default=100, help="At most this many accounts per step."
        )

    def handle(self, *args, batch, **options):
        verzoeken = verwijderen.voer_verzoeken_uit(limit=batch)
        bewaren = bewaartermijn.voer_uit(limit=batch)
        # Counts only: never a name or address in the output.
        self.stdout.write(
            f"requests carried out: {verzoeken.uitgevoerd}, blocked: {verzoeken.geblokkeerd}; "
            f"inactivity warnings: {bewaren.gewaarschuwd}, inactive erased: {bewaren.verwijderd}, "
            f"blocked: {bewaren.geblokkeerd}"
        )
