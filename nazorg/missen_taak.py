"""One run of "we missen je": find today's signals, then send their messages. Called by
the daily Celery task (nazorg/tasks.py) and by `manage.py missen`; running it twice, or
at the same time, is harmless (nazorg/missen.py, nazorg/missen_bericht.py)."""

from . import missen, missen_bericht


def draai() -> dict:
    gevonden = missen.vind_signalen()
    telling = missen_bericht.verstuur()
    return {"gevonden": gevonden, **telling}
