"""doorgroei's models, one module per topic; everything is importable from doorgroei.models."""

from .voorstel import Activiteitvoorstel  # noqa: F401
