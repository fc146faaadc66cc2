"""Time the key pages per role against a bare Django view, and count their queries.

In-process with Django's test client (no network, no web server): what is measured is
the server's own work for a request, middleware included. DEBUG is off while measuring.
Queries are counted in a separate request, because capturing them slows the database
wrapper down and would spoil the timings.
"""

import dataclasses
import math
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from .generate import Academie
from .smtp_sink import SINK, free_port, naar_sink, wacht_op_poort
from .urls import BARE_PATH

# Goals of issue #17 (docs/performance.md); issue #9 had 10x, 30x and 300 ms.
DOEL = 8  # every key page's median within 8x the bare view
DOEL_DASHBOARD = 15  # the coordinator's academy-wide dashboards within 15x
DOEL_OPENBAAR = 2  # issue #14: the public pages, for a visitor, within 2x
P95_MAX_MS = 200


@dataclasses.dataclass(frozen=True)
class Pagina:
    naam: str
    # Which Academie person asks for it: deelnemer, facilitator or coordinator; or
    # bezoeker, a visitor without an account.
    rol: str
    url_name: str
    kwargs: Callable[[Academie], dict] = lambda a: {}
    method: str = "get"
    data: Callable[[Academie], dict] | None = None
    doel: int = DOEL
    verwacht: int = 200


def _reflectie(a):
    return {"stap": "3", "tekst": "Vandaag voelde ik me gehoord.", "gevoel": "rustig",
            "zichtbaarheid": "alleen_ik", "bijeenkomst": ""}  # fmt: skip


# The one list of what is measured.
PAGINAS = [
    Pagina("Mijn overzicht", "deelnemer", "mijn_overzicht"),
    Pagina("Aanbod", "deelnemer", "aanbod_lijst"),
    Pagina("Aanbod detail", "deelnemer", "aanbod_detail", lambda a: {"pk": a.aanbod.pk}),
    Pagina("Groepspagina", "deelnemer", "groep_detail", lambda a: {"pk": a.groep.pk}),
    Pagina("Groepspagina", "facilitator", "groep_detail", lambda a: {"pk": a.groep.pk}),
    Pagina("Aanwezigheid", "facilitator", "aanwezigheid", lambda a: {"pk": a.bijeenkomst.pk}),
    Pagina("Reflectie schrijven", "deelnemer", "reflectie_nieuw"),
    Pagina(
        "Reflectie opslaan",
        "deelnemer",
        "reflectie_nieuw",
        method="post",
        data=_reflectie,
        verwacht=302,
    ),
    Pagina("Mijn herstelpad", "deelnemer", "herstelpad"),
    Pagina("Community-ruimte", "deelnemer", "ruimte", lambda a: {"pk": a.ruimte.pk}),
    # One person's load (issue #18): 500 notifications, most unread; a 300-post thread.
    Pagina("Meldingen", "deelnemer", "meldingen"),
    Pagina("Lange draad", "deelnemer", "draad", lambda a: {"pk": a.draad.pk}),
    Pagina("Facilitator home", "facilitator", "facilitator_home"),
    Pagina(
        "Gedeelde reflecties", "facilitator", "gedeelde_reflecties", lambda a: {"pk": a.groep.pk}
    ),
    Pagina("Coördinator home", "coordinator", "coordinator_home"),
    Pagina("Nazorg-overzicht", "coordinator", "nazorg_overzicht"),
    Pagina("Deelnamedashboard", "coordinator", "impact_dashboard", doel=DOEL_DASHBOARD),
    Pagina("Waarderapport", "coordinator", "impact_waarde"),
    # One of the coordinator dashboards of issue #7 (academy-wide aggregates per month),
    # so it has the dashboard's goal.
    Pagina("Modelspiegel", "coordinator", "impact_modelspiegel", doel=DOEL_DASHBOARD),
    # The public face (issue #14), as a visitor without an account sees it.
    Pagina("Openbare home", "bezoeker", "home", doel=DOEL_OPENBAAR),
    Pagina("Aanbod", "bezoeker", "aanbod_lijst", doel=DOEL_OPENBAAR),
    Pagina(
        "Aanbod detail",
        "bezoeker",
        "aanbod_detail",
        lambda a: {"pk": a.aanbod.pk},
        doel=DOEL_OPENBAAR,
    ),
    Pagina(
        "Locatie", "bezoeker", "locatie_detail", lambda a: {"pk": a.locatie.pk}, doel=DOEL_OPENBAAR
    ),
    Pagina("Het model", "bezoeker", "het_model", doel=DOEL_OPENBAAR),
]


@dataclasses.dataclass
class Meting:
    naam: str
    rol: str
    url: str = ""
    queries: int | None = None
    median_ms: float | None = None
    p95_ms: float | None = None
    ratio: float | None = None
    doel: int = DOEL
    status: str = ""  # OK, over, or what went wrong

    @property
    def gemeten(self) -> bool:
        return self.median_ms is not None


def meet_instellingen():
    """Production-like settings for the in-process client: DEBUG off, the yardstick URL.

    Static files use the plain storage, so no collectstatic manifest is needed; that only
    changes how a static URL is spelled, not the work a page does.
    """
    return override_settings(
        DEBUG=False,
        ROOT_URLCONF="ontwikkeling.benchmark.urls",
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        SECURE_SSL_REDIRECT=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )


def _percentiel(waarden, p):
    rij = sorted(waarden)
    return rij[max(0, math.ceil(p * len(rij)) - 1)]


def _verzoek(client, method, url, data):
    if data is None:
        return getattr(client, method)(url, secure=True)
    return getattr(client, method)(url, data, secure=True)


def voorbereiden(client, url, *, method="get", data=None, opwarmen=3):
    """Warm up; return (status of the first request, query count of one request)."""
    eerste = None
    for _ in range(opwarmen):
        response = _verzoek(client, method, url, data)
        eerste = eerste or response.status_code
    # A full log (it keeps the last 9,000 under DEBUG) would make the count read 0.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = _verzoek(client, method, url, data)
    # Read now: the captured list is a view of the log, which the next request clears.
    return eerste or response.status_code, len(queries)


def _tijd(client, url, method, data):
    begin = time.perf_counter()
    _verzoek(client, method, url, data)
    return time.perf_counter() - begin


def _timer(client, url, method, data):
    return lambda: _tijd(client, url, method, data)


def inlog_rijen(academie):
    """Logging in (ontwikkeling/benchmark/inloggen.py): the form for a stranger, the
    password step for a participant and the two-step code for staff. Each row with a
    timer; status and queries from one untimed try."""
    from .inloggen import GEEN_RATIO, Inloggen

    inloggen = Inloggen(academie)
    form_client = Client()
    url = reverse("account_login")
    status, queries = voorbereiden(form_client, url)
    formulier = Meting("Inlogformulier", "bezoeker", url, queries)
    rijen = [(formulier, _timer(form_client, url, "get", None))]
    if status != 200:
        formulier.status = f"HTTP {status}, expected 200"

    def wachtwoord():
        begin = time.perf_counter()
        inloggen.wachtwoord(academie.deelnemer)
        return time.perf_counter() - begin

    def code():
        client, _antwoord = inloggen.wachtwoord(inloggen.staff)
        begin = time.perf_counter()
        inloggen.code(client)
        return time.perf_counter() - begin

    with CaptureQueriesContext(connection) as q:
        _client, antwoord = inloggen.wachtwoord(academie.deelnemer)
    rij = Meting("Inloggen (wachtwoord)", "deelnemer", url, len(q), doel=GEEN_RATIO)
    if antwoord.status_code != 302:
        rij.status = f"HTTP {antwoord.status_code}, expected 302"
    rijen.append((rij, wachtwoord))
    client, _antwoord = inloggen.wachtwoord(inloggen.staff)
    with CaptureQueriesContext(connection) as q:
        antwoord = inloggen.code(client)
    rij = Meting("Tweestapscode", "facilitator", reverse("mfa_authenticate"), len(q))
    if antwoord.status_code != 302:
        rij.status = f"HTTP {antwoord.status_code}, expected 302"
    rijen.append((rij, code))
    return rijen


def _rij(naam, rol, url, queries, tijden, yardstick_ms, doel):
    median = statistics.median(tijden) * 1000
    p95 = _percentiel(tijden, 0.95) * 1000
    ratio = median / yardstick_ms if yardstick_ms else None
    ok = (ratio is None or ratio <= doel) and p95 < P95_MAX_MS
    return Meting(naam, rol, url, queries, median, p95, ratio, doel, "OK" if ok else "over")


def meet_paginas(academie: Academie, herhalingen=30, opwarmen=3, paginas=PAGINAS, log=None):
    """Every page and the yardstick; returns [yardstick, *pages] as Metingen.

    Measured in rounds, one request of each per round, so a busy moment on a shared
    machine hits the yardstick and the pages alike and the ratios stay fair.
    """
    log = log or (lambda message: None)
    clients = {}
    for rol in ("deelnemer", "facilitator", "coordinator"):
        clients[rol] = Client()
        clients[rol].force_login(getattr(academie, rol))
    clients["bezoeker"] = Client()  # no account
    rijen, te_meten = [], []  # te_meten: (row, client, url, method, data)
    with meet_instellingen():
        status, queries = voorbereiden(clients["deelnemer"], BARE_PATH, opwarmen=opwarmen)
        if status != 200:
            raise RuntimeError(f"The bare view answered HTTP {status}: nothing to compare with.")
        yardstick = Meting("Bare Django view", "deelnemer", BARE_PATH, queries, status="yardstick")
        rijen.append(yardstick)
        te_meten.append((yardstick, _timer(clients["deelnemer"], BARE_PATH, "get", None)))
        for pagina in paginas:
            url = reverse(pagina.url_name, kwargs=pagina.kwargs(academie))
            data = pagina.data(academie) if pagina.data else None
            client = clients[pagina.rol]
            status, queries = voorbereiden(
                client, url, method=pagina.method, data=data, opwarmen=opwarmen
            )
            rij = Meting(pagina.naam, pagina.rol, url, queries, doel=pagina.doel)
            if status != pagina.verwacht:
                rij.status = f"HTTP {status}, expected {pagina.verwacht}"
            rijen.append(rij)
            te_meten.append((rij, _timer(client, url, pagina.method, data)))
        for rij, timer in inlog_rijen(academie):
            rijen.append(rij)
            te_meten.append((rij, timer))
        tijden = {id(rij): [] for rij, _ in te_meten}
        for ronde in range(herhalingen):
            for rij, timer in te_meten:
                tijden[id(rij)].append(timer())
            if ronde % 10 == 9:
                log(f"  round {ronde + 1}/{herhalingen}")
    basis = _rij("", "", "", None, tijden[id(yardstick)], None, 1)
    yardstick.median_ms, yardstick.p95_ms, yardstick.ratio = basis.median_ms, basis.p95_ms, 1.0
    for rij, _ in te_meten[1:]:
        gemeten = _rij("", "", "", None, tijden[id(rij)], yardstick.median_ms, rij.doel)
        rij.median_ms, rij.p95_ms, rij.ratio = gemeten.median_ms, gemeten.p95_ms, gemeten.ratio
        rij.status = rij.status or gemeten.status
    return rijen


# --- Reminder throughput ----------------------------------------------------------------


def meet_herinneringen(workers=1, batch=250) -> dict:
    """Send every due reminder through real SMTP into a local sink process; time it and
    count Message-IDs received more than once. Reuses the sink of the nazorg benchmark.

    `workers` engines run side by side (threads, each with its own database connection),
    as a Celery worker with that concurrency would: they claim rows with SKIP LOCKED, and
    much of each send is waiting for the mail server and the commit, not computing.
    """
    from nazorg.herinneringen import verstuur_herinneringen
    from nazorg.models import Herinnering

    due = Herinnering.objects.filter(status=Herinnering.Status.GEPLAND).count()
    port = free_port()
    ids_path = Path(tempfile.mkdtemp()) / "message-ids.txt"
    ids_path.touch()
    sink = subprocess.Popen([sys.executable, "-c", SINK, str(port), str(ids_path)])
    try:
        if not wacht_op_poort(port):
            raise RuntimeError("The SMTP sink did not start.")
        with naar_sink(port):
            tellingen = []

            def engine():
                try:
                    tellingen.append(verstuur_herinneringen(batch=batch))
                finally:
                    connections.close_all()  # this thread's own connection

            begin = time.perf_counter()
            if workers == 1:  # in this thread: same as `manage.py verstuur_herinneringen`
                tellingen.append(verstuur_herinneringen(batch=batch))
            else:
                threads = [threading.Thread(target=engine) for _ in range(workers)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            duur = time.perf_counter() - begin
            if len(tellingen) != workers:
                raise RuntimeError("A reminder engine stopped with an error (see above).")
            telling = {k: sum(t[k] for t in tellingen) for k in tellingen[0]}
    finally:
        time.sleep(0.5)  # let the sink write its last lines
        sink.terminate()
        sink.wait(10)
    ids = Counter(ids_path.read_text().split())
    return {
        "due": due,
        "verzonden": telling["verzonden"],
        "seconden": duur,
        "per_seconde": telling["verzonden"] / duur if duur else 0.0,
        "ontvangen": sum(ids.values()),
        "verschillend": len(ids),
        "dubbel": sum(n - 1 for n in ids.values() if n > 1),
        "mislukt": telling["mislukt"],
        "workers": workers,
    }
