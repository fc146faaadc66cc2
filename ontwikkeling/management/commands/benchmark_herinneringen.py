"""Benchmark: N due reminders, one process, real SMTP into a local sink; time and duplicates.

    python manage.py benchmark_herinneringen --count 10000

Creates its own throw-away data (an ended course, N people, N due reminders), runs the
delivery engine once, counts every Message-ID the SMTP sink received, and removes its
data again. Goal (issue 5): under 60 s for 10,000 and 0 duplicates.
"""

import datetime
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from groepen.models import Aanbod, Groep
from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Herinnering, NazitMoment
from ontwikkeling.benchmark.smtp_sink import SINK, free_port, naar_sink, wacht_op_poort


class Command(BaseCommand):
    help = "Measure sending N due nazit reminders into a local SMTP sink (time, duplicates)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, count, batch, **options):

        if Herinnering.objects.filter(status=Herinnering.Status.GEPLAND).exists():
            self.stderr.write("Note: existing planned reminders that are due will be sent too.")
        port = free_port()
        ids_path = Path(tempfile.mkdtemp()) / "message-ids.txt"
        ids_path.touch()
        sink = subprocess.Popen([sys.executable, "-c", SINK, str(port), str(ids_path)])
        if not wacht_op_poort(port):
            sink.kill()
            raise CommandError("The SMTP sink did not start.")
        label = f"benchmark-{uuid.uuid4().hex[:8]}"
        try:
            t0 = time.monotonic()
            groep = self.maak_data(label, count)
            self.stdout.write(f"created {count} due reminders in {time.monotonic() - t0:.1f} s")
            with naar_sink(port):
                start = time.monotonic()
                telling = verstuur_herinneringen(batch=batch)
                duur = time.monotonic() - start
            verzonden = Herinnering.objects.filter(
                groep=groep, status=Herinnering.Status.VERZONDEN
            ).count()
        finally:
            time.sleep(0.5)  # let the sink write the last lines
            sink.terminate()
            sink.wait(10)
            self.ruim_op(label)
        ids = Counter(ids_path.read_text().split())
        dubbel = sum(n - 1 for n in ids.values() if n > 1)
        self.stdout.write(
            f"sent {verzonden}/{count} in {duur:.1f} s ({count / duur:.0f}/s); "
            f"messages received {sum(ids.values())}, distinct {len(ids)}, "
            f"duplicates {dubbel}; engine: {telling}"
        )

    def maak_data(self, label, count):
        User = get_user_model()
        vandaag = timezone.localdate()
        aanbod = Aanbod.objects.create(titel=label, soort=Aanbod.Soort.CURSUS)
        groep = Groep.objects.create(
            aanbod=aanbod,
            naam=label,
            startdatum=vandaag - datetime.timedelta(days=70),
            einddatum=vandaag - datetime.timedelta(days=7),
        )
        moment = NazitMoment.objects.create(
            groep=groep, dagen_na_einde=14, datum=vandaag + datetime.timedelta(days=7)
        )
        users = User.objects.bulk_create(
            [
                User(email=f"{label}-{i}@example.org", roepnaam=f"Deelnemer {i}", password="!")  # noqa: S106 - unusable
                for i in range(count)
            ],
            batch_size=2000,
        )
        due = timezone.now() - datetime.timedelta(minutes=1)
        Herinnering.objects.bulk_create(
            [Herinnering(user=u, groep=groep, moment=moment, verstuur_op=due) for u in users],
            batch_size=2000,
        )
        return groep

    def ruim_op(self, label):
        Groep.objects.filter(naam=label).delete()  # moments, reminders, notifications
        Aanbod.objects.filter(titel=label).delete()
        get_user_model().objects.filter(email__startswith=f"{label}-").delete()
