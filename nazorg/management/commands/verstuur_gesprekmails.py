from django.core.management.base import BaseCommand

from nazorg.gesprekmail import verstuur_gesprekmails


class Command(BaseCommand):
    help = (
        "Email people who chose it about their new community replies: at most one an hour, "
        "not at night (idempotent; the same as the periodic task)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"verstuurd={verstuur_gesprekmails()}")
