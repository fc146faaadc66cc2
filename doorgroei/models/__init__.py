"""doorgroei's models, one module per topic; everything is importable from doorgroei.models."""

from .getuigenis import Verhaalaanbod, Verhaaluitnodiging  # noqa: F401
from .ontwikkeling import Ontwikkeling  # noqa: F401
from .uitkomst import Uitkomst, UitkomstNuNiet  # noqa: F401
from .voorstel import Activiteitvoorstel  # noqa: F401
from .wens import Meehelpwens  # noqa: F401
