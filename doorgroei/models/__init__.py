"""doorgroei's models, one module per topic; everything is importable from doorgroei.models."""

from .wens import Meehelpwens  # noqa: F401
