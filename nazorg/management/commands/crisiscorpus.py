"""Measure the signal-word detector (lib/signaal.py) on the crisis corpus.

Prints recall (crisis sentences caught) and the false-alarm rate (everyday sentences that
set off the help box), then every miss and every false alarm. Exits with an error when
anything is missed, so it can guard a deploy.
"""

from django.core.management.base import BaseCommand, CommandError

from lib.signaal_corpus import CORPUS, meet


class Command(BaseCommand):
    help = "Print the crisis detector's recall and false-alarm rate on lib/signaal_corpus.txt."

    def handle(self, *args, **options):
        m = meet()
        self.stdout.write(f"corpus: {CORPUS.name}")
        self.stdout.write(f"recall: {m.gevangen}/{m.crisis} ({m.recall:.1%})")
        self.stdout.write(f"false alarms: {m.vals_alarm}/{m.gewoon} ({m.vals_alarm_ratio:.1%})")
        for zin in m.gemist:
            self.stdout.write(f"MISSED [{zin.taal}] {zin.tekst}")
        for zin in m.onterecht:
            self.stdout.write(f"false alarm [{zin.taal}] {zin.tekst}")
        if m.gemist:
            raise CommandError(f"{len(m.gemist)} crisis sentence(s) missed")
