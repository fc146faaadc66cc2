"""Benchmark on a large generated academy, in a database of its own.

    python manage.py benchmark                 # 5,000 participants, 100,000 reflections, ...
    python manage.py benchmark --scale 0.01    # a quick run
    python manage.py benchmark --generate-only --loadtest-file var/benchmark/loadtest.json

Never touches the configured database: it creates `<name>_benchmark` next to it (SQLite:
var/benchmark.sqlite3) with Django's test-database machinery, generates the academy there,
times every key page per role against a bare Django view, sends the due reminders into a
local SMTP sink, prints one table, and drops the database again (unless --keep).
It reports; it does not fail on a page over its goal. See docs/performance.md.
"""

import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from groepen.models import Bijeenkomst, Lidmaatschap
from ontwikkeling.benchmark import measure, report, worker
from ontwikkeling.benchmark.generate import Sizes, genereer

SIZES = [f for f in Sizes.__dataclass_fields__]


class Command(BaseCommand):
    help = "Generate a large academy in a separate database and measure the key pages."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0: the full academy")
        for naam in SIZES:
            parser.add_argument(f"--{naam}", type=int, help=f"number of {naam} (overrides scale)")
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-reminders", action="store_true", help="skip the reminder run")
        parser.add_argument(
            "--reminder-workers",
            type=int,
            default=4,
            help="reminder engines side by side (as a Celery worker's concurrency)",
        )
        parser.add_argument(
            "--worker",
            action="store_true",
            help="also send the due reminders through a real prefork Celery worker process",
        )
        parser.add_argument("--worker-concurrency", type=int, default=4)
        parser.add_argument(
            "--worker-timeout", type=float, default=300, help="seconds before giving up"
        )
        parser.add_argument(
            "--broker", default="", help="a Redis URL for the worker instead of the configured"
        )
        parser.add_argument("--json", help="also write the results as JSON to this file")
        parser.add_argument(
            "--compare",
            nargs=2,
            metavar=("SMALL.json", "LARGE.json"),
            help="no run: print per page the growth between two saved --json results",
        )
        parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
        parser.add_argument(
            "--generate-only", action="store_true", help="generate, keep the database, stop"
        )
        parser.add_argument("--loadtest-file", help="write sessions and paths for locust here")
        parser.add_argument("--output", help="also write the table (Markdown) to this file")
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="use the current database as it is (tests only: its name must start with test)",
        )

    def handle(self, *args, **opts):
        if opts["compare"]:
            klein, groot = (json.loads(Path(p).read_text()) for p in opts["compare"])
            self.stdout.write(report.groei(klein, groot))
            return
        sizes = Sizes().scaled(opts["scale"])
        for naam in SIZES:
            if opts[naam] is not None:
                setattr(sizes, naam, opts[naam])
        keep = opts["keep"] or opts["generate_only"]
        oud = None
        if opts["in_place"]:
            if not Path(str(connection.settings_dict["NAME"])).name.startswith("test"):
                raise CommandError("--in-place is for the test database only.")
        else:
            oud = self.maak_database()
        try:
            self.run(sizes, opts)
        finally:
            if oud is not None and not keep:
                connection.creation.destroy_test_db(oud, verbosity=0)
            elif oud is not None:
                self.stdout.write(f"Kept the benchmark database {connection.settings_dict['NAME']}")

    def maak_database(self):
        naam = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite":
            doel = str(Path(settings.VAR_DIR) / "benchmark.sqlite3")
        else:
            doel = f"{naam}_benchmark"
        if doel == naam:
            raise CommandError("The benchmark database would be the configured one.")
        connection.settings_dict["TEST"] = {
            **connection.settings_dict.get("TEST", {}),
            "NAME": doel,
        }
        begin = time.monotonic()
        self.stdout.write(f"Creating the benchmark database {doel} (migrations) ...")
        oud = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        self.stdout.write(f"  ready in {time.monotonic() - begin:.1f} s")
        return oud

    def run(self, sizes, opts):
        begin = time.monotonic()
        self.stdout.write(f"Generating: {sizes}")
        # DEBUG would keep the SQL of every bulk insert in memory; nothing here needs it.
        with override_settings(DEBUG=False):
            academie = genereer(sizes, seed=opts["seed"], log=self.stdout.write)
        self.stdout.write(f"Generated in {time.monotonic() - begin:.1f} s: {academie.aantallen}")
        if opts["keep"] or opts["generate_only"]:
            # To log in as staff in the kept database (password: generate.PASSWORD).
            self.stdout.write(f"Staff TOTP secret of this run: {academie.totp_secret}")
        if opts["loadtest_file"]:
            self.schrijf_loadtest(academie, Path(opts["loadtest_file"]))
        if opts["generate_only"]:
            return
        begin = time.monotonic()
        self.stdout.write(f"Measuring pages ({opts['repeat']} requests each after warm-up) ...")
        last_voor = os.getloadavg()
        metingen = measure.meet_paginas(
            academie, herhalingen=opts["repeat"], opwarmen=opts["warmup"], log=self.stdout.write
        )
        last_na = os.getloadavg()
        self.stdout.write(f"Measured in {time.monotonic() - begin:.1f} s")
        herinneringen = []
        if not opts["no_reminders"]:
            self.stdout.write("Sending the due reminders into a local SMTP sink ...")
            herinneringen.append(measure.meet_herinneringen(workers=opts["reminder_workers"]))
        if opts["worker"]:
            if herinneringen:
                worker.zet_terug()  # the same reminders again, unsent
            self.stdout.write("Sending them again through a real Celery worker ...")
            herinneringen.append(
                worker.meet_worker(
                    concurrency=opts["worker_concurrency"],
                    timeout=opts["worker_timeout"],
                    broker=opts["broker"],
                )
            )
        uitvoer = [
            "",
            f"Academy: {academie.aantallen}",
            report.machine_regel(last_voor, last_na),
            "",
            report.tabel(metingen),
            "",
            report.samenvatting(metingen),
        ]
        uitvoer += [report.herinneringen_regel(h) for h in herinneringen]
        tekst = "\n".join(uitvoer)
        self.stdout.write(tekst)
        if opts["output"]:
            Path(opts["output"]).write_text(tekst + "\n")
        if opts["json"]:
            resultaat = report.als_json(
                opts["scale"], academie.aantallen, metingen, herinneringen, (last_voor, last_na)
            )
            Path(opts["json"]).write_text(json.dumps(resultaat, indent=1))

    def schrijf_loadtest(self, academie, pad: Path):
        """Sessions for locust, made the way a login makes them, and each person's paths.

        The benchmark accounts could log in through the form (known password, and the
        TOTP secret printed for this run), but 50 logins from one address within a minute
        are, rightly, stopped by the login rate limit; sessions made here let the load test
        measure browsing. The session hash depends on SECRET_KEY: the web server must use
        the same one.
        """

        def sessie(user_id):
            from deelnemers.models import User

            user = User.objects.get(pk=user_id)
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            return store.session_key

        dashboard = reverse("impact_dashboard")
        facilitators = []
        for fac in academie.facilitators[:25]:
            groepen = Lidmaatschap.objects.facilitators().filter(user_id=fac).values("groep")
            meeting = (
                Bijeenkomst.objects.geweest()
                .filter(groep__in=groepen)
                .order_by("-begint_om")
                .first()
            )
            if meeting is None:
                continue
            facilitators.append(
                {
                    "session": sessie(fac),
                    "groep": reverse("groep_detail", kwargs={"pk": meeting.groep_id}),
                    "register": reverse("aanwezigheid", kwargs={"pk": meeting.pk}),
                }
            )
        actief = (
            Lidmaatschap.objects.deelnemers()
            .filter(user_id__in=academie.deelnemers)
            .values_list("user_id", flat=True)
            .distinct()[:200]
        )
        data = {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "deelnemers": [{"session": sessie(u)} for u in actief],
            "facilitators": facilitators,
            "coordinators": [
                {"session": sessie(u), "dashboard": dashboard} for u in academie.coordinators
            ],
        }
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(json.dumps(data, indent=1))
        self.stdout.write(f"Wrote load-test sessions to {pad}")
