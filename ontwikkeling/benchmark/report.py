"""The benchmark's table, as Markdown so it can go straight into docs/performance.md."""

import os

from .measure import P95_MAX_MS

KOPPEN = ["page", "role", "queries", "median ms", "p95 ms", "ratio", "goal", "result"]


def _getal(waarde, opmaak):
    return "–" if waarde is None else format(waarde, opmaak)


def _doel(doel) -> str:
    from .inloggen import GEEN_RATIO

    return "p95 only" if doel >= GEEN_RATIO else f"{doel}x"


def rij_cellen(m) -> list[str]:
    return [
        m.naam,
        m.rol,
        _getal(m.queries, "d"),
        _getal(m.median_ms, ".1f"),
        _getal(m.p95_ms, ".1f"),
        _getal(m.ratio, ".1f") + ("x" if m.ratio is not None else ""),
        "–" if m.status == "yardstick" else _doel(m.doel),
        m.status,
    ]


def tabel(metingen) -> str:
    rijen = [KOPPEN, *[rij_cellen(m) for m in metingen]]
    breedte = [max(len(r[k]) for r in rijen) for k in range(len(KOPPEN))]

    def lijn(cellen):
        return "| " + " | ".join(c.ljust(b) for c, b in zip(cellen, breedte, strict=True)) + " |"

    scheiding = "|" + "|".join("-" * (b + 2) for b in breedte) + "|"
    return "\n".join([lijn(rijen[0]), scheiding, *[lijn(r) for r in rijen[1:]]])


def herinneringen_regel(h: dict) -> str:
    return (
        f"Reminders: {h['verzonden']}/{h['due']} sent in {h['seconden']:.1f} s "
        f"({h['per_seconde']:.0f}/s); received {h['ontvangen']}, distinct {h['verschillend']}, "
        f"duplicates {h['dubbel']}, failed {h['mislukt']}; {h['workers']} engine(s) side by side "
        f"(goal: 10,000 in under 60 s, 0 duplicates)"
    )


def samenvatting(metingen) -> str:
    pages = [m for m in metingen if m.status != "yardstick"]
    gemeten = [m for m in pages if m.gemeten]
    over = [m for m in gemeten if m.status != "OK"]
    tekst = (
        f"{len(gemeten)} pages measured, {len(gemeten) - len(over)} within goal "
        f"(median within the goal ratio and p95 under {P95_MAX_MS} ms)"
    )
    if over:
        tekst += "; not within goal: " + ", ".join(f"{m.naam} ({m.rol})" for m in over)
    return tekst + "."


def machine_regel(last_voor, last_na) -> str:
    """The load around the measurement: a busy machine slows the bare view (a few short
    round trips to the database, each waiting for a free core) more than the pages, so
    ratios from a busy machine read lower (docs/performance.md, "The yardstick")."""
    kernen = os.cpu_count() or 1
    tekst = (
        f"Machine: {kernen} cores; load average (1 min) {last_voor[0]:.2f} before and "
        f"{last_na[0]:.2f} after measuring"
    )
    if max(last_voor[0], last_na[0]) > kernen / 2:
        tekst += " (busy: ratios read lower than on a quiet machine)"
    return tekst + "."
