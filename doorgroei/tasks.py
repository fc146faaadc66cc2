"""doorgroei's Celery tasks, found by the worker's autodiscovery. Each topic defines its
tasks next to its logic and adds one import line here."""

from .wensen_melding import stuur_wensmail  # noqa: F401
