"""The crisis corpus (lib/signaal_corpus.txt) and how the detector scores on it.

Read by `manage.py crisiscorpus` and by the tests, so it ships with the code.
"""

from dataclasses import dataclass, field
from pathlib import Path

from .signaal import bevat_signaalwoord

CORPUS = Path(__file__).with_name("signaal_corpus.txt")


@dataclass(frozen=True)
class Zin:
    moet_vangen: bool
    taal: str
    tekst: str


@dataclass
class Meting:
    crisis: int = 0
    gevangen: int = 0
    gewoon: int = 0
    vals_alarm: int = 0
    gemist: list[Zin] = field(default_factory=list)
    onterecht: list[Zin] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.gevangen / self.crisis if self.crisis else 1.0

    @property
    def vals_alarm_ratio(self) -> float:
        return self.vals_alarm / self.gewoon if self.gewoon else 0.0


def zinnen(pad: Path = CORPUS) -> list[Zin]:
    """Lines like "+ nl | sentence" (must be caught) or "- en | sentence" (must not)."""
    resultaat = []
    for regel in pad.read_text(encoding="utf-8").splitlines():
        regel = regel.strip()
        if not regel or regel.startswith("#"):
            continue
        kop, _, tekst = regel.partition("|")
        teken, taal = kop.split()
        resultaat.append(Zin(teken == "+", taal, tekst.strip()))
    return resultaat


def meet(lijst: list[Zin] | None = None) -> Meting:
    meting = Meting()
    for zin in zinnen() if lijst is None else lijst:
        raak = bevat_signaalwoord(zin.tekst)
        if zin.moet_vangen:
            meting.crisis += 1
            meting.gevangen += raak
            if not raak:
                meting.gemist.append(zin)
        else:
            meting.gewoon += 1
            meting.vals_alarm += raak
            if raak:
                meting.onterecht.append(zin)
    return meting
