from django.core.management.base import BaseCommand

from nazorg.herinneringen import verstuur_herinneringen


class Command(BaseCommand):
    help = "Send the nazit reminders that are due (safe to run at any time, also in parallel)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200)
        parser.add_argument("--max-batches", type=int, default=None)

    def handle(self, *args, batch, max_batches, **options):
        telling = verstuur_herinneringen(batch=batch, max_batches=max_batches)
        self.stdout.write(" ".join(f"{k}={v}" for k, v in telling.items()))
