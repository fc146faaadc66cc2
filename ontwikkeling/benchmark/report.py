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


def _markdown(rijen) -> str:
    """A Markdown table; the first row is the header."""
    breedte = [max(len(r[k]) for r in rijen) for k in range(len(rijen[0]))]

    def lijn(cellen):
        return "| " + " | ".join(c.ljust(b) for c, b in zip(cellen, breedte, strict=True)) + " |"

    scheiding = "|" + "|".join("-" * (b + 2) for b in breedte) + "|"
    return "\n".join([lijn(rijen[0]), scheiding, *[lijn(r) for r in rijen[1:]]])


def tabel(metingen) -> str:
    return _markdown([KOPPEN, *[rij_cellen(m) for m in metingen]])


def herinneringen_regel(h: dict) -> str:
    if h.get("worker"):
        hoe = f"a real prefork Celery worker, {h['workers']} processes"
        if h.get("over"):
            hoe += f"; stopped at the time limit with {h['over']} still to send"
    else:
        hoe = f"{h['workers']} in-process engine(s) side by side (threads)"
    return (
        f"Reminders: {h['verzonden']}/{h['due']} sent in {h['seconden']:.1f} s "
        f"({h['per_seconde']:.0f}/s); received {h['ontvangen']}, distinct {h['verschillend']}, "
        f"duplicates {h['dubbel']}, failed {h['mislukt']}; {hoe} "
        f"(goal: 10,000 through a real worker in under 30 s, 0 duplicates)"
    )


def als_json(scale, aantallen, metingen, herinneringen, last) -> dict:
    """What --json writes and --compare reads."""
    import dataclasses

    return {
        "scale": scale,
        "aantallen": aantallen,
        "load": {"voor": list(last[0]), "na": list(last[1])},
        "metingen": [dataclasses.asdict(m) for m in metingen],
        "herinneringen": herinneringen,
    }


# Issue #17: per page, time at scale 3 at most 1.2x its time at scale 1.
GROEI_MAX = 1.2


def groei(klein: dict, groot: dict) -> str:
    """Per page: queries and median at both sizes, and how much the median grew (the
    yardstick's own growth shown first: a different moment of the machine shows there)."""
    sleutel = lambda m: (m["naam"], m["rol"])  # noqa: E731
    eerst = {sleutel(m): m for m in klein["metingen"]}
    koppen = ["page", "role", "queries", "median ms", "growth", "ratio", "result"]
    rijen = [koppen]
    for m in groot["metingen"]:
        k = eerst.get(sleutel(m))
        if k is None or k["median_ms"] is None or m["median_ms"] is None:
            continue
        factor = m["median_ms"] / k["median_ms"]
        yardstick = m["status"] == "yardstick"
        rijen.append(
            [
                m["naam"],
                m["rol"],
                f"{k['queries']} → {m['queries']}",
                f"{k['median_ms']:.1f} → {m['median_ms']:.1f}",
                f"{factor:.2f}x",
                "–" if yardstick else f"{k['ratio']:.1f}x → {m['ratio']:.1f}x",
                "yardstick" if yardstick else ("OK" if factor <= GROEI_MAX else "over"),
            ]
        )
    kop = (
        f"Growth from scale {klein['scale']:g} to {groot['scale']:g} "
        f"(goal: at most {GROEI_MAX}x per page; {klein['aantallen'].get('reflecties')} → "
        f"{groot['aantallen'].get('reflecties')} reflections)"
    )
    return kop + "\n\n" + _markdown(rijen)


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
