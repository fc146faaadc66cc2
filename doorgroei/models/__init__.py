"""doorgroei's models, one module per topic; everything is importable from doorgroei.models."""

from .uitkomst import Uitkomst, UitkomstNuNiet  # noqa: F401
