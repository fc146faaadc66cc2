from django.core.management.base import BaseCommand

from nazorg.planning import plan_alle


class Command(BaseCommand):
    help = "Plan nazit moments and reminders for course groups that have ended (idempotent)."

    def handle(self, *args, **options):
        r = plan_alle()
        self.stdout.write(f"momenten={r.momenten} herinneringen={r.herinneringen}")
