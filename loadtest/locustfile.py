"""Mixed journeys against a running server on the benchmark academy (bin/loadtest).

Participants look at their overview and recovery path and write a reflection;
facilitators open their home, a group page and an attendance register; coordinators
open the participation dashboard. Each simulated person reads a page for 1 to 3 s.

Logging in: `manage.py benchmark --loadtest-file` writes real sessions for the
generated accounts (as a login would). Logging 50 people in through the form from one
address within a minute would, rightly, trip the login rate limit (30/min per IP), and
the staff accounts would also need TOTP codes; the load test is about browsing.
"""

import itertools
import json
import os
import re
from pathlib import Path

from locust import HttpUser, between, task

DATA = json.loads(Path(os.environ.get("LOADTEST_FILE", "var/benchmark/loadtest.json")).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
POOLS = {rol: itertools.cycle(DATA[rol]) for rol in ("deelnemers", "facilitators", "coordinators")}


class Persoon(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    rol = ""

    def on_start(self):
        self.persoon = next(POOLS[self.rol])
        host = self.host.split("://", 1)[-1].split(":")[0]
        self.client.cookies.set(DATA["session_cookie"], self.persoon["session"], domain=host)

    def pagina(self, url, name=None):
        """GET that must answer 200 itself: a redirect (to the login, say) is an error."""
        with self.client.get(
            url, name=name or url, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
        self.cookies_over_http()
        return response

    def cookies_over_http(self):
        """With DEBUG off the site marks its cookies Secure; this server speaks plain HTTP
        on 127.0.0.1 (no TLS proxy in front), so hand them back anyway (the CSRF cookie)."""
        for cookie in self.client.cookies:
            cookie.secure = False


class Deelnemer(Persoon):
    weight = 6
    rol = "deelnemers"

    @task(3)
    def overzicht(self):
        self.pagina("/mijn-overzicht/")

    @task(2)
    def herstelpad(self):
        self.pagina("/mijn-herstelpad/")

    @task(1)
    def reflectie_schrijven(self):
        formulier = self.pagina("/reflecties/nieuw/")
        gevonden = CSRF.search(formulier.text or "")
        if not gevonden:
            return
        data = {
            "csrfmiddlewaretoken": gevonden.group(1),
            "stap": "2",
            "tekst": "Vandaag herkende ik mezelf in het verhaal van een ander.",
            "gevoel": "hoopvol",
            "zichtbaarheid": "alleen_ik",
            "bijeenkomst": "",
        }
        with self.client.post(
            "/reflecties/nieuw/",
            data,
            name="/reflecties/nieuw/ (opslaan)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
        self.cookies_over_http()  # the session is saved again after a post


class Facilitator(Persoon):
    weight = 3
    rol = "facilitators"

    @task(2)
    def home(self):
        self.pagina("/facilitator/")

    @task(2)
    def groep(self):
        self.pagina(self.persoon["groep"], name="/groepen/[id]/")

    @task(1)
    def register(self):
        self.pagina(self.persoon["register"], name="/bijeenkomsten/[id]/aanwezigheid/")


class Coordinator(Persoon):
    weight = 1
    rol = "coordinators"

    @task
    def dashboard(self):
        self.pagina(self.persoon["dashboard"])
