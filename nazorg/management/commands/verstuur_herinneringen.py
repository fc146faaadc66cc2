from django.core.management.base import BaseCommand

from nazorg import nazitberichten
from nazorg.herinneringen import verstuur_herinneringen


class Command(BaseCommand):
    help = (
        "Send the nazit invitations and the messages after them (date known or changed, "
        "the day before, called off) that are due. Safe to run at any time, also in parallel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200)
        parser.add_argument("--max-batches", type=int, default=None)

    def handle(self, *args, batch, max_batches, **options):
        telling = verstuur_herinneringen(batch=batch, max_batches=max_batches)
        self.stdout.write(" ".join(f"{k}={v}" for k, v in telling.items()))
        telling = nazitberichten.verstuur(batch=batch, max_batches=max_batches)
        self.stdout.write("berichten: " + " ".join(f"{k}={v}" for k, v in telling.items()))
