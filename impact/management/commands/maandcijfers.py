from django.core.management.base import BaseCommand

from impact import samenvatting


class Command(BaseCommand):
    help = (
        "Store the figures of every closed month that is missing or out of date "
        "(impact/samenvatting.py). Safe to run at any time; the Celery task does the same."
    )

    def handle(self, *args, **options):
        berekend = samenvatting.werk_bij()
        if berekend is None:
            self.stdout.write("Another run is busy; nothing done.")
        else:
            self.stdout.write(f"months computed: {berekend}")
