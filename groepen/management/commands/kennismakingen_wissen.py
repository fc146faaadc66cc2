from django.core.management.base import BaseCommand

from groepen import kennismaking


class Command(BaseCommand):
    help = (
        "Erase first-conversation requests made more than KENNISMAKING_BEWAARDAGEN days ago. "
        "Safe to run more than once; the daily Celery task does the same."
    )

    def handle(self, *args, **options):
        # A count only: never a name or address in the output.
        self.stdout.write(f"first-conversation requests erased: {kennismaking.wis_verlopen()}")
