from django.core.management.base import BaseCommand

from nazorg.missen_taak import draai


class Command(BaseCommand):
    help = (
        "Find people who missed two meetings in a row or left a course early, and send "
        "their one 'we miss you' message (idempotent; beat runs it daily)."
    )

    def handle(self, *args, **options):
        telling = draai()
        self.stdout.write(" ".join(f"{k}={v}" for k, v in telling.items()))
